"""An edited report read back as the places it shows: the paragraphs before the table, the table's
rows of cells of paragraphs, the signers' lines and (in the workbook) the sheet of values.

Our own .docx is read with the importer's Word reader (importer.docx.read_blocks: paragraphs and
tables of grid rows, before any guessing), our own .xlsx with openpyxl, as render/xlsx.py lays it
out (one sheet row per list item, the other cells merged down; the label/value sheet with each
value's place in the data file). The measures table is the one whose header row shows the report's
headers. Any other file (a foreign Word file, a PDF, a CSV) is read by the importer
(importer.read_source_file) and its rows taken as they were assembled; `Document.ours` says which.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from ..errors import InputError
from ..importer import read_source_file
from ..importer.docx import read_blocks
from ..importer.grid import Table
from ..importer.labels import SIGN_LINE, clean
from ..importer.sheet import merged_ranges, sheet_xml, value_text
from ..importer.source import MAX_SOURCE_BYTES, OTHER, SourcePara
from ..kinds import Col
from ..messages import M_, Message
from ..render.xlsx import FACTS_SHEET, LINE_TYPES, REPORT_SHEET
from ..view import TOTAL_LABEL
from .back import normalized

Cells = list[list[Any]]   # one row: the paragraphs of each cell (texts; a number as the workbook holds it)


@dataclass
class DocRow:
    cells: Cells
    where: Message | str


@dataclass
class Document:
    """What an edited report shows, place by place."""

    name: str
    ours: bool                                   # laid out as itareport builds it (docx or xlsx)
    headers: list[str] = field(default_factory=list)
    keys: list[Any] | None = None                # the field the importer gave each column (other files)
    rows: list[DocRow] = field(default_factory=list)
    before: list[str] = field(default_factory=list)           # paragraphs above the table
    results_rows: list[Cells] = field(default_factory=list)   # the ITA results' indicators table (Word)
    signers: list[list[str]] = field(default_factory=list)    # each signer's lines
    facts: dict[str, Any] = field(default_factory=dict)       # the workbook's values by place in the data file
    stray: list[tuple[Message | str, str]] = field(default_factory=list)  # (where, text) of text with no place


def protected(path: Path) -> bool:
    """An Office file encrypted with a password (an OLE container holding an EncryptedPackage)."""
    try:
        with open(path, "rb") as handle:
            if handle.read(4) != b"\xd0\xcf\x11\xe0":
                return False
            whole = handle.read(MAX_SOURCE_BYTES)   # the directory that names the streams may be anywhere
    except OSError:
        return False
    return "EncryptedPackage".encode("utf-16-le") in whole


def _header_score(texts: list[str], headers: list[str]) -> int:
    wanted = {normalized(h) for h in headers}
    return sum(1 for t in texts if normalized(t) and normalized(t) in wanted)


def _enough(score: int, headers: list[str]) -> bool:
    return score >= max(1, (len(headers) + 1) // 2)


def read_document(path: Path, columns: list[Col]) -> Document:
    """The edited report at path, read against the columns of the report it was built from."""
    if protected(path):
        raise InputError(M_("{path}: the file is protected by a password; open it, save it without a password "
                            "(File > Info > Protect), and import that", path=path))
    try:
        with open(path, "rb") as handle:
            head = handle.read(4)
    except OSError:
        head = b""
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as zf:
                names = set(zf.namelist())
        except (zipfile.BadZipFile, OSError):
            raise InputError(M_("{path}: the file is damaged (not a complete Office package); open it in Word or "
                                "Excel, save it again, and import that", path=path)) from None
        document = None
        if "xl/workbook.xml" in names:
            document = _read_xlsx(path, columns)
        elif "word/document.xml" in names:
            document = _read_docx(path, [c.header for c in columns])
        if document is not None:
            return document
    return _read_other(path, columns)


# --- Word --------------------------------------------------------------------------------------------

def _cell_paras(cell: Any) -> list[str]:
    return [] if cell.merged else [p.text for p in cell.paras]


def _row_cells(row: list[tuple[int, int, Any]], starts: list[int]) -> Cells:
    """The paragraphs of a grid row by header column (a cell goes to the column it starts in)."""
    cells: Cells = [[] for _ in starts]
    for column, _span, cell in row:
        k = max((i for i, start in enumerate(starts) if start <= column), default=0)
        cells[k] += _cell_paras(cell)
    return cells


def _read_docx(path: Path, headers: list[str]) -> Document | None:
    blocks = read_blocks(path)
    tables = [(i, b) for i, b in enumerate(blocks) if isinstance(b, Table) and b.rows]
    scored = [(_header_score([" ".join(p.text for p in c.paras) for _c, _s, c in b.rows[0][1]], headers), i, b)
              for i, b in tables]
    best = max(scored, key=lambda s: s[0], default=None)
    if best is None or not _enough(best[0], headers):
        return None
    _score, index, table = best
    header_row = table.rows[0][1]
    starts = [column for column, _span, _cell in header_row]
    doc = Document(str(path), True, headers=[clean(" ".join(p.text for p in c.paras)) for _c, _s, c in header_row])
    for where, row in table.rows[1:]:
        cells = _row_cells(row, starts)
        if [normalized(" ".join(c)) for c in cells] == [normalized(h) for h in doc.headers]:
            continue   # the header again
        doc.rows.append(DocRow(cells, where))
    for block in blocks[:index]:
        if isinstance(block, SourcePara):
            if block.text.strip():
                doc.before.append(block.text)
        elif not doc.results_rows:
            starts_r = [column for column, _span, _cell in block.rows[0][1]]
            doc.results_rows = [_row_cells(row, starts_r) for _where, row in block.rows[1:]]
    for block in blocks[index + 1:]:
        if isinstance(block, SourcePara):
            if block.text.strip():
                doc.stray.append((block.where, block.text))
            continue
        found = [c for _where, row in block.rows for _c, _s, c in row if not c.empty]
        if any(SIGN_LINE.match(clean(p.text)) for c in found for p in c.paras):
            doc.signers += [_lines([p.text for p in c.paras]) for c in found]
        else:
            doc.stray += [(where, clean(" ".join(p.text for p in c.paras))) for where, row in block.rows
                          for _c, _s, c in row if not c.empty]
    return doc


def _lines(texts: list[str]) -> list[str]:
    return [t for text in texts for t in text.split("\n") if t.strip()]


# --- Excel -------------------------------------------------------------------------------------------

_UNREADABLE = (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError)


def _unreadable(path: Path, exc: Exception) -> InputError:
    return InputError(M_("{path}: not an Excel .xlsx workbook that can be read: {problem}", path=path,
                         problem=str(exc)))


def _read_xlsx(path: Path, columns: list[Col]) -> Document | None:
    """The workbook in openpyxl's read-only mode: values only (a full load styles the cells of every merged
    range, seconds for a thousand measures); the report sheet's merged ranges read from its XML."""
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except _UNREADABLE as exc:
        raise _unreadable(path, exc) from None
    try:
        sheet = book[REPORT_SHEET] if REPORT_SHEET in book.sheetnames else book.worksheets[0]
        rows = _values(path, sheet)
        merges = merged_ranges(sheet_xml(path, sheet.title))
        doc = _read_report_sheet(path, sheet.title, _as_loaded(rows, merges), merges, columns)
        if doc is not None and FACTS_SHEET in book.sheetnames:
            for label, value, place in _values(path, book[FACTS_SHEET], min_row=2, max_col=3):
                if isinstance(place, str) and place.strip():
                    doc.facts[place.strip()] = value
                elif value is not None and str(value).strip():
                    doc.stray.append((f"{FACTS_SHEET}: {label or ''}", value_text(value)))
        return doc
    finally:
        book.close()


