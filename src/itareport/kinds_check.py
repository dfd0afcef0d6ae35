"""Checks of kind, columns and ita_results (codes ITA6xx): every problem as a located Diagnostic.

Run by validate.py after the schema accepted the file. The row values of declared columns
are kept as typed by the schema's ColumnRow (text or lists); their types are checked here.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from . import codes
from .cells import KEY_PATTERN, STATUS_WORDS, is_empty, items, parse_number, status_word
from .errors import Diagnostic, Severity
from .keynames import row_names, suggest_key
from .kinds import COLUMN_TYPES, NUMERIC_TYPES, Col, kind_of, row_keys
from .loader import Loaded, Path_
from .messages import M_, Message
from .model import Column, ItaResults, Report
from .table import period_value, rows_with_paths, table_columns, value_of

Add = Callable[..., None]   # add(severity, path, message, key=False): one located diagnostic (codes.message)


def _suggest(word: str, choices: list[str]) -> Message | str:
    close = difflib.get_close_matches(str(word), choices, n=1, cutoff=0.6)
    return M_(" (did you mean '{word}'?)", word=close[0]) if close else ""


def fill_keys(report: Report) -> tuple[str, ...]:
    """The keys validate warns about when a row leaves them empty (none with declared columns)."""
    return () if report.columns is not None else kind_of(report.kind).fill_keys


def check_kinds(loaded: Loaded, report: Report) -> list[Diagnostic]:
    out: list[Diagnostic] = []

    def add(severity: Severity, path: Path_, message: Message, key: bool = False) -> None:
        out.append(loaded.diagnostic(severity, path, message, key=key))

    declared = [c.key for c in report.columns] if report.columns is not None else None
    if report.columns is not None:
        _check_columns(report.columns, add)
    if report.round is not None and not kind_of(report.kind).wording.rounds:
        add("warning", ("round",), codes.message("ITA611", kind=report.kind))
    allowed = row_keys(report.kind, declared)
    names = row_names(report.kind, loaded.data.get("columns") if isinstance(loaded.data, dict) else None)
    cols = [c for c in table_columns(report) if c.type in COLUMN_TYPES]
    filled = {c.key: False for c in cols}
    rows = list(rows_with_paths(report))
    for path, row in rows:
        raw = _raw(loaded.data, path)
        for key in raw if isinstance(raw, dict) else ():
            if key not in allowed:
                meant = suggest_key(str(key), names)
                hint = M_(" (did you mean '{word}'?)", word=meant) if meant else ""
                where = M_(": no column declares it") if declared is not None else \
                    M_(": a {kind} does not print it", kind=report.kind)
                add("error", (*path, key), codes.message("ITA601", key=key, hint=hint, where=where,
                                                         keys=", ".join(allowed)), key=True)
        for col in cols:
            value = value_of(row, col.key) if col.key in allowed else None
            if col.key == "title" or is_empty(value):
                continue
            filled[col.key] = True
            _check_value(col, value, (*path, col.key), add)
    if report.columns is not None:
        for i, column in enumerate(report.columns):
            if column.key != "title" and not filled.get(column.key, True) and rows:
                add("warning", ("columns", i), codes.message("ITA610", key=column.key, header=column.header))
    if report.ita_results is not None:
        _check_results(report.ita_results, add)
    return out


def _check_columns(columns: list[Column], add: Add) -> None:
    seen: dict[str, int] = {}
    for i, col in enumerate(columns):
        path = ("columns", i)
        if not KEY_PATTERN.fullmatch(col.key):
            add("error", (*path, "key"), codes.message("ITA604", key=col.key))
        if col.key in seen:
            add("error", (*path, "key"), codes.message("ITA603", key=col.key, first=seen[col.key] + 1))
        seen.setdefault(col.key, i)
        if col.type not in COLUMN_TYPES:
            add("error", (*path, "type"), codes.message("ITA602", type=col.type, hint=_suggest(
                col.type, list(COLUMN_TYPES)), types=", ".join(COLUMN_TYPES)))
        if col.width is not None:
            width = parse_number(col.width)
            if width is None or width <= 0:
                add("error", (*path, "width"), codes.message("ITA605", width=col.width))
        if col.total and col.type not in NUMERIC_TYPES:
            add("error", (*path, "total"), codes.message("ITA609", key=col.key, type=col.type))


def _check_value(col: Col, value: Any, path: Path_, add: Add) -> None:
    if col.type in NUMERIC_TYPES:
        if isinstance(value, list) or parse_number(value) is None:
            shown = "a list" if isinstance(value, list) else f"'{value}'"
            add("error", path, codes.message("ITA606", value=shown))
    elif col.type == "status":
        for text in items(value):
            if status_word(text) is None:
                words = list(STATUS_WORDS)
                add("error", path, codes.message("ITA607", words=", ".join(words), value=text,
                                                 hint=_suggest(text.strip().lower(), words)))
    elif col.type == "period" and col.key != "period" and period_value(value) is None:
        add("error", path, codes.message("ITA612", value=f"'{value}'" if isinstance(value, str) else "a list"))


def _check_score(value: Any, path: Path_, add: Add) -> None:
    score = parse_number(value)
    if score is None or not Decimal(0) <= score <= Decimal(100):
        add("error", path, codes.message("ITA608", value=value))


def _check_results(results: ItaResults, add: Add) -> None:
    _check_score(results.score, ("ita_results", "score"), add)
    for i, indicator in enumerate(results.indicators):
        _check_score(indicator.score, ("ita_results", "indicators", i, "score"), add)


def _raw(data: Any, path: Path_) -> Any:
    for part in path:
        data = data[part]
    return data
