"""A value as the document shows it, edited, back in the data file's own form.

The report prints every text in its final form (view.final_text: the report's digits, no-break
spaces where Thai keeps words together), money with separators, statuses and periods in Thai
words, the signature date as a Thai date. An officer's edit arrives in that form; these functions
write it back the way the data file writes that value:

- a text: the characters the officer did not touch are the data file's own (its digits, spaces),
  the ones typed are put in the digits the text (or the file) uses: Thai digits typed into an
  Arabic-digit file go back as Arabic digits and the other way round, never flipping a whole file;
- money and numbers: compared as numbers (15000 typed in Excel equals '๑๕,๐๐๐'), written with the
  separators and digits the old value had;
- a status: the word the file uses (done, or ดำเนินการแล้ว);
- a period: read as import reads it (periods.parse_period), written in the form the file uses
  (fiscal-year, a {from, to} mapping, or a text);
- the signature date: YYYY-MM-DD in the file's digits, or blank.

Nothing here knows a document format; `Digits` is 'thai', 'arabic' or None (no evidence).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from difflib import SequenceMatcher
from typing import Any

from ..cells import STATUS_OF_WORD, STATUS_WORDS, is_empty, parse_number
from ..model import SIGN_DATE_BLANK
from ..patterns import URL_OR_LATIN
from ..periods import FISCAL_YEAR_WORDS, parse_period
from ..thai import BLANK_DATE_LINE, MONTHS, NBSP, THAI_DIGITS, to_arabic_digits, to_thai_digits

Digits = str | None   # 'thai', 'arabic', or None when a text shows no digits

VALUE_KEYS = frozenset(("version", "fiscal_year", "from", "to", "date", "score", "width"))
_LABEL = re.compile(r"\s*(?:[0-9๐-๙]{1,4}[.)]|[-–•●▪*])(?:\t|\s+)")


_THAI_DIGIT = re.compile(f"[{THAI_DIGITS}]")
_ARABIC_DIGIT = re.compile("[0-9]")
_MAY_BE_KEPT = re.compile("[A-Za-z@]")   # in every URL_OR_LATIN match: without one, no text is scanned for them


def as_arabic(text: str) -> str:
    """to_arabic_digits, without translating a text that has no Thai digit (most of them)."""
    return to_arabic_digits(text) if _THAI_DIGIT.search(text) else text


def normalized(text: str) -> str:
    """A text compared as the reader sees it: Arabic digits, plain spaces, no spaces at the ends."""
    return as_arabic(text).replace(NBSP, " ").strip()


def same_text(a: str, b: str) -> bool:
    return normalized(a) == normalized(b)


def digits_of(text: str) -> Digits:
    """The digits a text writes: Thai, Arabic (those outside URLs and Latin words), or None."""
    thai = len(_THAI_DIGIT.findall(text))
    kept = sum(sum(ch.isdigit() for ch in m.group()) for m in URL_OR_LATIN.finditer(text)) \
        if _MAY_BE_KEPT.search(text) else 0
    arabic = len(_ARABIC_DIGIT.findall(text)) - kept
    if not thai and not arabic:
        return None
    return "thai" if thai >= arabic else "arabic"


@dataclass(frozen=True)
class FileStyle:
    """How a data file writes what it writes: digits of its texts and of its values (years, months,
    dates, amounts), its periods (a mapping or a text for a range; the whole year's word), its
    statuses (English keys or Thai words)."""

    text_digits: Digits = None
    value_digits: Digits = None
    range_form: str = "mapping"        # 'mapping' or 'text'
    whole_year: str = "fiscal-year"    # or 'ปีงบประมาณ'
    status_form: str = "key"           # 'key' (done) or 'thai' (ดำเนินการแล้ว)


def file_style(data: Any, period_keys: set[str], amount_keys: set[str], status_keys: set[str]) -> FileStyle:
    """The style of a data file's plain data (the loader's): counted over all its values."""
    counts: dict[str, int] = {}

    def count(name: str) -> None:
        counts[name] = counts.get(name, 0) + 1

    def walk(node: Any, key: str | None) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                if k in period_keys and isinstance(v, dict):
                    count("mapping")
                elif k in period_keys and isinstance(v, str):
                    count("whole:" + v if v in FISCAL_YEAR_WORDS else "text")
                if k in status_keys and isinstance(v, str):
                    count("status:key" if v in STATUS_WORDS else "status:thai" if v in STATUS_OF_WORD else "-")
                walk(v, k)
        elif isinstance(node, list):
            for item in node:
                walk(item, key)
        elif isinstance(node, str):
            digits = digits_of(node)
            if digits:
                count(("value:" if key in VALUE_KEYS or key in amount_keys else "text:") + digits)

    walk(data, None)

    def pick(a: str, b: str) -> bool:
        return counts.get(a, 0) > counts.get(b, 0)

    def digits(kind: str) -> Digits:
        thai, arabic = counts.get(f"{kind}:thai", 0), counts.get(f"{kind}:arabic", 0)
        return None if not thai and not arabic else "thai" if thai > arabic else "arabic"

    return FileStyle(digits("text"), digits("value"), "text" if pick("text", "mapping") else "mapping",
                     "ปีงบประมาณ" if pick("whole:ปีงบประมาณ", "whole:fiscal-year") else "fiscal-year",
                     "thai" if pick("status:thai", "status:key") else "key")


def in_digits(text: str, digits: Digits, only: list[bool] | None = None) -> str:
    """The text's digits (or those at the positions marked in `only`) written in these digits; Arabic
    digits inside URLs and Latin words stay Arabic, as the report prints them."""
    if digits is None:
        return text
    if digits == "arabic":
        return "".join(to_arabic_digits(ch) if only is None or only[i] else ch for i, ch in enumerate(text))
    kept = [False] * len(text)
    for m in URL_OR_LATIN.finditer(text):
        kept[m.start():m.end()] = [True] * (m.end() - m.start())
    return "".join(to_thai_digits(ch) if not kept[i] and (only is None or only[i]) else ch
                   for i, ch in enumerate(text))


_TOKEN = re.compile(r"\s+|\S+")


def _tokens(text: str) -> list[str]:
    """Words and the spaces between them (a word: anything between spaces)."""
    return _TOKEN.findall(text)


def _key(token: str) -> str:
    return " " if token.isspace() else as_arabic(token)


def _starts(orig: list[str], rendered: list[str]) -> list[int]:
    """For each token of the rendered text (and its end), the orig token it starts at."""
    matcher = SequenceMatcher(None, [_key(t) for t in orig], [_key(t) for t in rendered], autojunk=False)
    starts = [0] * (len(rendered) + 1)
    for _tag, a1, a2, b1, b2 in matcher.get_opcodes():
        for b in range(b1, b2):
            starts[b] = a1 + min(b - b1, a2 - a1)
    starts[len(rendered)] = len(orig)
    return starts


def revert_text(orig: str | None, rendered: str, edited: str, digits: Digits) -> str:
    """The data text of an edited text: orig where the rendering is unchanged; else word by word, the
    words the officer left as they were (as the report prints them, whatever its digits) as orig has
    them, and the words typed in the text's digits (orig's, else `digits`), with no-break spaces as
    plain spaces."""
    edited = edited.strip()
    if orig is not None and same_text(edited, rendered):
        return orig
    if orig is None:
        return in_digits(edited.replace(NBSP, " "), digits)
    digits = digits_of(orig) or digits
    old, shown, new = _tokens(orig), _tokens(rendered), _tokens(edited)
    starts = _starts(old, shown)
    matcher = SequenceMatcher(None, [_key(t) for t in shown], [_key(t) for t in new], autojunk=False)
    out: list[str] = []
    typed: list[bool] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        piece = "".join(old[starts[i1]:starts[i2]]) if tag == "equal" else "".join(new[j1:j2]).replace(NBSP, " ")
        out.append(piece)
        typed += [tag != "equal"] * len(piece)
    return in_digits("".join(out), digits, typed).strip()


def strip_label(text: str, label: str | None = None) -> str:
    """A list paragraph's text without its label ('๑.' then a tab, '- '), as typed or as printed."""
    if label and text.startswith(label) and text[len(label):len(label) + 1] in ("\t", " "):
        return text[len(label) + 1:].strip()
    m = _LABEL.match(text)
    return text[m.end():].strip() if m else text.strip()


