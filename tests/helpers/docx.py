"""Reading a built .docx back (parts, paragraphs, tables), checking it with openxml-audit, and
Word files of our own making (a letterhead as Word makes one)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}
LATIN_OR_URL = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*")


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


def audit_errors(path: Path) -> list[str]:
    """openxml-audit's errors for a .docx, as 'part path: description' lines (empty: valid)."""
    from openxml_audit import OpenXmlValidator

    result = OpenXmlValidator(max_errors=1000).validate(str(path))
    return [f"{e.part_uri} {e.path}: {e.description}" for e in result.errors
            if getattr(e.severity, "value", e.severity) == "error"]


LOGO_COLOUR = (0, 92, 170)


def png_bytes(width: int = 48, height: int = 48, rgb: tuple[int, int, int] = LOGO_COLOUR) -> bytes:
    """A plain-colour PNG, small enough to write by hand (a letterhead's logo)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\0" + bytes(rgb) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


LETTERHEAD_HEADER = "เทศบาลทดสอบ หัวกระดาษ"
LETTERHEAD_FOOTER = "ถนนทดสอบ โทร. 043-000000"


def make_letterhead(path: Path, own_table_text: bool = False) -> Path:
    """A letterhead as Word makes one: portrait Letter, Normal = Calibri 11 en-US with 1.15 lines,
    a logo and a text in the header, a footer without a page number, a body to be replaced.
    own_table_text: it also defines its own "ITA Table Text" style (Angsana New 14, on purpose)."""
    import io

    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml.ns import qn
    from docx.shared import Cm, Inches, Pt

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Inches(8.5), Inches(11)
    section.left_margin = section.right_margin = Cm(2)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = "Calibri", Pt(11)
    normal.paragraph_format.line_spacing = 1.15
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:cs"), "Calibri")
    header = section.header.paragraphs[0]
    header.add_run().add_picture(io.BytesIO(png_bytes()), width=Cm(1.5))
    header.add_run(" " + LETTERHEAD_HEADER)
    section.footer.paragraphs[0].text = LETTERHEAD_FOOTER
    if own_table_text:
        style = document.styles.add_style("ITA Table Text", WD_STYLE_TYPE.PARAGRAPH)
        style.font.name, style.font.size = "Angsana New", Pt(14)
    document.add_paragraph("ข้อความเดิมในเอกสารต้นแบบ")
    document.save(path)
    return path
