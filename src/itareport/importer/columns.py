"""A source table with columns beyond the six: declared columns (`columns:`) with the source's headers.

plan() decides whether the table gets declared columns: it does when a column none of the six
(and not a lone หมายเหตุ, which stays a comment as before) has text. Then every column of the
source but the running number is declared in the source's order, with its header as written:
the six go to their built-in keys, the others get a key from their header words (objective,
budget, status, ...) or column_N, and a type from their cells (money for budget cells that are
amounts, status for status words, list when a cell has several paragraphs, else text).

Money: an amount is written as the source shows it ("15,000", "๑๕,๐๐๐"), without a "บาท" after
it; a cell without an amount ("-", empty) is left out (the report prints "-"). A last row labelled
รวม (รวมทั้งสิ้น, ยอดรวม ...) whose other cells are amounts is the table's total row
(split_total): it is not a measure; the money and number columns it adds up get `total: true`,
and an amount that is not the sum of its column is reported (the report prints the sum).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from ..cells import format_money, parse_number, status_word
from ..kinds import DEFAULT_KIND, KINDS, NUMERIC_TYPES
from .labels import TOTAL_LABEL, cell_text, clean, pieces
from .source import OTHER, Cell, Source, SourceRow

# Types of the six columns, as the standard report prints them.
BUILT_IN_TYPES = {c.key: c.type for c in KINDS[DEFAULT_KIND].columns}
# Keys from header words, tried in order; the built-in ones (status, target, problems) take the
# model's types: status one status word, target and problems lists.
_KEY_WORDS = (("budget", re.compile(r"งบประมาณ|จำนวนเงิน|ค่าใช้จ่าย")), ("objective", re.compile(r"วัตถุประสงค์")),
              ("status", re.compile(r"สถานะ")), ("problems", re.compile(r"ปัญหา|อุปสรรค|ข้อเสนอแนะ")),
              ("target", re.compile(r"เป้าหมาย")), ("remarks", re.compile(r"หมายเหตุ")))
_LIST_KEYS = ("target", "problems")
REMARKS = re.compile(r"^หมายเหตุ$")
_LABEL = re.compile(r"^(?:[-–•·▪●]|\(?[0-9๐-๙]{1,3}[.)])\s*")
_BAHT = re.compile(r"\s*บาท\.?$")
_MONEY_HEADER = re.compile(r"บาท|งบประมาณ|จำนวนเงิน|ค่าใช้จ่าย")


def money_text(text: str) -> str | None:
    """An amount as written, without 'บาท' ('' for '-' or nothing); None when it is not an amount."""
    text = _BAHT.sub("", clean(text).replace("\n", " ")).strip()
    if text in ("", "-", "–", "—"):
        return ""
    return text if parse_number(text) is not None else None


def split_total(source: Source) -> tuple[Source, SourceRow | None]:
    """The source without its total row, and that row: the last row of the table, labelled รวม in its
    number or title cell, whose other cells hold amounts or nothing, one of them in a column none of the six."""
    rows = [k for k, row in enumerate(source.rows) if row.section is None]
    if not rows:
        return source, None
    row = source.rows[rows[-1]]
    texts = {key: cell_text(cell, " ") for key, cell in row.cells.items() if not cell.empty}
    label = next((texts.pop(key) for key in ("number", "title") if key in texts), "")
    if not TOTAL_LABEL.match(re.sub(r"\s+", "", label)) or any(money_text(t) is None for t in texts.values()) \
            or not any(name is None for name, _ in source.header) or len(rows) < 2:
        return source, None
    return replace(source, rows=source.rows[:rows[-1]] + source.rows[rows[-1] + 1:]), row


def _others(source: Source) -> list[str]:
    """The headers of the columns none of the six that have text in some row."""
    found = {key[1] for row in source.rows for key, cell in row.cells.items()
             if isinstance(key, tuple) and not cell.empty}
    return [header for name, header in source.header if name is None and header in found]


def plan(source: Source) -> tuple[Source, list[tuple[str | None, str]] | None]:
    """The source to convert and its columns (field, header), or None to convert as the six columns.

    With columns, the other columns' text is no longer a comment (row.extra emptied); without,
    their cells are dropped (row.extra keeps them as comments, as before)."""
    others = _others(source)
    if not others or all(REMARKS.match(re.sub(r"\s+", "", h)) for h in others):
        rows = [replace(r, cells={k: c for k, c in r.cells.items() if not isinstance(k, tuple)}) for r in source.rows]
        return replace(source, rows=rows), None
    return replace(source, rows=[replace(r, extra=[]) for r in source.rows]), list(source.header)


def other_cells(cells: dict) -> dict:
    """An activity's texts of the other columns: {(OTHER, header): [line, ...]}."""
    return {key: lines for key, cell in cells.items()
            if isinstance(key, tuple) and key[0] == OTHER and (lines := _lines(cell))}


