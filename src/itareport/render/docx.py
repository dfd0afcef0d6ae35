"""The Word document: the base .docx's styles, page setup and footer, with our body."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import InputError
from ..messages import M_
from ..provenance import add_provenance
from . import ooxml
from .package import deterministic_zip, read_package

STYLE = {"title": "ITATitle", "intro": "ITAIntro", "header": "ITATableHeader", "text": "ITATableText",
         "item": "ITAListItem", "signature": "ITASignature", "indicator": "ITAIndicator"}
SIGNERS_PER_ROW = 2


def column_widths(text_width: int, shares) -> list[int]:
    """Twips of each column: the text width split by the shares (the view's, from kinds.py)."""
    widths = [int(text_width * share) for share in shares[:-1]]
    return [*widths, text_width - sum(widths)]


def _cell_xml(paragraphs, width: int, keep_next: bool = False) -> str:
    content = "".join(ooxml.paragraph(STYLE["item"] if p.label else STYLE["text"], p.text, p.label, keep_next)
                      for p in paragraphs)
    return ooxml.cell(width, content)


def signature_xml(signers: list[list[str]], text_width: int) -> str:
    """Signers two to a row in a borderless table; a lone last signer sits on the right.

    Every paragraph keeps with the next (ITASignature) and no row splits, so the block stays
    on one page; the caller keeps the table's last row and the gap with it.
    """
    half = text_width // SIGNERS_PER_ROW
    widths = [half, text_width - half]
    rows = []
    for start in range(0, len(signers), SIGNERS_PER_ROW):
        pair = signers[start:start + SIGNERS_PER_ROW]
        if len(pair) == 1:
            pair = [[], pair[0]]
        gap = [""] if start else []  # a blank line between rows of signers
        cells = "".join(ooxml.cell(w, "".join(ooxml.paragraph(STYLE["signature"], line) for line in gap + lines)
                                   if lines else "")
                        for w, lines in zip(widths, pair, strict=False))
        rows.append(ooxml.row(cells, cant_split=True))
    return ooxml.signature_table(widths, "".join(rows))


def body_content(view, text_width: int) -> str:
    return body_xml(view, column_widths(text_width, view.shares))


def table_xml(headers: list[str], rows, widths: list[int], keep_last: bool = False) -> str:
    """A table whose header row repeats on every page; a total row's cells in the header style.
    keep_last: the last row keeps with what follows (the signature block)."""
    header = "".join(ooxml.cell(w, ooxml.paragraph(STYLE["header"], text), header=True)
                     for w, text in zip(widths, headers, strict=False))
    out = [ooxml.row(header, header=True)]
    last = len(rows) - 1
    for i, r in enumerate(rows):
        keep = keep_last and i == last
        if r.total:
            out.append(ooxml.row("".join(
                ooxml.cell(w, "".join(ooxml.paragraph(STYLE["header"], p.text, keep_next=keep) for p in cell))
                for cell, w in zip(r.cells, widths, strict=False))))
        else:
            out.append(ooxml.row("".join(_cell_xml(cell, w, keep) for cell, w in zip(r.cells, widths, strict=False))))
    return ooxml.table(widths, "".join(out))


def results_xml(results, text_width: int) -> str:
    """The ITA results section: heading and score, the indicators (half the width), the two lists."""
    parts = [ooxml.paragraph(STYLE["intro"], line) for line in results.lines]
    if results.rows:
        parts.append(table_xml(results.headers, results.rows, column_widths(text_width // 2, results.shares)))
    for heading, paragraphs in results.lists:
        parts.append(ooxml.paragraph(STYLE["intro"], heading))
        parts += [ooxml.paragraph(STYLE["item"], p.text, p.label) for p in paragraphs]
    return "".join(parts)


def body_xml(view, widths: list[int]) -> str:
    """Title block, intro, the table and the signature block, as one XML string."""
    parts = [ooxml.paragraph(STYLE["indicator"], view.indicator_line)] if view.indicator_line else []
    parts += [ooxml.paragraph(STYLE["title"], line) for line in view.title_lines]
    parts += [ooxml.paragraph(STYLE["intro"], line) for line in view.intro_lines]
    if view.results is not None:
        parts.append(results_xml(view.results, sum(widths)))
    parts.append(table_xml(view.headers, view.rows, widths, keep_last=bool(view.signers)))
    if view.signers:
        parts.append(ooxml.paragraph(STYLE["text"], keep_next=True))
        parts.append(signature_xml(view.signers, sum(widths)))
    parts.append(ooxml.END_PARAGRAPH)  # Word wants a paragraph after a table
    return "".join(parts)


def render_docx(view, base: Path | bytes) -> bytes:
    """The .docx bytes for a view, on the base document's styles, page setup, header and footer.

    The package is handled as a zip of XML texts: the main document's body is
    replaced by one string built in bulk, and the core properties are written
    anew. (Parsing that body and moving it into python-docx's tree cost 75 s for
    5,000 measures in lxml's namespace reconciliation.)
    """
    label = "the reference document" if isinstance(base, bytes) else str(base)
    entries = read_package(base)
    parts = dict(entries)
    main = main_part_name(parts)
    document = parts[main].decode("utf-8")
    prefix = wml_prefix(document)
    if prefix is None:
        raise InputError(M_("{path}: the main document is not WordprocessingML; save it again from Word", path=label))
    if prefix != "w":
        document = _bind_w(document, label)
    body = body_content(view, text_width(document, prefix))
    parts[main] = replace_body(document, body, prefix).encode("utf-8")
    core = ooxml.core_properties(title=view.doc_title, creator=view.author,
                                 keywords=f"ITA {view.ita_indicator}" if view.ita_indicator else "",
                                 date=view.date.strftime("%Y-%m-%dT%H:%M:%SZ"))
    if CORE_PART not in parts:
        entries.append((CORE_PART, b""))
        parts["[Content_Types].xml"] = _add_core_content_type(parts["[Content_Types].xml"])
        parts["_rels/.rels"] = _add_core_relationship(parts["_rels/.rels"])
    parts[CORE_PART] = core.encode("utf-8")
    package = [(name, parts[name]) for name, _ in entries]
    if view.provenance is not None:
        package = add_provenance(package, main, view.provenance)
    return deterministic_zip(package)


CORE_PART = "docProps/core.xml"
CORE_TYPE = "application/vnd.openxmlformats-package.core-properties+xml"
CORE_REL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"


def main_part_name(parts: dict[str, bytes]) -> str:
    """The officeDocument target of the package relationships (word/document.xml in practice)."""
    rels = parts["_rels/.rels"].decode("utf-8", "replace")
    for tag in re.findall(r"<Relationship\b[^>]*>", rels):
        if re.search(r'Type="[^"]*/officeDocument"', tag):
            target = re.search(r'Target="([^"]+)"', tag)
            if target and target.group(1).lstrip("/") in parts:
                return target.group(1).lstrip("/")
    raise InputError("the base document has no main document part (word/document.xml)")


def wml_prefix(document: str) -> str | None:
    """The prefix the document binds to WordprocessingML ('w' from Word)."""
    m = re.search(r'xmlns:([\w.-]+)="' + re.escape(ooxml.W_NS) + '"', document[:8192])
    return m.group(1) if m else None


def _bind_w(document: str, label: str) -> str:
    """Declare w: on the root element too, for our content, when the document uses another prefix."""
    root_end = document.index(">", document.index("<", document.index("?>") + 2 if "?>" in document else 0))
    if re.search(r'xmlns:w="', document[:root_end]):
        raise InputError(M_("{path}: the main document binds w: to another namespace; save it again from Word",
                            path=label))
    return document[:root_end] + f' xmlns:w="{ooxml.W_NS}"' + document[root_end:]


def _final_sect_pr(document: str, p: str) -> tuple[int, int] | None:
    """Start and end of the body's own (last) sectPr, if the body ends with one."""
    end = document.rindex(f"</{p}:body>")
    starts = [m.start() for m in re.finditer(rf"<{p}:sectPr[\s>/]", document[:end])]
    if not starts:
        return None
    start = starts[-1]
    close = document.find(f"</{p}:sectPr>", start, end)
    stop = close + len(f"</{p}:sectPr>") if close >= 0 else document.index(">", start) + 1
    return (start, stop) if not document[stop:end].strip() else None


def text_width(document: str, p: str = "w") -> int:
    """Page width minus left and right margins of the last section, in twips (A4 landscape if unknown)."""
    sect = _final_sect_pr(document, p) if f"</{p}:body>" in document else None
    xml = document[sect[0]:sect[1]] if sect else ""

    def attribute(tag: str, name: str, default: int) -> int:
        m = re.search(rf"<{p}:{tag}\b[^>]*\b{p}:{name}=\"(\d+)\"", xml)
        return int(m.group(1)) if m else default

    return attribute("pgSz", "w", 16838) - attribute("pgMar", "left", 1701) - attribute("pgMar", "right", 1134)


def replace_body(document: str, content: str, p: str = "w") -> str:
    """The document with everything in the body replaced by content, keeping its final sectPr."""
    start = document.index(f"<{p}:body")
    open_end = document.index(">", start)
    if document[open_end - 1] == "/":  # <w:body/>
        return document[:start] + f"<{p}:body>{content}</{p}:body>" + document[open_end + 1:]
    sect = _final_sect_pr(document, p)
    end = document.rindex(f"</{p}:body>")
    keep = document[sect[0]:sect[1]] if sect else ""
    return document[:open_end + 1] + content + keep + document[end:]


def _add_core_content_type(types: bytes) -> bytes:
    override = f'<Override PartName="/{CORE_PART}" ContentType="{CORE_TYPE}"/>'
    return types.replace(b"</Types>", override.encode() + b"</Types>")


def _add_core_relationship(rels: bytes) -> bytes:
    rel = f'<Relationship Id="rIdItareportCore" Type="{CORE_REL}" Target="{CORE_PART}"/>'
    return rels.replace(b"</Relationships>", rel.encode() + b"</Relationships>")
