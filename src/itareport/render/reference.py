"""--reference-doc: an agency's own Word file gives the paper, margins, header, footer and styles.

Like pandoc's option of that name: the body of the reference document is replaced by the
report. The reference is opened and changed with python-docx:

- the report's styles (ITATitle, ITATableText, ...) are copied from base.docx where the
  reference has no style of that id or name; they carry their own fonts, sizes, bold and
  language, so the reference's Normal, docDefaults and theme do not change the official
  form, and a reference that defines one of them on purpose wins;
- the last section turns landscape (width and height swapped), keeping the reference's
  paper, with a warning when it is not A4;
- the reference's headers and footers stay, with their images and relationships; when no
  footer has a PAGE field, base.docx's page-number paragraph is added to the default footer;
- stylesWithEffects (Word 2010's copy of the styles, rebuilt by Word) is dropped, so it cannot
  disagree with the styles we add; the font table gains TH SarabunPSK.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.shared import Twips
from lxml import etree

from ..errors import InputError
from ..messages import M_, Message
from .ooxml import PAGE_NUMBER_FORMAT, SARABUN_FONT, W_NS, put_in_schema_order
from .package import deterministic_zip

A4 = (11906, 16838)  # twips, portrait
PAPER_TOLERANCE = 60  # twips (about 1 mm): Word rounds page sizes
STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
_PAGE_FIELD = re.compile(rb"<w:instrText[^>]*>\s*PAGE\b|w:instr=\"\s*PAGE\b")


def _open(path: Path, what: Message | str):
    """A python-docx Document, or a clear InputError for anything that is not a Word .docx."""
    try:
        document = docx.Document(str(path))
    except FileNotFoundError:
        raise InputError(M_("{path}: reference document not found", path=path)) from None
    except IsADirectoryError:
        raise InputError(M_("{path}: is a folder, expected a Word .docx file", path=path)) from None
    except ValueError as exc:
        if "template" in str(exc).lower() or "macroenabled" in str(exc).lower():
            raise InputError(M_("{path}: is a Word template or macro file (.dotx, .dotm, .docm), expected a Word "
                               "document; open it in Word and save it as a Word Document (.docx)", path=path)) from None
        raise InputError(M_("{path}: not a Word .docx file ({reason})", path=path, reason=str(exc))) from None
    except PackageNotFoundError:
        if path.is_file() and not zipfile.is_zipfile(path):
            raise InputError(M_("{path}: not a Word .docx file (a .docx is a zip package; an old .doc or a "
                                "damaged file is not): open it in Word and save it as a Word Document (.docx)",
                                path=path)) from None
        raise InputError(M_("{path}: not a Word .docx file, or a damaged one; open it in Word and save it "
                           "again", path=path)) from None
    except (zipfile.BadZipFile, KeyError, OSError, etree.XMLSyntaxError) as exc:
        reason = str(exc).strip() or type(exc).__name__
        raise InputError(M_("{path}: not a Word .docx file, or a damaged one ({reason}); open it in Word and "
                           "save it again", path=path, reason=reason)) from None
    if document.element.body is None:
        raise InputError(M_("{path}: the {what} has no body (w:body); save it again from Word", path=path, what=what))
    return document


def _styles_by_key(styles_root) -> dict[str, object]:
    """Every style by its id and by its name."""
    found = {}
    for style in styles_root.iter(qn("w:style")):
        found[style.get(qn("w:styleId"))] = style
        name = style.find(qn("w:name"))
        if name is not None:
            found.setdefault(name.get(qn("w:val")), style)
    return found


def _chain(ours: dict, style_id: str) -> list:
    """A style of ours and the styles it is based on, nearest first."""
    chain: list = []
    while style_id in ours and ours[style_id] not in chain:
        chain.append(ours[style_id])
        based = ours[style_id].find(qn("w:basedOn"))
        style_id = based.get(qn("w:val")) if based is not None else None
    return chain


def _add_styles(reference, base, used_styles: list[str]) -> None:
    theirs_root = reference.styles.element
    ours = _styles_by_key(base.styles.element)
    for wanted in used_styles:
        for style in _chain(ours, wanted):
            theirs = _styles_by_key(theirs_root)
            name = style.find(qn("w:name"))
            if style.get(qn("w:styleId")) in theirs or (name is not None and name.get(qn("w:val")) in theirs):
                continue  # the reference defines it: an agency restyling on purpose
            theirs_root.append(copy.deepcopy(style))


def _landscape(reference, path: Path) -> list[Message]:
    """The last section in landscape on the reference's paper; a note when that paper is not A4."""
    section = reference.sections[-1]
    width, height = section.page_width, section.page_height
    if width is None or height is None:
        width, height = Twips(A4[0]), Twips(A4[1])
    short, long = sorted((int(width.twips), int(height.twips)))
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Twips(long), Twips(short)
    if abs(short - A4[0]) > PAPER_TOLERANCE or abs(long - A4[1]) > PAPER_TOLERANCE:
        return [M_("{path}: the reference document's paper is {w:.1f} x {h:.1f} cm, not A4 (21 x 29.7 cm); "
                  "the report keeps it", path=path, w=short / 567, h=long / 567)]
    return []