def has_label(text: str) -> str | None:
    """'number' or 'bullet' when a paragraph starts with a label, else None."""
    m = _LABEL.match(text)
    if not m:
        return None
    return "number" if m.group().strip()[:1] in "0123456789๐๑๒๓๔๕๖๗๘๙" else "bullet"


# --- numbers, statuses, periods, dates ------------------------------------------------------------

def amount_text(amount: Decimal, like: str | None, money: bool, digits: Digits) -> str:
    """An amount written as `like` writes one (separators, decimal places, digits); by default money
    with separators and satang (15,000 or 15,000.50), a number as it is."""
    arabic = to_arabic_digits(like) if like is not None else ""
    whole = arabic.lstrip("-").partition(".")[0].replace(",", "")
    commas = "," in arabic if len(whole) > 3 else money   # a small amount says nothing about separators
    places = len(arabic.rpartition(".")[2]) if "." in arabic else 2 if money else 0
    if amount != amount.to_integral_value() or ("." in arabic and places):
        exponent = -max(places, -amount.normalize().as_tuple().exponent)  # type: ignore[operator]
        amount = amount.quantize(Decimal(1).scaleb(exponent))
        text = f"{amount:,f}" if commas else f"{amount:f}"
    else:
        text = f"{int(amount):,}" if commas else str(int(amount))
    return in_digits(text, (digits_of(like) if like else None) or digits)


