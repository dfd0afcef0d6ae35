"""The spreadsheet readers: Excel .xlsx (openpyxl, read-only, the values Excel saved, not the
formulas) and .csv (UTF-8 with or without a BOM, comma or tab separated).

The first row whose cells name the official columns is the table's header; the rows above it
are the title block (one paragraph per row), the rows after the last row of the table that hold
a single text are the signature block. Merged cells are followed: a cell merged across columns
spans them, one merged down continues the cell above (as in Word). Numbers typed as text stay
text; a number cell is written as Excel shows it (1 for 1.0), a date cell as a Thai date.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
from lxml import etree
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.utils.exceptions import InvalidFileException

from ..errors import DataError, InputError
from ..loader import decode_source
from ..messages import M_, Message
from ..oserrors import os_error_text
from ..thai import BE_OFFSET, MONTHS
from .grid import NO_TABLE, GridRow, Table, assemble, find_header
from .labels import TOTAL_LABEL
from .source import Cell, Source, SourcePara

Where = Callable[[int], Message]   # the place of a row number, in the messages
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
MAX_ROWS = 20000


_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|[_*].')


def number_text(value: float, number_format: str) -> str | None:
    """A number as Excel shows it by its format's first section (separators, decimals, percent; the
    format's own words and currency signs left out); None for a format without digit places."""
    section = _LITERALS.sub("", number_format.split(";")[0])
    if not re.search("[0#?]", section):
        return None
    whole, _, fraction = section.partition(".")
    places = len(re.findall("[0#?]", fraction))
    if "%" in section:
        value *= 100
    text = f"{value:,.{places}f}" if "," in whole else f"{value:.{places}f}"
    return text + ("%" if "%" in section else "")


def value_text(value, number_format: str | None = None) -> str:
    """A cell's value as the text a reader sees (a number in its number format: 15,000 for #,##0)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)) and number_format and number_format != "General":
        shown = number_text(float(value), number_format)
        if shown is not None:
            return shown
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, dt.date)):
        return f"{value.day} {MONTHS[value.month - 1]} {value.year + BE_OFFSET}"
    return str(value)


def _merges(path: Path, sheet_index: int) -> list[tuple[int, int, int, int]]:
    """(min_col, min_row, max_col, max_row) of each merged range of a sheet (1-based), read from its
    XML: openpyxl's read-only sheets do not carry them."""
    try:
        with zipfile.ZipFile(path) as zf:
            names = sorted((n for n in zf.namelist() if n.startswith("xl/worksheets/sheet") and n.endswith(".xml")),
                           key=lambda n: int("".join(ch for ch in n if ch.isdigit()) or 0))
            if sheet_index >= len(names):
                return []
            root = etree.fromstring(zf.read(names[sheet_index]),
                                    etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False))
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError):
        return []
    return [range_boundaries(m.get("ref")) for m in root.iter(_MAIN + "mergeCell") if m.get("ref")]


def _grid(rows: list[list[str]], merges: list[tuple[int, int, int, int]], where: Where) -> list[tuple[str, GridRow]]:
    """Rows of texts (0-based) as grid rows: merged ranges span or continue from above."""
    covered: dict[tuple[int, int], tuple[str, int]] = {}   # (row, col) -> ('span' | 'down', span)
    for c1, r1, c2, r2 in merges:
        for r in range(r1 - 1, r2):
            for c in range(c1 - 1, c2):
                if (r, c) != (r1 - 1, c1 - 1):
                    covered[(r, c)] = ("down", c2 - c1 + 1) if c == c1 - 1 else ("span", 0)
        covered.setdefault((r1 - 1, c1 - 1), ("first", c2 - c1 + 1))
    out = []
    for r, texts in enumerate(rows):
        row: GridRow = []
        for c, text in enumerate(texts):
            kind, span = covered.get((r, c), ("", 1))
            if kind == "span":
                continue
            paras = [SourcePara(text, where=where(r + 1))] if text.strip() else []
            row.append((c, span if kind in ("first", "down") else 1, Cell(paras, kind == "down")))
        out.append((where(r + 1), row))
    return out