def _has_page_field(reference) -> bool:
    for part in reference.part.package.iter_parts():
        if str(part.partname).startswith("/word/footer") and _PAGE_FIELD.search(part.blob):
            return True
    return False


def _add_page_number(reference, base) -> None:
    """base.docx's page-number paragraph at the end of the default footer, Thai number format."""
    section = reference.sections[-1]
    footer = section.footer
    if footer.is_linked_to_previous:
        footer.is_linked_to_previous = False
        empty = footer.paragraphs[0]._p if footer.paragraphs else None
        if empty is not None and not empty.xpath("./w:r"):
            empty.getparent().remove(empty)
    ours = next(p for p in base.sections[-1].footer.paragraphs if _PAGE_FIELD.search(etree.tostring(p._p)))
    paragraph = copy.deepcopy(ours._p)
    properties = paragraph.find(qn("w:pPr"))
    if properties is not None:
        paragraph.remove(properties)
    # centred by itself: the reference's Footer style (left, with tab stops) is not ours
    paragraph.insert(0, etree.fromstring(f'<w:pPr xmlns:w="{W_NS}"><w:jc w:val="center"/></w:pPr>'))
    footer._element.append(paragraph)
    sect = section._sectPr
    if sect.find(qn("w:pgNumType")) is None:
        number_type = etree.SubElement(sect, qn("w:pgNumType"))
        number_type.set(qn("w:fmt"), PAGE_NUMBER_FORMAT)
    put_in_schema_order(sect)


def _drop_styles_with_effects(reference) -> None:
    for rid, rel in list(reference.part.rels.items()):
        if rel.reltype == STYLES_WITH_EFFECTS:
            reference.part.drop_rel(rid)


def _font_table_name(reference) -> str | None:
    for rel in reference.part.rels.values():
        if rel.reltype == RT.FONT_TABLE and not rel.is_external:
            return str(rel.target_part.partname).lstrip("/")
    return None


def merge_reference(reference: Path, base: Path, used_styles: list[str]) -> tuple[bytes, list[Message]]:
    """The reference .docx made ready for the report's body, and notes (paper not A4)."""
    document = _open(reference, M_("reference document"))
    ours = docx.Document(str(base))
    _add_styles(document, ours, used_styles)
    notes = _landscape(document, reference)
    if not _has_page_field(document):
        _add_page_number(document, ours)
    _drop_styles_with_effects(document)
    fonts = _font_table_name(document)
    out = io.BytesIO()
    document.save(out)
    with zipfile.ZipFile(out) as zf:
        entries = [(info.filename, zf.read(info)) for info in zf.infolist()]
    if fonts:
        entries = [(name, _with_sarabun(data) if name == fonts else data) for name, data in entries]
    return deterministic_zip(entries), notes


def _with_sarabun(font_table: bytes) -> bytes:
    if b'w:name="TH SarabunPSK"' in font_table or b"</w:fonts>" not in font_table:
        return font_table
    return font_table.replace(b"</w:fonts>", SARABUN_FONT.encode("utf-8") + b"</w:fonts>", 1)