def revert_amount(orig: Any, edited: Any, money: bool, digits: Digits) -> Any:
    """A money or number cell: orig when the amount is the same; None when emptied ('-' or nothing);
    the new amount in orig's way; a text that is no amount as typed (validate reports it)."""
    text = edited if isinstance(edited, str) else "" if edited is None else str(edited)
    new = Decimal(str(edited)) if isinstance(edited, (int, float, Decimal)) and not isinstance(edited, bool) \
        else parse_number(text)
    old = parse_number(orig) if not is_empty(orig) else None
    if new is not None and new == old:
        return orig
    if new is None and text.strip() in ("", "-", "–"):
        return orig if old is None else None
    if new is None:
        return revert_text(None, "", text, digits)
    return amount_text(new, orig if isinstance(orig, str) else None, money, digits)


def revert_status(orig: Any, rendered: str, edited: str, style: FileStyle) -> Any:
    """A status cell: the key or Thai word the file uses for the status the officer chose."""
    if same_text(edited, rendered):
        return orig
    key = STATUS_OF_WORD.get(edited.strip().lower())
    if key is None:
        return revert_text(None, "", edited, style.text_digits) if edited.strip() else None
    if isinstance(orig, str) and STATUS_OF_WORD.get(orig.strip().lower()) == key:
        return orig
    thai = orig in STATUS_WORDS.values() if isinstance(orig, str) and orig in STATUS_OF_WORD \
        else style.status_form == "thai"
    return STATUS_WORDS[key] if thai else key


def _month_in(text: str, like: Any, digits: Digits) -> str:
    return in_digits(text, (digits_of(like) if isinstance(like, str) else None) or digits)


def revert_period(orig: Any, rendered: str, edited: str, fiscal_year: int, style: FileStyle) -> Any:
    """A period cell: orig when it reads the same; else the period in the form the file uses."""
    if same_text(edited, rendered):
        return orig
    if not edited.strip():
        return None
    read = parse_period(edited, fiscal_year).value
    text = revert_text(orig if isinstance(orig, str) else None, rendered, edited, style.text_digits)
    if read is None:
        return text   # kept as typed: validate says it cannot be read
    if read == "fiscal-year":
        return orig if orig in FISCAL_YEAR_WORDS else style.whole_year
    assert isinstance(read, dict)
    if isinstance(orig, dict):
        new = {key: _month_in(read[key], orig.get(key), style.value_digits) for key in ("from", "to")}
        same = all(to_arabic_digits(str(orig.get(k, ""))) == read[k] for k in ("from", "to"))
        return orig if same else {**{k: v for k, v in orig.items() if k not in new}, **new} \
            if set(orig) <= {"from", "to"} else new
    if (isinstance(orig, str) and orig not in FISCAL_YEAR_WORDS) or (orig is None and style.range_form == "text") \
            or (orig in FISCAL_YEAR_WORDS and style.range_form == "text"):
        return text
    return {key: _month_in(read[key], None, style.value_digits) for key in ("from", "to")}


_MONTH = "|".join(MONTHS)
_DATE = re.compile(rf"(?:วันที่)?\s*([0-9]{{1,2}})\s*(?:เดือน)?\s*({_MONTH})\s*(?:พ\.?\s*ศ\.?)?\s*([0-9]{{4}})")


def revert_date(orig: Any, rendered: str | None, edited: str, digits: Digits) -> Any:
    """The signature's date line: orig when unchanged; 'blank' (or the file's word) for a line of dots;
    YYYY-MM-DD for a Thai date; None when removed. Raises ValueError for a line that is no date."""
    if rendered is not None and same_text(edited, rendered):
        return orig
    text = normalized(edited)
    if not text:
        return None
    if "..." in text or text == normalized(BLANK_DATE_LINE):
        return orig if orig in SIGN_DATE_BLANK else "blank"
    m = _DATE.fullmatch(text)
    if not m:
        raise ValueError(edited)
    day, month, year = int(m.group(1)), MONTHS.index(m.group(2)) + 1, int(m.group(3))
    return in_digits(f"{year}-{month:02d}-{day:02d}", (digits_of(orig) if isinstance(orig, str) else None) or digits)


def thai_or_not(numerals: str) -> Digits:
    """The digits a report prints in (numerals: thai or arabic)."""
    return "thai" if numerals == "thai" else "arabic"


__all__ = ["Digits", "FileStyle", "amount_text", "digits_of", "file_style", "has_label", "in_digits", "normalized",
           "revert_amount", "revert_date", "revert_period", "revert_status", "revert_text", "same_text", "strip_label",
           "thai_or_not"]
