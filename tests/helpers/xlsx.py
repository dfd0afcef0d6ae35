"""Workbooks as other programs write them: an .xlsx's parts rewritten in place (what openpyxl cannot
be asked to write: sheets listed in another order than their parts are numbered, a <dimension> that
says less than the sheet holds, text kept in a cell a merged range covers)."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from lxml import etree

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_SHEET = re.compile(rb"<sheet [^>]*/>")
_REF = re.compile(r"([A-Z]+)([0-9]+)")


def _column(ref: str) -> tuple[int, str]:
    """A cell's column in sorting order (B < Z < AA)."""
    letters = _REF.fullmatch(ref)
    assert letters, ref
    return len(letters[1]), letters[1]


def rewrite_parts(path: Path, change: Callable[[str, bytes], bytes]) -> None:
    """The package at path with each part replaced by change(name, data)."""
    with zipfile.ZipFile(path) as zin:
        parts = [(info, change(info.filename, zin.read(info))) for info in zin.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info, data in parts:
            zout.writestr(info, data)


def sheets_reversed(workbook_xml: bytes) -> bytes:
    """xl/workbook.xml with its sheets listed in reverse order (each still pointing at its own part)."""
    sheets = _SHEET.findall(workbook_xml)
    assert len(sheets) > 1, workbook_xml
    start, end = workbook_xml.index(sheets[0]), workbook_xml.index(sheets[-1]) + len(sheets[-1])
    return workbook_xml[:start] + b"".join(reversed(sheets)) + workbook_xml[end:]


def cell_text(sheet_xml: bytes, ref: str, text: str) -> bytes:
    """A worksheet's XML with the cell ref (empty or absent) holding text as an inline string."""
    root = etree.fromstring(sheet_xml)
    row = root.find(f"{_MAIN}sheetData/{_MAIN}row[@r='{_REF.fullmatch(ref)[2]}']")
    assert row is not None, ref
    cell = row.find(f"{_MAIN}c[@r='{ref}']")
    if cell is None:
        cell = etree.Element(_MAIN + "c", r=ref)
        row.insert(sum(1 for c in row if _column(c.get("r", "")) < _column(ref)), cell)
    assert not len(cell) and cell.text is None, ref
    cell.set("t", "inlineStr")
    etree.SubElement(etree.SubElement(cell, _MAIN + "is"), _MAIN + "t").text = text
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
