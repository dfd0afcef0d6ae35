"""Periods written as Thai text: 'ปีงบประมาณ พ.ศ. ๒๕๖๘', 'ตุลาคม ๒๕๖๖ - ธันวาคม ๒๕๖๖', 'ต.ค. 67', 'ไตรมาสที่ 2'.

One parser for every place a period arrives as text: import, and the data file itself
(the model reads a text period against the report's fiscal year).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from .patterns import compiled
from .thai import BE_OFFSET, MAX_BE_YEAR, MIN_BE_YEAR, MONTHS, YearMonth, fiscal_year_bounds, to_arabic_digits

_ABBREVIATIONS = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.")
# The patterns are compiled when a text period is first read (patterns.compiled): most data files have none.
_MONTH_PATTERNS = [f"(?:{full}|{re.escape(abbr).replace(chr(92) + '.', chr(92) + '.?')})"
                   for full, abbr in zip(MONTHS, _ABBREVIATIONS, strict=False)]
_MONTH = "|".join(_MONTH_PATTERNS)
_YEAR = r"(?:(?:พ\.?\s*ศ\.?|ปี)\s*)?([0-9]{4}|[0-9]{2})"
_DAY = r"(?:(?:วันที่\s*)?[0-9]{1,2}\s+)?"
_SEP = r"\s*(?:-|–|—|ถึง|จนถึง|ถึงเดือน|~)\s*"
_RANGE = (rf"(?:ระหว่าง|ตั้งแต่)?\s*(?:เดือน)?\s*{_DAY}({_MONTH})\s*(?:{_YEAR})?"
          rf"{_SEP}(?:เดือน)?\s*{_DAY}({_MONTH})\s*(?:{_YEAR})?")
_SINGLE = rf"(?:เดือน)?\s*{_DAY}({_MONTH})\s*(?:{_YEAR})?"
_FISCAL = rf"(?:ตลอด|ทั้ง)?\s*(?:ปีงบประมาณ|ปีงบ\.?|ปี)\s*(?:{_YEAR})?"
_QUARTER_WORD = r"(?:ไตรมาส\s*(?:ที่)?|[Qq])\s*"
_QUARTER = (rf"{_QUARTER_WORD}([1-4])(?:{_SEP}(?:{_QUARTER_WORD})?([1-4]))?"
            rf"(?:\s*(?:/|ของ)?\s*(?:ปีงบประมาณ|ปีงบ\.?|ปี)?\s*{_YEAR})?")


def _month_of(text: str) -> int:
    return next(i for i, p in enumerate(_MONTH_PATTERNS, start=1) if compiled(p).fullmatch(text))


FISCAL_YEAR_WORDS = ("fiscal-year", "ปีงบประมาณ")   # the whole fiscal year, as a data file writes it


@dataclass
class ParsedPeriod:
    """A period read from text."""

    value: object | None           # 'fiscal-year', {'from':..., 'to':...}, or None when not understood
    converted_ce: bool = False     # a Christian-era year was turned into B.E.


def be_year(year: str | None) -> tuple[int | None, bool]:
    """A written year as B.E. ('67' -> 2567, 2024 -> 2567 converted), None when absent or implausible."""
    if year is None:
        return None, False
    y, converted = int(year), False
    if y < 100:
        y += 2500
    elif 1800 <= y < MIN_BE_YEAR:
        y, converted = y + BE_OFFSET, True
    return (y, converted) if MIN_BE_YEAR <= y <= MAX_BE_YEAR else (None, False)


def quarter_bounds(fiscal_year: int, quarter: int) -> tuple[YearMonth, YearMonth]:
    """First and last month of a quarter (1-4) of a fiscal year: quarter 1 of 2567 is 2566-10 .. 2566-12."""
    first = (fiscal_year - 1) * 12 + 9 + 3 * (quarter - 1)   # months since year 0, October = 9
    last = first + 2
    return YearMonth(first // 12, first % 12 + 1), YearMonth(last // 12, last % 12 + 1)


def parse_period(text: str, fiscal_year: int | None) -> ParsedPeriod:
    """A period written as text: 'ปีงบประมาณ พ.ศ. ๒๕๖๘', 'ตุลาคม ๒๕๖๖ - ธันวาคม ๒๕๖๖', 'ต.ค. 67', 'ไตรมาสที่ 2'.

    A year that is not written is taken from fiscal_year (quarters count in the fiscal year)."""
    t = re.sub(r"\s+", " ", to_arabic_digits(text)).strip().rstrip(".").strip()
    years = re.findall(r"[0-9]{4}", t)
    if any(be_year(y)[0] is None for y in years):
        return ParsedPeriod(None)
    m = compiled(_QUARTER).fullmatch(t)
    if m:
        year, ce = be_year(m.group(3)) if m.group(3) else (fiscal_year, False)
        first, last = int(m.group(1)), int(m.group(2) or m.group(1))
        if year is None or first > last:
            return ParsedPeriod(None)
        return ParsedPeriod({"from": str(quarter_bounds(year, first)[0]), "to": str(quarter_bounds(year, last)[1])}, ce)
    m = compiled(_FISCAL).fullmatch(t)
    if m:
        year, ce = be_year(m.group(1))
        if year is None or year == fiscal_year:
            return ParsedPeriod("fiscal-year", ce)
        start, end = fiscal_year_bounds(year)
        return ParsedPeriod({"from": str(start), "to": str(end)}, ce)
    m = compiled(_RANGE).fullmatch(t)
    if m:
        m1, m2 = _month_of(m.group(1)), _month_of(m.group(3))
        (y1, ce1), (y2, ce2) = be_year(m.group(2)), be_year(m.group(4))
        if y1 is None and y2 is not None:
            y1 = y2 if m1 <= m2 else y2 - 1
        elif y2 is None and y1 is not None:
            y2 = y1 if m2 >= m1 else y1 + 1
        elif y1 is None and fiscal_year is not None:
            y1 = fiscal_year - 1 if m1 >= 10 else fiscal_year
            y2 = fiscal_year - 1 if m2 >= 10 else fiscal_year
        if y1 is None or y2 is None:
            return ParsedPeriod(None)
        start, end = YearMonth(y1, m1), YearMonth(y2, m2)
        if start > end:
            return ParsedPeriod(None)
        return ParsedPeriod({"from": str(start), "to": str(end)}, ce1 or ce2)
    m = compiled(_SINGLE).fullmatch(t)
    if m:
        month, (year, ce) = _month_of(m.group(1)), be_year(m.group(2))
        if year is None and fiscal_year is not None:
            year = fiscal_year - 1 if month >= 10 else fiscal_year
        if year is None:
            return ParsedPeriod(None)
        return ParsedPeriod({"from": str(YearMonth(year, month)), "to": str(YearMonth(year, month))}, ce)
    return ParsedPeriod(None)


_DATE_LINE = rf"(?:(?:ณ|เมื่อ)\s*)?วันที่\s*([0-9]{{1,2}})\s*(?:เดือน\s*)?({_MONTH})\s*(?:{_YEAR})"  # compiled when used
_BLANK_DATE = re.compile(r"^(?:(?:ณ|เมื่อ)\s*)?วันที่[\s.…_]*(?:เดือน[\s.…_]*)?(?:(?:พ\.?\s*ศ\.?|ปี)[\s.…_]*)?$")


def read_day(text: str) -> str | None:
    """A signing date written as text: 'วันที่ ๑๕ เดือน ตุลาคม พ.ศ. ๒๕๖๘' -> '2568-10-15', a line of dots to
    fill by hand ('วันที่ ...... เดือน ........ พ.ศ. ......') -> 'blank'; None when it is neither."""
    t = re.sub(r"\s+", " ", to_arabic_digits(text)).strip()
    if _BLANK_DATE.match(t):
        return "blank" if "..." in t.replace(" ", "") or "_" in t or "…" in t else None
    m = compiled(_DATE_LINE).fullmatch(t.rstrip("."))
    if not m:
        return None
    year, _ce = be_year(m.group(3))
    day, month = int(m.group(1)), _month_of(m.group(2))
    if year is None or not 1 <= day <= calendar.monthrange(year - BE_OFFSET, month)[1]:
        return None
    return f"{year}-{month:02d}-{day:02d}"


def is_date_line(text: str) -> bool:
    """A line that is a signing date (written or to fill), or starts like one ('วันที่ ...')."""
    return re.match(r"^(?:(?:ณ|เมื่อ)\s*)?วันที่", text.strip()) is not None
