"""The edited measures table against the table of the data it was built from.

The base's View gives every row as printed and table.rows_with_paths where each row lives in the
data. Document columns are matched to the report's by header (an edited header keeps its place);
rows by their cells' texts with difflib (update.match.pair_items: equal rows, then alike ones), so
an inserted, a deleted and an edited row are told apart; inside a cell, paragraphs likewise (a
changed step, a step added, a step removed). Each difference is written back at its data path in
the data file's own form (back.py). A new row becomes a new measure, or a new activity when its
title starts with '-' under a measure of activities; a deleted row is removed only when allowed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from difflib import SequenceMatcher
from typing import Any

from ..cells import parse_number
from ..i18n import N_
from ..kinds import Col, kind_of
from ..model import GroupedMeasure, Report
from ..table import rows_with_paths
from ..update import ABSENT
from ..update.match import pair_items
from ..view import TOTAL_LABEL, Para, Row, View
from .back import (
    FileStyle,
    has_label,
    normalized,
    revert_amount,
    revert_period,
    revert_status,
    revert_text,
    same_text,
    strip_label,
)
from .document import DocRow, Document
from .edits import MEASURES_ADDED, MEASURES_REMOVED, ROWS_ADDED, ROWS_REMOVED, DataPath, Edits

LIST_KEYS = frozenset(("details", "steps", "results", "outcomes", "target", "problems"))
AMOUNTS = ("money", "number")

NO_KEY = N_("column '{header}' has no key in the data file; its text was not kept: {text}")
HEADER_FIXED = N_("the header '{header}' is written by the document kind; the change to '{edited}' was not kept")
ROW_KEPT = N_("row {number} ('{title}') was deleted in the document; it stays in the data file (add --allow-delete "
              "to remove it)")
NO_TITLE = N_("a new row without a title was not added: {text}")
TITLE_GONE = N_("the title was deleted; it stays '{title}'")


def labelled(col: Col) -> bool:
    return col.key == "title" or col.type in ("numbered", "list")


def doc_items(col: Col, paras: list[Any]) -> list[Any]:
    """A document cell's paragraphs as items: empty ones out, labels off where the column prints them."""
    out: list[Any] = []
    for para in paras:
        if isinstance(para, (int, float, Decimal)) and not isinstance(para, bool):
            out.append(para)
        elif str(para).strip():
            out.append(strip_label(str(para)) if labelled(col) else str(para).strip())
    return out


def _amount_key(value: Any) -> str:
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return format(Decimal(str(value)).normalize(), "f")
    text = normalized(str(value or ""))
    number = parse_number(text)
    return format(number.normalize(), "f") if number is not None else "" if text in ("", "-", "–") else text


def base_key(col: Col, paras: list[Para]) -> list[str]:
    if col.type in AMOUNTS:
        return [_amount_key(paras[0].text if paras else "")]
    return [normalized(p.text) for p in paras]


def edited_key(col: Col, items: list[Any]) -> list[str]:
    if col.type in AMOUNTS:
        return [_amount_key(items[0] if items else "")]
    return [normalized(str(item)) for item in items]