def _blocks(rows: list[list[str]], merges, where: Where) -> list[SourcePara | Table] | None:
    """The title rows, the table, the signature rows; None when no row names the columns."""
    grid = _grid(rows, merges, where)
    for start in range(len(grid)):
        if find_header(grid[start:start + 1]) is not None:
            break
    else:
        return None
    before = [SourcePara(" ".join(t.strip() for t in texts if t.strip()), where=where(r + 1))
              for r, texts in enumerate(rows[:start])]
    end = len(rows)
    while end > start + 1 and sum(1 for t in rows[end - 1] if t.strip()) <= 1 \
            and not any(TOTAL_LABEL.match(t.strip()) for t in rows[end - 1]):   # a total row whose sum was not saved
        end -= 1
    after = [SourcePara(" ".join(t.strip() for t in texts if t.strip()), where=where(r + 1))
             for r, texts in enumerate(rows[end:], start=end)]
    return [*before, Table(grid[start:end]), *after]


def read_xlsx(path: Path) -> Source:
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InputError(M_("{path}: not an Excel .xlsx workbook that can be read: {problem}",
                            path=path, problem=str(exc))) from None
    try:
        source, others = None, []
        for index, sheet in enumerate(book.worksheets):
            rows = [[value_text(c.value, getattr(c, "number_format", None)) for c in cells]
                    for _, cells in zip(range(MAX_ROWS), sheet.iter_rows(), strict=False)]
            if source is not None:
                if any(t.strip() for row in rows for t in row):
                    others.append(sheet.title)
                continue
            width = max((len(r) for r in rows), default=0)
            rows = [r + [""] * (width - len(r)) for r in rows]
            def where(row: int, title: str = sheet.title) -> Message:
                return M_("sheet '{sheet}' row {row}", sheet=title, row=row)

            blocks = _blocks(rows, _merges(path, index), where)
            if blocks is None:
                if any(t.strip() for row in rows for t in row):
                    others.append(sheet.title)
                continue
            source = assemble(str(path), blocks)
            unsaved = _unsaved_formulas(path, index, rows)
            if unsaved:
                source.notes.append((M_("sheet '{sheet}'", sheet=sheet.title), M_(
                    "formula cells without a saved value (the workbook was never opened in Excel): {cells}; "
                    "open and save it in Excel, or type the values", cells=", ".join(unsaved[:10]))))
    finally:
        book.close()
    if source is None:
        raise InputError(M_("{path}: {problem} (in no sheet of the workbook)", path=path, problem=Message(NO_TABLE)))
    for title in others:
        source.notes.append((M_("sheet '{sheet}'", sheet=title),
                             M_("this sheet holds no measures table and was not read")))
    return source


def _unsaved_formulas(path: Path, index: int, rows: list[list[str]]) -> list[str]:
    """Cells holding a formula whose value was never saved: read as empty."""
    book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    try:
        out = []
        for r, values in zip(range(len(rows)), book.worksheets[index].iter_rows(values_only=True), strict=False):
            out += [f"{get_column_letter(c + 1)}{r + 1}" for c, v in enumerate(values)
                    if isinstance(v, str) and v.startswith("=") and not rows[r][c]]
        return out
    finally:
        book.close()


def read_csv(path: Path) -> Source:
    try:
        text = decode_source(path.read_bytes(), str(path))
    except DataError as exc:
        raise InputError(exc.diagnostics[0].format()) from None
    except OSError as exc:
        raise InputError(M_("{path}: cannot read: {error}", path=path, error=os_error_text(exc))) from None
    head = text[:20000]
    delimiter = "\t" if head.count("\t") > head.count(",") else ","
    rows = [list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    width = max((len(r) for r in rows), default=0)
    rows = [r + [""] * (width - len(r)) for r in rows]
    blocks = _blocks(rows, [], lambda row: M_("line {number}", number=row))
    if blocks is None:
        raise InputError(M_("{path}: {problem} (a header row with these columns, comma or tab separated)",
                            path=path, problem=Message(NO_TABLE)))
    return assemble(str(path), blocks)
