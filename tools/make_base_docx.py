"""Write templates/base.docx: the page setup, official styles and footer of the report.

Made with python-docx's API on its default document: the styles (fonts, sizes, bold,
paragraph format), the A4 landscape section and the footer. python-docx has no API for
the complex-script slots (w:rFonts w:cs, w:szCs, w:bCs, w:lang w:bidi), the page-number
format, a PAGE field, the font table or app.xml: those are set through its oxml
elements, or written as part text after saving. Every property list is then put in
schema order (ooxml.put_in_schema_order).

Run `python tools/make_base_docx.py` after changing this file; a test checks that the
committed templates/base.docx is what this script writes (the zip is rewritten with fixed
dates, so the bytes depend only on this script and python-docx's default template).
Agencies may replace base.docx with their own Word file (`--templates DIR`); the renderer
keeps its styles, page setup, header and footer, and replaces the body.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Pt, Twips

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from itareport.render.ooxml import PAGE_NUMBER_FORMAT, W_NS, font_table, page_number_field, put_in_schema_order  # noqa: E402
from itareport.render.package import deterministic_zip  # noqa: E402

FONT = "TH SarabunPSK"
SIZE = Pt(16)
LANGUAGE = "th-TH"
STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
STYLES_KEPT = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList", "Header", "HeaderChar",
               "Footer", "FooterChar"}

APP = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">\
<Application>itareport</Application></Properties>
"""


def _child(parent, tag: str, **attrs: str):
    """parent's child element tag (created when missing) with these w: attributes."""
    element = parent.find(qn(tag))
    if element is None:
        element = OxmlElement(tag)
        parent.append(element)
    for name, value in attrs.items():
        element.set(qn(f"w:{name}"), value)
    return element


def thai_run_properties(rpr, bold: bool = False) -> None:
    """TH SarabunPSK 16 pt in every script slot, th-TH language, bold for Latin and Thai alike."""
    _child(rpr, "w:rFonts", ascii=FONT, hAnsi=FONT, eastAsia=FONT, cs=FONT)
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        rpr.find(qn("w:rFonts")).attrib.pop(qn(f"w:{attr}"), None)
    half_points = str(int(SIZE.pt * 2))
    _child(rpr, "w:sz", val=half_points)
    _child(rpr, "w:szCs", val=half_points)
    if bold:
        _child(rpr, "w:b")
        _child(rpr, "w:bCs")
    _child(rpr, "w:lang", val=LANGUAGE, eastAsia=LANGUAGE, bidi=LANGUAGE)


def _paragraph_style(styles, name: str, base=None, bold: bool = False, align=WD_ALIGN_PARAGRAPH.LEFT,
                     keep_next: bool = False, before: int = 0, after: int = 0, left: int = 0,
                     first_line: int = 0, keep_lines: bool = False):
    """An ITA style carrying all of its own properties, so a reference's Normal cannot change it."""
    style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = base or styles["Normal"]
    style.quick_style = True
    fmt = style.paragraph_format
    fmt.alignment = align
    fmt.keep_with_next = keep_next or None
    fmt.keep_together = keep_lines or None
    fmt.space_before, fmt.space_after = Twips(before), Twips(after)
    fmt.line_spacing = 1.0
    fmt.left_indent, fmt.right_indent, fmt.first_line_indent = Twips(left), Twips(0), Twips(first_line)
    thai_run_properties(style.element.get_or_add_rPr(), bold)
    return style