def map_columns(doc: Document, cols: list[Col]) -> list[int | None]:
    """For each document column, the report column it shows; None for a column with no key."""
    headers = [normalized(c.header) for c in cols]
    if doc.keys is not None:
        by_key = {c.key: k for k, c in enumerate(cols)}
        return [headers.index(normalized(h)) if normalized(h) in headers else
                by_key.get(key) if isinstance(key, str) else None for key, h in zip(doc.keys, doc.headers, strict=True)]
    out: list[int | None] = [None] * len(doc.headers)
    matcher = SequenceMatcher(None, headers, [normalized(h) for h in doc.headers], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            for k in range(i2 - i1):
                out[j1 + k] = i1 + k
    return out


@dataclass
class BaseRow:
    view: Row
    path: DataPath
    measure: int
    first: bool      # the measure's first row (its title is printed here)
    grouped: bool


def revert_list(orig: Any, rendered: list[str], edited: list[str], digits: str | None) -> Any:
    """A list cell (steps, results, ...): items matched to the printed ones; orig when nothing changed."""
    if [normalized(t) for t in rendered] == [normalized(t) for t in edited]:
        return orig
    old = orig if isinstance(orig, list) else [orig] if isinstance(orig, str) else []
    shown = [item for item in old if isinstance(item, str) and item.strip()]
    pairs = dict((j, i) for i, j in pair_items([normalized(t) for t in rendered], [normalized(t) for t in edited]))
    new = [revert_text(shown[pairs[j]] if j in pairs and pairs[j] < len(shown) else None,
                       rendered[pairs[j]] if j in pairs else "", text, digits) for j, text in enumerate(edited)]
    if isinstance(orig, str) and len(new) == 1:
        return new[0]
    if not new and not isinstance(orig, list):
        return ABSENT
    return new


class TableEdits:
    """The table of one edited document applied to Edits."""

    def __init__(self, edits: Edits, report: Report, view: View, style: FileStyle, allow_delete: bool):
        self.edits, self.report, self.view, self.style = edits, report, view, style
        self.allow_delete = allow_delete
        self.cols = view.columns
        self.digits = style.text_digits
        body = [r for r in view.rows if not r.total]
        self.base: list[BaseRow] = []
        for view_row, (path, _activity) in zip(body, rows_with_paths(report), strict=True):
            measure = path[1]
            assert isinstance(measure, int)
            grouped = isinstance(report.measures[measure], GroupedMeasure)
            self.base.append(BaseRow(view_row, path, measure, not grouped or path[3] == 0, grouped))

    def apply(self, doc: Document) -> None:
        colmap = map_columns(doc, self.cols)
        self._headers(doc, colmap)
        rows = [r for r in doc.rows if not self._total(r) and any(doc_items(Col("x", ""), c) for c in r.cells)]
        by_base = {k: j for j, k in enumerate(colmap) if k is not None}
        for j, k in enumerate(colmap):
            if k is None:
                texts = [" ".join(str(p) for p in r.cells[j] if str(p).strip()) for r in rows]
                texts = [t for t in texts if t.strip()]
                if texts:
                    self.edits.note(doc.name, NO_KEY, header=doc.headers[j], text=" | ".join(texts)[:200])
        shown = sorted(by_base)
        base_sigs = [[base_key(self.cols[k], b.view.cells[k]) for k in shown] for b in self.base]
        doc_sigs = [[edited_key(self.cols[k], doc_items(self.cols[k], r.cells[by_base[k]])) for k in shown]
                    for r in rows]
        pairs = pair_items(base_sigs, doc_sigs)
        entries: list[tuple[int | None, DocRow | None]] = []
        previous_i, previous_j = -1, -1
        for i, j in [*pairs, (len(self.base), len(rows))]:
            entries += [(bi, None) for bi in range(previous_i + 1, i)]
            entries += [(None, rows[dj]) for dj in range(previous_j + 1, j)]
            if i < len(self.base):
                entries.append((i, rows[j]))
            previous_i, previous_j = i, j
        for at, row in entries:
            if at is not None and row is not None:
                self._edit_row(self.base[at], row, by_base)
        self._rebuild(entries, by_base)

    # --- one row ----------------------------------------------------------------------------------

    @staticmethod
    def _total(row: DocRow) -> bool:
        first = next((str(p) for cell in row.cells for p in cell if str(p).strip()), "")
        return normalized(first) == TOTAL_LABEL

    def _headers(self, doc: Document, colmap: list[int | None]) -> None:
        declared = isinstance(self.edits.get(("columns",)), list) and self.report.columns is not None
        for j, k in enumerate(colmap):
            if k is None or same_text(doc.headers[j], self.cols[k].header):
                continue
            if declared:
                path: DataPath = ("columns", k, "header")
                self.edits.change(path, revert_text(self.edits.get(path), self.cols[k].header, doc.headers[j],
                                                    self.digits))
            else:
                self.edits.note(doc.name, HEADER_FIXED, header=self.cols[k].header, edited=doc.headers[j])

    def _edit_row(self, base: BaseRow, row: DocRow, by_base: dict[int, int]) -> None:
        for k, col in enumerate(self.cols):
            if k not in by_base:
                continue
            items = doc_items(col, row.cells[by_base[k]])
            if edited_key(col, items) == base_key(col, base.view.cells[k]):
                continue
            if col.key == "title":
                self._title(base, items, row)
            else:
                path = (*base.path, col.key)
                self.edits.change(path, self.value(col, self.edits.get(path), base.view.cells[k], items))

    def _title(self, base: BaseRow, items: list[Any], row: DocRow) -> None:
        k = next(i for i, c in enumerate(self.cols) if c.key == "title")
        paras = base.view.cells[k]
        texts = [str(t) for t in items]
        titles: list[tuple[DataPath, int]] = []
        if base.first:
            titles.append((("measures", base.measure, "title"), 0))
        if base.grouped:
            titles.append(((*base.path, "title"), len(titles)))
        for path, index in titles:
            if index < len(texts):
                self.edits.change(path, revert_text(self.edits.get(path), paras[index].text, texts[index],
                                                    self.digits))
            else:
                self.edits.note(row.where, TITLE_GONE, title=paras[index].text)
        path = (*base.path, "details")
        new = revert_list(self.edits.get(path), [p.text for p in paras[len(titles):]], texts[len(titles):],
                          self.digits)
        self.edits.change(path, new)

    def value(self, col: Col, orig: Any, paras: list[Para], items: list[Any]) -> Any:
        """A cell's new value from its items, in the form orig has (or the file uses)."""
        orig_value = None if orig is ABSENT else orig
        rendered = [p.text for p in paras]
        texts = [str(t) for t in items]
        if col.type in AMOUNTS:
            new = revert_amount(orig_value, items[0] if items else None, col.type == "money",
                                self.style.value_digits)
        elif col.type == "status":
            new = revert_status(orig_value, " ".join(rendered), " ".join(texts), self.style)
        elif col.type == "period":
            new = revert_period(orig_value, " ".join(rendered), " ".join(texts), self.report.fiscal_year, self.style)
        elif col.type in ("numbered", "list") or isinstance(orig_value, list) or (
                orig_value is None and len(texts) > 1 and col.key in LIST_KEYS):
            new = revert_list(orig_value if orig_value is not None else [], rendered, texts, self.digits)
            if new == [] and orig is ABSENT:
                new = ABSENT
        else:
            new = revert_text(orig_value, "\n".join(rendered), "\n".join(texts), self.digits) if texts else ABSENT
        return ABSENT if new is None and orig is ABSENT else new

    # --- rows added and removed -------------------------------------------------------------------------

    def _new_row(self, row: DocRow, by_base: dict[int, int]) -> tuple[dict[str, Any] | None, bool]:
        """A row the officer added, as data; True when it is an activity (its title starts with '-')."""
        out: dict[str, Any] = {}
        activity = False
        for k, col in enumerate(self.cols):
            if k not in by_base:
                continue
            items = doc_items(col, row.cells[by_base[k]])
            if col.key == "title":
                raw = [str(p) for p in row.cells[by_base[k]] if str(p).strip()]
                activity = bool(raw) and has_label(raw[0]) == "bullet"
                if items:
                    out["title"] = revert_text(None, "", str(items[0]), self.digits)
                if len(items) > 1:
                    out["details"] = [revert_text(None, "", str(t), self.digits) for t in items[1:]]
                continue
            if items:
                value = self.value(col, ABSENT, [], items)
                if value is not ABSENT and value is not None:
                    out[col.key] = value
        if "title" not in out:
            text = " | ".join(" ".join(str(p) for p in cell if str(p).strip()) for cell in row.cells)
            self.edits.note(row.where, NO_TITLE, text=text.strip(" |")[:200])
            return None, False
        order = ["title", "details", *(c.key for c in self.cols), *kind_of(self.report.kind).row_keys]
        return {key: out[key] for key in dict.fromkeys(order) if key in out}, activity

    def _rebuild(self, entries: list[tuple[int | None, DocRow | None]], by_base: dict[int, int]) -> None:
        measures = self.edits.get(("measures",))
        out: list[Any] = []
        group: tuple[int | None, dict[str, Any]] | None = None   # the measure of activities being filled
        kept = set()
        for i, row in entries:
            if i is None:
                assert row is not None
                new, activity = self._new_row(row, by_base)
                if new is None:
                    continue
                if activity and group is not None:
                    group[1]["activities"].append(new)
                    self.edits.count(ROWS_ADDED)
                else:
                    out.append(new)
                    group = None
                    self.edits.count(MEASURES_ADDED)
                continue
            base = self.base[i]
            if row is None and self.allow_delete:
                self.edits.count(ROWS_REMOVED if base.grouped else MEASURES_REMOVED)
                continue
            if row is None:
                title = self.edits.get((*base.path, "title"))
                self.edits.note("", ROW_KEPT, number=i + 1, title=str(title)[:60])
            kept.add(base.measure)
            current = self.edits.get(base.path)
            if not base.grouped:
                out.append(current)
                group = None
                continue
            if group is None or group[0] != base.measure:
                measure = measures[base.measure]
                group = (base.measure, {**measure, "activities": []})
                out.append(group[1])
            group[1]["activities"].append(current)
        for m, measure in enumerate(measures):
            if m not in kept and isinstance(measure, dict) and "activities" in measure:
                self.edits.count(MEASURES_REMOVED)
                self.edits.count(ROWS_REMOVED, -len(measure["activities"]))
        if out != measures:
            self.edits.set(("measures",), out)
