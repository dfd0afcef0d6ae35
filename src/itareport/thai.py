"""Thai digits, month names, the Buddhist era and fiscal-year arithmetic.

A Thai fiscal year (ปีงบประมาณ) N, counted in the Buddhist era (พ.ศ.), runs from
1 October N-1 to 30 September N: FY 2568 = ตุลาคม 2567 .. กันยายน 2568.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from .patterns import URL_OR_LATIN

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
BE_OFFSET = 543  # Buddhist era = Christian era + 543
MIN_BE_YEAR, MAX_BE_YEAR = 2400, 2800  # plausible Buddhist-era years in a data file

_TO_THAI = str.maketrans("0123456789", THAI_DIGITS)
_TO_ARABIC = str.maketrans(THAI_DIGITS, "0123456789")

MONTHS = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)

_KEEP_OR_DIGITS = re.compile(f"(?P<keep>{URL_OR_LATIN.pattern})|(?P<digits>[0-9]+)")
_ASCII_DIGIT = re.compile(r"[0-9]")


def to_thai_digits(text: str) -> str:
    """Every Arabic digit as a Thai digit, without exceptions."""
    return text.translate(_TO_THAI)


def to_arabic_digits(text: str) -> str:
    """Every Thai digit as an Arabic digit (for reading input)."""
    return text.translate(_TO_ARABIC)


def thai_numerals(text: str) -> str:
    """Arabic digits as Thai digits, except inside URLs, e-mail addresses and Latin words."""
    if not _ASCII_DIGIT.search(text):
        return text
    return _KEEP_OR_DIGITS.sub(
        lambda m: m.group(0) if m.group("keep") else m.group(0).translate(_TO_THAI), text
    )


class YearMonth(NamedTuple):
    """A month in the Buddhist era."""

    year: int
    month: int

    def __str__(self) -> str:
        return f"{self.year}-{self.month:02d}"


def fiscal_year_of(ym: YearMonth) -> int:
    """The fiscal year (B.E.) a month belongs to: October starts the next fiscal year."""
    return ym.year + 1 if ym.month >= 10 else ym.year


def current_fiscal_year(today: date | None = None) -> int:
    """The fiscal year (B.E.) of today (or of the given day)."""
    today = today or date.today()
    return fiscal_year_of(YearMonth(today.year + BE_OFFSET, today.month))


# A fiscal year a data file may be about: up to ten before the current one, and the next one (a plan).
YEARS_BACK, YEARS_AHEAD = 10, 1


def plausible_fiscal_years(current: int) -> tuple[int, int]:
    """The first and last fiscal year a data file may be about, given the current one."""
    return current - YEARS_BACK, current + YEARS_AHEAD


def from_christian_era(year: int, current: int | None = None) -> int | None:
    """The Buddhist-era year a Christian-era one stands for (2025 -> 2568) when a data file may be about it
    (plausible_fiscal_years, or the year before the first: its October); None otherwise (2058 is no 2601)."""
    first, last = plausible_fiscal_years(current or current_fiscal_year())
    return year + BE_OFFSET if first - 1 <= year + BE_OFFSET <= last else None


def typo_of(year: int, meant: Iterable[int]) -> int | None:
    """The first year of `meant` that `year` is a typing slip of: one digit mistyped, or two adjacent
    digits swapped (2596 for 2569, 2658 for 2568, 2578 for 2568); None when it is none of them."""
    written = str(year)
    for candidate in meant:
        other = str(candidate)
        if len(other) != len(written) or other == written:
            continue
        differ = [i for i, (a, b) in enumerate(zip(written, other, strict=True)) if a != b]
        if len(differ) == 1 or (len(differ) == 2 and differ[1] == differ[0] + 1
                                and written[differ[0]] == other[differ[1]] and written[differ[1]] == other[differ[0]]):
            return candidate
    return None


def fiscal_year_bounds(fiscal_year: int) -> tuple[YearMonth, YearMonth]:
    """First and last month of a fiscal year."""
    return YearMonth(fiscal_year - 1, 10), YearMonth(fiscal_year, 9)


def format_month(ym: YearMonth) -> str:
    """'ตุลาคม พ.ศ. 2567' (digits are converted later, with the rest of the text)."""
    return f"{MONTHS[ym.month - 1]} พ.ศ. {ym.year}"


def format_fiscal_year(fiscal_year: int) -> str:
    return f"ปีงบประมาณ พ.ศ. {fiscal_year}"


def format_range(start: YearMonth, end: YearMonth) -> str:
    if start == end:
        return format_month(start)
    return f"{format_month(start)} - {format_month(end)}"


def format_day(year: int, month: int, day: int) -> str:
    """'วันที่ 15 เดือน ตุลาคม พ.ศ. 2568', the date line of a signature."""
    return f"วันที่ {day} เดือน {MONTHS[month - 1]} พ.ศ. {year}"


BLANK_DATE_LINE = "วันที่ .......... เดือน ...................... พ.ศ. .........."

# Words counted after a number ("๔๕ คน", "๓ ครั้ง"): the number and the word stay on one line.
UNIT_WORDS = ("คน", "ราย", "ครั้ง", "เรื่อง", "แห่ง", "หน่วยงาน", "หน่วย", "บาท", "วัน", "เดือน", "ปี",
              "ชั่วโมง", "นาที", "โครงการ", "กิจกรรม", "ฉบับ", "ช่องทาง", "หมู่บ้าน", "ชุมชน", "ชิ้น",
              "เล่ม", "ชุด", "ข้อ", "ประเด็น", "คะแนน", "หลังคาเรือน", "ครัวเรือน", "รายการ", "ระดับ",
              "กอง", "ฝ่าย", "ตำแหน่ง", "แผน", "ด้าน")
NBSP = "\u00a0"
_NO_BREAK = re.compile(
    rf"(?<=พ\.ศ\.)[ \t]+(?=[0-9๐-๙])"        # พ.ศ. ๒๕๖๘
    rf"|(?<=ร้อยละ)[ \t]+(?=[0-9๐-๙])"        # ร้อยละ ๘๐
    rf"|(?<=[0-9๐-๙])[ \t]+(?=(?:{'|'.join(sorted(UNIT_WORDS, key=len, reverse=True))}))")  # ๔๕ คน


def no_break_spaces(text: str) -> str:
    """A no-break space where Thai typesetting keeps words on one line: after "พ.ศ." and
    "ร้อยละ" before a number, and between a number and the unit word after it."""
    if " " not in text:
        return text
    return _NO_BREAK.sub(NBSP, text)
