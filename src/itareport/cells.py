"""Cell values by column type: numbers and money (Thai or Arabic digits, separators), status
words, ITA scores and grades.

Every value arrives as the loader's text; these read it and write it back in Arabic digits
(the view turns them into the report's digits).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from .thai import to_arabic_digits

EMPTY_MONEY = "-"
KEY_PATTERN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

STATUS_WORDS = {"done": "ดำเนินการแล้ว", "in-progress": "อยู่ระหว่างดำเนินการ",
                "not-started": "ยังไม่ได้ดำเนินการ", "cancelled": "ยกเลิก"}
# Thai words typed in the data count as the same status.
STATUS_OF_WORD = {**{w: w for w in STATUS_WORDS}, **{thai: w for w, thai in STATUS_WORDS.items()}}

# ITA score bands (lowest score of each grade).
GRADE_BANDS = ((Decimal(95), "AA"), (Decimal(85), "A"), (Decimal(75), "B"), (Decimal(65), "C"),
               (Decimal(55), "D"), (Decimal(50), "E"), (Decimal(0), "F"))
PASS_SCORE = Decimal(85)

_NUMBER = re.compile(r"-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?")


def parse_number(value: Any) -> Decimal | None:
    """'15,000', '๑๕,๐๐๐.๕๐', 15000 -> Decimal; None when it is not a number."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return Decimal(str(value))
    if not isinstance(value, str):
        return None
    text = to_arabic_digits(value).strip().replace(" ", "")
    if not _NUMBER.fullmatch(text):
        return None
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
        return None


def is_empty(value: Any) -> bool:
    return value is None or value == [] or (isinstance(value, str) and not value.strip())


def format_money(amount: Decimal | None) -> str:
    """'15,000' or '15,000.50' (Arabic digits; the view converts them); '-' for no amount."""
    if amount is None:
        return EMPTY_MONEY
    if amount == amount.to_integral_value():
        return f"{int(amount):,}"
    return f"{amount.quantize(Decimal('0.01')):,}"


def format_number(amount: Decimal) -> str:
    return format(amount.normalize(), "f") if amount != amount.to_integral_value() else str(int(amount))


def format_score(score: Decimal) -> str:
    """Scores with two decimals, as the NACC publishes them: 72.40."""
    return f"{score.quantize(Decimal('0.01'))}"


def grade(score: Decimal) -> str:
    """The ITA grade of a score: AA 95-100, A 85-94.99, ... F 0-49.99."""
    for lowest, name in GRADE_BANDS:
        if score >= lowest:
            return name
    return "F"


def status_word(value: str) -> str | None:
    """The Thai status words of 'done' (or of the Thai words themselves); None when unknown."""
    key = STATUS_OF_WORD.get(value.strip().lower())
    return STATUS_WORDS[key] if key else None


def items(value: Any) -> list[str]:
    """A text or list of texts as a list."""
    if is_empty(value):
        return []
    if isinstance(value, list):
        return [str(v) for v in value if not is_empty(v)]
    return [str(value)]


def total_of(values: list[Any]) -> Decimal:
    return sum((parse_number(v) or Decimal(0) for v in values if not is_empty(v)), Decimal(0))
