"""Reading a built .docx back: parts' XML, table cells as paragraph texts."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}


def part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as zf:
        return etree.fromstring(zf.read(name))


def paragraph_text(p: etree._Element) -> str:
    out = []
    for node in p.iter(W + "t", W + "tab", W + "br"):
        out.append(node.text or "" if node.tag == W + "t" else ("\t" if node.tag == W + "tab" else "\n"))
    return "".join(out)


def table_rows(path: Path, index: int = 0) -> list[list[list[str]]]:
    """The body's first table (or the one at index; the signature block is the second): rows -> cells ->
    paragraph texts."""
    body = part(path, "word/document.xml")
    table = body.findall("w:body/w:tbl", NS)[index]
    return [[[paragraph_text(p) for p in tc.findall("w:p", NS)] for tc in tr.findall("w:tc", NS)]
            for tr in table.findall("w:tr", NS)]


def body_paragraphs(path: Path) -> list[str]:
    body = part(path, "word/document.xml").find("w:body", NS)
    return [paragraph_text(p) for p in body.findall("w:p", NS)]


LATIN_OR_URL = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*")