def _styles(document) -> None:
    styles = document.styles
    root = styles.element
    for style in list(root.iter(qn("w:style"))):
        if style.get(qn("w:styleId")) not in STYLES_KEPT:
            root.remove(style)
    latent = root.find(qn("w:latentStyles"))
    if latent is not None:
        root.remove(latent)
    defaults = root.find(qn("w:docDefaults"))
    thai_run_properties(defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")))
    _child(defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")), "w:spacing", after="0", line="240",
           lineRule="auto")
    for name in ("Normal", "Header", "Footer"):
        thai_run_properties(styles[name].element.get_or_add_rPr())
    styles["Footer"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER

    center, right = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT
    _paragraph_style(styles, "ITA Title", bold=True, align=center, keep_next=True)
    _paragraph_style(styles, "ITA Intro", align=WD_ALIGN_PARAGRAPH.THAI_JUSTIFY, before=240, after=240,
                     first_line=1134)
    _paragraph_style(styles, "ITA Table Header", bold=True, align=center, keep_next=True)
    text = _paragraph_style(styles, "ITA Table Text")
    item = _paragraph_style(styles, "ITA List Item", base=text, left=397, first_line=-397)
    assert item.element.get(qn("w:styleId")) == "ITAListItem"
    _paragraph_style(styles, "ITA Signature", align=center, keep_next=True, keep_lines=True)
    _paragraph_style(styles, "ITA Indicator", align=right)
    put_in_schema_order(root)


def _section(document) -> None:
    """A4 landscape; margins 2.5 cm top, 2 cm right and bottom, 3 cm left; Thai page numbers."""
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Twips(16838), Twips(11906)
    section.top_margin, section.right_margin = Twips(1418), Twips(1134)
    section.bottom_margin, section.left_margin = Twips(1134), Twips(1701)
    section.header_distance, section.footer_distance, section.gutter = Twips(709), Twips(567), Twips(0)
    sect = section._sectPr
    for attr in ("rsidR", "rsidRPr", "rsidSect"):
        sect.attrib.pop(qn(f"w:{attr}"), None)
    _child(sect, "w:pgNumType", fmt=PAGE_NUMBER_FORMAT)
    _child(sect, "w:cols", space="708")
    _child(sect, "w:docGrid", linePitch="435")

    footer = section.footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.style = document.styles["Footer"]
    field = parse_xml(f'<w:p xmlns:w="{W_NS}">{page_number_field("๑")}</w:p>')
    for run in field:
        rpr = OxmlElement("w:rPr")
        thai_run_properties(rpr)
        _child(rpr, "w:cs")  # the digits are Thai text: LibreOffice's context numerals draw them as ๑ ๒ ๓
        run.insert(0, rpr)
        paragraph._p.append(run)
    put_in_schema_order(sect)
    put_in_schema_order(paragraph._p)


def _settings(document) -> None:
    settings = document.settings.element
    for tag in ("w:rsids", "w:proofState", "w:savePreviewPicture"):
        element = settings.find(qn(tag))
        if element is not None:
            settings.remove(element)
    _child(settings, "w:themeFontLang", val=LANGUAGE, eastAsia=LANGUAGE, bidi=LANGUAGE)
    for setting in settings.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")


def _drop_parts(document) -> None:
    """The default template's parts a report does not use (python-docx saves only related parts)."""
    unused = {STYLES_WITH_EFFECTS, RT.WEB_SETTINGS, RT.CUSTOM_XML, RT.NUMBERING}
    for rid, rel in list(document.part.rels.items()):
        if rel.reltype in unused:
            document.part.drop_rel(rid)
    package_rels = document.part.package.rels
    for rid, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package_rels.pop(rid)


def build_base() -> bytes:
    document = docx.Document()
    body = document.element.body
    for paragraph in list(body.iterchildren(qn("w:p"))):
        body.remove(paragraph)
    _styles(document)
    _section(document)
    _settings(document)
    _drop_parts(document)
    core = document.core_properties
    core.title, core.author, core.last_modified_by, core.revision = "itareport base", "itareport", "itareport", 1
    core.created = core.modified = core.last_printed = dt.datetime(2000, 1, 1)
    core.subject = core.keywords = core.comments = core.category = ""
    out = io.BytesIO()
    document.save(out)
    with zipfile.ZipFile(out) as zf:
        entries = [(info.filename, zf.read(info)) for info in zf.infolist()]
    replaced = {"word/fontTable.xml": font_table().encode("utf-8"), "docProps/app.xml": APP.encode("utf-8")}
    return deterministic_zip((name, replaced.get(name, data)) for name, data in entries)


def main() -> None:
    target = ROOT / "templates" / "base.docx"
    target.write_bytes(build_base())
    print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
