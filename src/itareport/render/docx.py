"""The Word document: the base .docx's styles, page setup and footer, with our body."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Iterable

from . import ooxml

ZIP_DATE = (1980, 1, 1, 0, 0, 0)

# Column shares of the text width, in the official order.
COLUMN_SHARES = (0.17, 0.22, 0.10, 0.12, 0.19, 0.20)

STYLE = {"title": "ITATitle", "intro": "ITAIntro", "header": "ITATableHeader", "text": "ITATableText",
         "item": "ITAListItem", "signature": "ITASignature"}


def deterministic_zip(entries: Iterable[tuple[str, bytes]]) -> bytes:
    """A zip whose bytes depend only on the entries: fixed dates, modes and order."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0o644 << 16
            zf.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
    return out.getvalue()


def column_widths(text_width: int) -> list[int]:
    widths = [int(text_width * share) for share in COLUMN_SHARES[:-1]]
    return widths + [text_width - sum(widths)]


def _cell_xml(paragraphs, width: int) -> str:
    content = "".join(ooxml.paragraph(STYLE["item"] if p.label else STYLE["text"], p.text, p.label)
                      for p in paragraphs)
    return ooxml.cell(width, content)


def body_xml(view, widths: list[int]) -> str:
    """Title block, intro, the table and the signature block, as one XML string."""
    parts = [ooxml.paragraph(STYLE["title"], line) for line in view.title_lines]
    parts += [ooxml.paragraph(STYLE["intro"], line) for line in view.intro_lines]
    header = "".join(ooxml.cell(w, ooxml.paragraph(STYLE["header"], text), header=True)
                     for w, text in zip(widths, view.headers))
    rows = [ooxml.row(header, header=True)]
    for r in view.rows:
        rows.append(ooxml.row("".join(_cell_xml(cell, w) for cell, w in zip(r.cells, widths))))
    parts.append(ooxml.table(widths, "".join(rows)))
    if view.signature_lines:
        parts.append(ooxml.paragraph(STYLE["text"]))
        parts += [ooxml.paragraph(STYLE["signature"], line) for line in view.signature_lines]
    else:
        parts.append("<w:p/>")  # Word wants a paragraph after a table
    return "".join(parts)


def render_docx(view, base: Path) -> bytes:
    """The .docx bytes for a view, on the base document's styles and page setup.

    python-docx opens the base, empties its body and sets the core properties; the
    body itself is spliced into the saved document.xml as text. (Moving a parsed
    table of thousands of rows into python-docx's tree costs minutes in lxml's
    namespace reconciliation; the splice costs milliseconds.)
    """
    import docx
    from docx.oxml.ns import qn

    try:
        document = docx.Document(str(base))
    except Exception as exc:  # python-docx raises several types for a bad package
        from ..errors import InputError

        raise InputError(f"{base}: not a usable Word (.docx) base document: {exc}") from None
    body = document.element.body
    sect_pr = body.find(qn("w:sectPr"))
    for child in list(body):
        if child is not sect_pr:
            body.remove(child)
    section = document.sections[-1]
    text_width = (section.page_width - section.left_margin - section.right_margin) // 635
    content = body_xml(view, column_widths(int(text_width)))
    if document.element.nsmap.get("w") != ooxml.W_NS:  # an unusual prefix: take the slow, general way
        from docx.oxml import parse_xml

        for child in list(parse_xml(ooxml.fragment(content))):
            body.insert(len(body) - (sect_pr is not None), child)
        content = ""

    props = document.core_properties
    props.title = view.doc_title
    props.author = view.author
    props.last_modified_by = "itareport"
    props.comments = ""
    props.keywords = f"ITA {view.ita_indicator}" if view.ita_indicator else ""
    props.revision = 1
    props.created = props.modified = view.date
    props.last_printed = view.date

    raw = io.BytesIO()
    document.save(raw)
    main_part = document.part.partname.lstrip("/")
    with zipfile.ZipFile(raw) as zf:
        entries = [(info.filename, zf.read(info)) for info in zf.infolist()]
    return deterministic_zip((name, splice_body(data, content) if name == main_part and content else data)
                             for name, data in entries)


def splice_body(document_xml: bytes, content: str) -> bytes:
    """Put content at the start of the body, whose only child left is the final sectPr."""
    text = document_xml.decode("utf-8")
    start = text.index("<w:body")
    close = text.index(">", start)
    if text[close - 1] == "/":  # <w:body/>
        return (text[:start] + f"<w:body>{content}</w:body>" + text[close + 1:]).encode("utf-8")
    return (text[:close + 1] + content + text[close + 1:]).encode("utf-8")


def fixed_date(fiscal_year_be: int) -> datetime:
    """A reproducible document date: the last day of the fiscal year (UTC, naive as python-docx wants)."""
    return datetime(fiscal_year_be - 543, 9, 30)