Merge = tuple[int, int, int, int]   # (min_col, min_row, max_col, max_row), 1-based


def _values(path: Path, sheet: Any, min_row: int | None = None, max_col: int | None = None) -> list[list[Any]]:
    """A read-only sheet's values row by row, every row it holds (whatever its <dimension> says)."""
    sheet.reset_dimensions()
    try:
        return [list(values) for values in sheet.iter_rows(min_row=min_row, max_col=max_col, values_only=True)]
    except _UNREADABLE as exc:   # a read-only sheet is parsed as it is read
        raise _unreadable(path, exc) from None


def _as_loaded(rows: list[list[Any]], merges: list[Merge]) -> list[list[Any]]:
    """The rows as a full load shows them: down to the last row a merged range reaches, the cells a range
    covers empty (its first cell keeps the value)."""
    rows += [[] for _ in range(max((r2 for _c1, _r1, _c2, r2 in merges), default=0) - len(rows))]
    for c1, r1, c2, r2 in merges:
        for r in range(r1 - 1, r2):
            row = rows[r]
            for c in range(c1 - 1, min(c2, len(row))):
                if (r, c) != (r1 - 1, c1 - 1):
                    row[c] = None
    return rows


def _read_report_sheet(path: Path, sheet_title: str, rows: list[list[Any]], merges: list[Merge],
                       columns: list[Col]) -> Document | None:
    headers = [c.header for c in columns]
    width = len(columns)
    rows = [(r + [None] * width)[:max(width, len(r))] for r in rows]
    start = next((i for i, r in enumerate(rows[:50])
                  if _enough(_header_score([value_text(v) for v in r], headers), headers)), None)
    if start is None:
        return None
    where = M_("sheet '{sheet}' row {row}")
    width = max([width, *(k + 1 for k, v in enumerate(rows[start]) if value_text(v).strip())])
    rows = [(r + [None] * width)[:width] for r in rows]
    doc = Document(str(path), True, headers=[value_text(v) for v in rows[start]])
    doc.before = [value_text(r[0]) for r in rows[:start] if r and r[0] is not None and value_text(r[0]).strip()]
    down: dict[tuple[int, int], bool] = {}    # (row, col) 0-based -> True for the top cell of a merge down
    wide: set[int] = set()                    # rows holding a merge across columns
    for min_col, min_row, max_col, max_row in merges:
        if max_col > min_col:
            wide.add(min_row - 1)
        for r in range(min_row - 1, max_row):
            down[(r, min_col - 1)] = r == min_row - 1
    lines = [c.type in LINE_TYPES and c.key != "title" for c in columns]
    lines += [True] * (width - len(lines))   # a column added in the workbook: every row's text is kept
    title = next((k for k, c in enumerate(columns) if c.key == "title"),
                 next((k for k, spread in enumerate(lines) if not spread), 0))
    end = start + 1
    groups: list[tuple[int, list[int]]] = []
    while end < len(rows) and end not in wide and normalized(value_text(rows[end][0])) != TOTAL_LABEL:
        here = rows[end]
        starts_here = down.get((end, title)) is True or (
            (end, title) not in down and any(here[k] is not None and str(here[k]).strip() and (end, k) not in down
                                             for k, spread in enumerate(lines) if not spread))
        if starts_here or not groups:
            groups.append((end, [end]))
        else:
            groups[-1][1].append(end)
        end += 1
    for first, members in groups:
        cells: Cells = []
        for k, spread in enumerate(lines):
            if spread:
                cells.append([value_text(rows[r][k]) for r in members if value_text(rows[r][k]).strip()])
            else:
                value = rows[first][k]
                cells.append([] if value is None else [value] if isinstance(value, (int, float))
                             else [t for t in value_text(value).split("\n")])
        if any(cells):
            doc.rows.append(DocRow(cells, where.format(sheet=sheet_title, row=first + 1)))
    block: list[str] = []
    for after in rows[end + (1 if end < len(rows) and end not in wide else 0):]:
        texts = [value_text(v) for v in after if v is not None and value_text(v).strip()]
        if texts:
            block.append(" ".join(texts))
        elif block:
            doc.signers.append(block)
            block = []
    if block:
        doc.signers.append(block)
    return doc


# --- anything else: as import reads it ---------------------------------------------------------------------

def _read_other(path: Path, columns: list[Col]) -> Document:
    source = read_source_file(path)
    headers = [text for _field, text in source.header]
    keys: list[Any] = []
    for field_name, text in source.header:
        keys.append((OTHER, text) if field_name is None else field_name)
    doc = Document(str(path), False, headers=headers, keys=keys)
    doc.before = [p.text for p in source.before if p.text.strip()]
    for row in source.rows:
        if row.section is not None:
            doc.stray.append((row.where, row.section))
            continue
        cells: Cells = []
        for key in keys:
            cell = row.cells.get(key)
            cells.append([] if cell is None or (cell.merged and key != "title") else [p.text for p in cell.paras])
        doc.rows.append(DocRow(cells, row.where))
    block: list[str] = []
    for para in source.after:
        if para.text.strip():
            if SIGN_LINE.match(clean(para.text)) and any(SIGN_LINE.match(clean(t)) for t in block):
                doc.signers.append(block)
                block = []
            block.append(para.text)
        elif block:
            doc.signers.append(block)
            block = []
    if block:
        doc.signers.append(block)
    doc.stray += source.stray
    return doc