def _lines(cell: Cell) -> list[str]:
    return [text for text in (clean(p.text) for p in pieces(cell.paras)) if text]


def _rows(measures: list[dict]) -> list[dict]:
    return [a for m in measures for a in m.get("activities", [m])]


def _key_of(header: str, position: int, used: set[str]) -> str:
    squeezed = re.sub(r"\s+", "", header)
    key = next((k for k, pattern in _KEY_WORDS if pattern.search(squeezed)), None)
    return key if key and key not in used else f"column_{position}"


def _type_of(key: str, header: str, values: list[list[str]]) -> str:
    """The type of another column from its cells (each a list of lines)."""
    if key in _LIST_KEYS:
        return "list"
    single = all(len(v) == 1 for v in values)
    money = key == "budget" or _MONEY_HEADER.search(re.sub(r"\s+", "", header))
    if money and values and all(money_text(" ".join(v)) is not None for v in values):
        return "money"
    if single and key == "status" and all(status_word(v[0]) is not None for v in values):
        return "status"
    return "text" if single else "list"


@dataclass(frozen=True)
class Total:
    """A total the source printed that is not the sum of its column: (column index, as printed, the sum)."""

    column: int
    printed: str
    sum: str


def declare(columns: list[tuple[str | None, str]], measures: list[dict],
            total: SourceRow | None = None) -> tuple[list[dict], list[dict], list[Total]]:
    """The `columns:` of the source and its measures with their cells under those keys; with the
    source's total row, `total: true` on the columns it adds up, and the totals that are not the sums."""
    rows = _rows(measures)
    used = {name for name, _ in columns if name}
    declared, keys = [], {}
    for position, (name, header) in enumerate(columns, start=1):   # column_N: N counts the source's columns
        if name == "number":
            continue    # the running number: the report numbers the measures itself
        if name:
            declared.append({"key": name, "header": header, "type": BUILT_IN_TYPES[name]})
            keys[name] = name
            continue
        values = [row[(OTHER, header)] for row in rows if (OTHER, header) in row]
        key = _key_of(header, position, used)
        kind = _type_of(key, header, values)
        if key == "status" and kind != "status":
            key = f"column_{position}"    # the built-in status holds one status word
        used.add(key)
        declared.append({"key": key, "header": header, "type": kind})
        keys[(OTHER, header)] = (key, kind)
    measures = [_measure(m, keys) for m in measures]
    return declared, measures, _totals(declared, keys, measures, total)


def _totals(declared: list[dict], keys: dict, measures: list[dict], total: SourceRow | None) -> list[Total]:
    """Mark the columns the total row adds up; the printed totals that are not the sum."""
    if total is None:
        return []
    wrong = []
    amounts = {keys[k][0]: money_text(cell_text(c, " ")) for k, c in total.cells.items() if k in keys
               and isinstance(keys[k], tuple)}
    any_amount = any(amounts.values())
    for i, column in enumerate(declared):
        printed = amounts.get(column["key"]) or ""
        if column["type"] not in NUMERIC_TYPES or (not printed and any_amount):
            continue    # a row with amounts totals the columns that have one; one without (unsaved sums), all
        column["total"] = True
        found = sum((parse_number(v) or Decimal(0) for r in _rows(measures) if (v := r.get(column["key"]))),
                    Decimal(0))
        if printed and parse_number(printed) != found:
            wrong.append(Total(i, printed, format_money(found)))
    return wrong


def _measure(measure: dict, keys: dict) -> dict:
    if "activities" in measure:
        return {"title": measure["title"], "activities": [_row(a, keys) for a in measure["activities"]]}
    return _row(measure, keys)


def _row(row: dict, keys: dict) -> dict:
    out = {"title": row["title"], "details": row.get("details")}
    for source_key, target in keys.items():
        if source_key not in row:
            continue
        if isinstance(target, str):
            out[target] = row[source_key]
            continue
        key, kind = target
        lines = row[source_key]
        if kind == "money":
            amount = money_text(" ".join(lines))
            if amount:
                out[key] = amount
            continue
        out[key] = [_LABEL.sub("", line) or line for line in lines] if kind == "list" else " ".join(lines)
    return out


def forget(notes, columns: list[dict]) -> None:
    """Drop the notes on built-in row keys no declared column keeps (e.g. an owner placeholder)."""
    kept = {c["key"] for c in columns}
    gone = set(BUILT_IN_TYPES) - kept

    def stays(path: tuple) -> bool:
        return not (path[:1] == ("measures",) and path and path[-1] in gone)
    notes.keep(stays)
