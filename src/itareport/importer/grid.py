"""From a document's blocks (paragraphs and tables of grid rows) to a Source: the measures table
found by its header row, continued by later tables of the same width, a header repeated on a new
page skipped, vertically merged cells carried down, rows across the whole table kept as headings,
and the paragraphs before, between and after. Word, PDF and spreadsheet readers all end here."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..errors import InputError
from ..i18n import N_
from ..messages import M_, Message, verbatim
from .labels import SIGN_LINE, cell_text, clean, header_fields
from .source import OTHER, Cell, Source, SourcePara, SourceRow

GridRow = list[tuple[int, int, Cell]]    # (first grid column, span, cell)

NO_TABLE = N_("no measures table found: expected a table whose header names the columns "
            "มาตรการ/แนวทาง, ขั้นตอนหรือวิธีการปฏิบัติ, ผู้รับผิดชอบ, ระยะเวลา, ...")


@dataclass
class Table:
    rows: list[tuple[str, GridRow]]     # (where, row)


def row_texts(row: GridRow) -> list[str]:
    return [cell_text(cell, " ") for _, _, cell in row]


def assemble(name: str, blocks: Iterable[SourcePara | Table]) -> Source:
    """The Source of a document given as paragraphs and tables in reading order."""
    source = Source(name)
    columns: dict[int, str | None] | None = None
    names: dict[int, str] = {}
    width = 0
    seen_table = False
    between: list[SourcePara] = []
    for block in blocks:
        if isinstance(block, SourcePara):
            (between if seen_table else source.before).append(block)
            continue
        rows = block.rows
        found = find_header(rows)
        if found is None and seen_table and signature_cells(rows):
            for cell in signature_cells(rows):  # itareport's signature block: its cells in reading order
                between += [*cell.paras, SourcePara("")]
            continue
        if found is None and not (columns and rows and max(c + s for c, s, _ in rows[0][1]) == width):
            for where, row in rows:
                for text in row_texts(row):
                    if text:
                        source.stray.append((M_("{where} (not the measures table)", where=where), text))
            continue
        if found is not None:
            start, columns, names = found
            if not source.header:
                for c in sorted(columns):
                    if not source.header or source.header[-1] != (columns[c], names[c]):
                        source.header.append((columns[c], names[c]))
            width = max(c + s for n, row in rows[:start + 1] for c, s, _ in row)
            rows = rows[start + 1:]
        if seen_table:
            source.stray.extend((p.where, clean(p.text)) for p in between if clean(p.text))
        between = []
        seen_table = True
        add_rows(source, rows, columns, names)
    source.after = between
    if not seen_table:
        raise InputError(verbatim(f"{name}: ") + Message(NO_TABLE))
    source.number_column = "number" in columns.values()
    return source


def signature_cells(rows) -> list[Cell]:
    """The non-empty cells of a table after the measures table that holds '(ลงชื่อ)' lines, or []."""
    cells = [cell for _, row in rows for _, _, cell in row if not cell.empty]
    signed = any(SIGN_LINE.match(line) for cell in cells for p in cell.paras for line in clean(p.text).split("\n"))
    return cells if signed else []


def find_header(rows) -> tuple[int, dict[int, str | None], dict[int, str]] | None:
    """The header row's index, the field of each grid column, and each column's header text."""
    for i, (_where, row) in enumerate(rows[:5]):
        texts = row_texts(row)
        fields = header_fields(texts)
        if fields:
            columns: dict[int, str | None] = {}
            names: dict[int, str] = {}
            for (column, span, _), name, text in zip(row, fields, texts, strict=False):
                for c in range(column, column + span):
                    columns[c], names[c] = name, text or f"column {c + 1}"
            return i, columns, names
    return None


def add_rows(source: Source, rows, columns: dict[int, str | None], names: dict[int, str]) -> None:
    above: dict[int, Cell] = {}
    for where, row in rows:
        if header_fields(row_texts(row)):
            continue   # the header repeated on a new page
        texts = [t for t in row_texts(row) if t]
        if len(row) == 1 and row[0][1] > 1 and len(set(columns.values()) - {None}) > 1:
            if texts:
                source.rows.append(SourceRow({}, where, section=" ".join(texts)))
            continue
        out = SourceRow({}, where)
        for column, _span, cell in row:
            if cell.merged:
                carried = above.get(column)
                if cell.empty and carried is not None:
                    cell = Cell(list(carried.paras), True)
            else:
                above[column] = cell
            name = columns.get(column)
            if name is None:
                text = cell_text(cell, " ")
                if text and not cell.merged:
                    header = names.get(column, f"column {column + 1}")
                    out.extra.append((header, text))
                    out.cells.setdefault((OTHER, header), Cell()).paras.extend(cell.paras)
                continue
            if name in out.cells:
                out.cells[name].paras.extend(cell.paras)
            else:
                out.cells[name] = Cell(list(cell.paras), cell.merged)
        source.rows.append(out)
