"""Helpers of the round-trip tests: build a data file into a .docx or .xlsx in this process (as
`itareport build` does, provenance included), edit the document as an officer would (python-docx,
openpyxl), and see which lines of the data file changed."""

from __future__ import annotations

import copy
import difflib
from pathlib import Path

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from itareport.provenance import provenance_of
from itareport.render.docx import render_docx
from itareport.render.xlsx import render_xlsx
from itareport.validate import load_valid
from itareport.view import base_document, build_view


def build(source: Path, fmt: str, out: Path | None = None) -> Path:
    """The .docx or .xlsx of a data file, as `itareport build -f FMT` writes it (next to it unless out)."""
    valid = load_valid(source)
    view = build_view(valid.report, None, provenance_of(source, valid.text))
    data = render_docx(view, base_document(None)) if fmt == "docx" else render_xlsx(view)
    target = out or source.with_suffix("." + fmt)
    target.write_bytes(data)
    return target


def changed_lines(old: str, new: str) -> tuple[list[str], list[str]]:
    """The lines taken out and put in (as a diff shows them)."""
    removed, added = [], []
    for line in difflib.ndiff(old.splitlines(), new.splitlines()):
        if line.startswith("- "):
            removed.append(line[2:])
        elif line.startswith("+ "):
            added.append(line[2:])
    return removed, added


# --- Word ---------------------------------------------------------------------------------------

def main_table(document: docx.document.Document) -> Table:
    """The measures table (the one with the most columns)."""
    return max(document.tables, key=lambda t: len(t.columns))


def signature_table(document: docx.document.Document) -> Table:
    return next(t for t in document.tables if any("ลงชื่อ" in c.text for r in t.rows for c in r.cells))


def set_text(paragraph: Paragraph, text: str) -> None:
    """The paragraph's text replaced, its formatting kept (a tab in text becomes a tab, as typed)."""
    for run in list(paragraph.runs)[1:]:
        run._r.getparent().remove(run._r)
    if paragraph.runs:
        paragraph.runs[0].text = text
    else:
        paragraph.add_run(text)


def add_paragraph_after(paragraph: Paragraph, text: str) -> Paragraph:
    """A new paragraph after this one, in its style (Enter at the end of a line in Word)."""
    new = copy.deepcopy(paragraph._p)
    paragraph._p.addnext(new)
    added = Paragraph(new, paragraph._parent)
    set_text(added, text)
    return added


def add_row_after(table: Table, index: int, cells: list[str | list[str]]) -> None:
    """A row after row index, its cells' paragraphs given (Insert Row Below, then typing)."""
    tr = copy.deepcopy(table.rows[index]._tr)
    table.rows[index]._tr.addnext(tr)
    row = table.rows[index + 1]
    for cell, texts in zip(row.cells, cells, strict=True):
        lines = [texts] if isinstance(texts, str) else texts
        paragraphs = cell.paragraphs
        for extra in paragraphs[1:]:
            extra._p.getparent().remove(extra._p)
        set_text(paragraphs[0], lines[0] if lines else "")
        last = paragraphs[0]
        for line in lines[1:]:
            last = add_paragraph_after(last, line)


def remove_row(table: Table, index: int) -> None:
    tr = table.rows[index]._tr
    tr.getparent().remove(tr)


def paragraph_with(cell_or_doc, start: str) -> Paragraph:
    return next(p for p in cell_or_doc.paragraphs if p.text.startswith(start))
