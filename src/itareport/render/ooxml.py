"""All raw WordprocessingML that itareport writes, as strings built in bulk.

The report's body (title block, table, signature) is written here as one XML string
and spliced into the base document's text by render/docx.py, never parsed into a tree:
python-docx's ``cell.text`` walks every character in Python (~2.6 s for 700 measures),
and moving a parsed table into its tree cost 75 s for 5,000 measures (lxml's namespace
reconciliation); the string splice takes 1.2 s for those 5,000.
"""

from __future__ import annotations

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

# Child elements in the order of the schema's sequences (ECMA-376 Part 1, wml.xsd); Word
# "repairs" a file whose property children come in another order.
SCHEMA_ORDER = {
    "rPr": ("rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof "
            "snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd "
            "fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath rPrChange"),
    "pPr": ("pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd "
            "tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi "
            "adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc "
            "textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"),
    "tcPr": ("cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText vAlign "
             "hideMark headers cellIns cellDel cellMerge tcPrChange"),
    "tblPr": ("tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc "
              "tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription "
              "tblPrChange"),
    "sectPr": ("headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders "
               "lnNumType pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter "
               "docGrid printerSettings sectPrChange"),
}
# trPr's children are a choice, in any order; cantSplit, trHeight, tblHeader by habit.
_RANK = {parent: {name: i for i, name in enumerate(names.split())} for parent, names in SCHEMA_ORDER.items()}
_RANK["sectPr"]["footerReference"] = _RANK["sectPr"]["headerReference"]  # one choice group, any order


def put_in_schema_order(root: etree._Element) -> None:
    """Sort the children of every rPr, pPr, tcPr, tblPr and sectPr under an lxml element (stable)."""
    w = f"{{{W_NS}}}"
    for parent, rank in _RANK.items():
        for element in root.iter(w + parent):
            children = list(element)
            ordered = sorted(children, key=lambda c: rank.get(c.tag[len(w):], len(rank))
                             if isinstance(c.tag, str) and c.tag.startswith(w) else len(rank))
            if ordered != children:
                for child in children:
                    element.remove(child)
                element.extend(ordered)


def esc(text: str) -> str:
    """Text for an XML text node or a double-quoted attribute."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if '"' in text:
        text = text.replace('"', "&quot;")
    return text


def runs(text: str) -> str:
    """Runs for a text; newlines become line breaks and tabs tab characters."""
    if "\n" not in text and "\t" not in text:
        return f'<w:r><w:t xml:space="preserve">{esc(text)}</w:t></w:r>'
    parts = []
    for i, line in enumerate(text.split("\n")):
        inner = "<w:br/>" if i else ""
        for j, chunk in enumerate(line.split("\t")):
            if j:
                inner += "<w:tab/>"
            if chunk:
                inner += f'<w:t xml:space="preserve">{esc(chunk)}</w:t>'
        parts.append(inner)
    return "<w:r>" + "".join(parts) + "</w:r>"


def paragraph(style: str, text: str = "", label: str | None = None, keep_next: bool = False) -> str:
    """A paragraph; a label ('๑.', '-') is followed by a tab to the hanging indent."""
    body = runs(text) if text else ""
    if label is not None:
        body = f"<w:r><w:t>{esc(label)}</w:t><w:tab/></w:r>" + body
    keep = "<w:keepNext/>" if keep_next else ""
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{keep}</w:pPr>{body}</w:p>'


def cell(width: int, content: str, header: bool = False) -> str:
    valign = '<w:vAlign w:val="center"/>' if header else ""
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{valign}</w:tcPr>{content or "<w:p/>"}</w:tc>'


def row(cells: str, header: bool = False, cant_split: bool = False) -> str:
    # CT_TrPr children: cantSplit before tblHeader, by habit.
    props = "<w:cantSplit/>" if header or cant_split else ""
    props += "<w:tblHeader/>" if header else ""
    return f"<w:tr><w:trPr>{props}</w:trPr>{cells}</w:tr>" if props else f"<w:tr>{cells}</w:tr>"


# The paragraph Word needs after the last table: one twip high, so that a table or signature block
# ending at the foot of a page does not push an empty paragraph onto a page of its own.
END_PARAGRAPH = ('<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
                 '<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr></w:p>')


def signature_table(widths: list[int], rows: str) -> str:
    """The signature block: a table without borders whose rows cannot split across pages."""
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return (
        "<w:tbl><w:tblPr>"
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
        '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
        'w:noHBand="1" w:noVBand="1"/>'
        f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{rows}</w:tbl>"
    )


def table(widths: list[int], rows: str) -> str:
    border = '<w:{0} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
    borders = "".join(border.format(side) for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return (
        "<w:tbl><w:tblPr>"
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        f"<w:tblBorders>{borders}</w:tblBorders>"
        '<w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" '
        'w:noHBand="0" w:noVBand="1"/>'
        f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{rows}</w:tbl>"
    )


# Page numbers. Word draws a PAGE field in the section's number format, and
# w:fmt="thaiNumbers" gives ๑ ๒ ๓ there; LibreOffice ignores that format for
# fields and reads the switch \* ThaiArabic as Thai letters (ก ข ค).
PAGE_NUMBER_FORMAT = "thaiNumbers"


def page_number_field(cached: str = "1") -> str:
    """A PAGE field as complex field characters (cached result shown until updated)."""
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r><w:t>{esc(cached)}</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


# The font table names the report's font with what Word and LibreOffice need to choose a
# stand-in when it is missing: the Thai charset (DE), family, pitch, PANOSE and signature,
# and TH Sarabun New, its free successor, as the alternative name.
SARABUN_FONT = (
    '<w:font w:name="TH SarabunPSK"><w:altName w:val="TH Sarabun New"/>'
    '<w:panose1 w:val="020B0500040200020003"/><w:charset w:val="DE"/><w:family w:val="swiss"/>'
    '<w:pitch w:val="variable"/><w:sig w:usb0="A100006F" w:usb1="5000205A" w:usb2="00000000" '
    'w:usb3="00000000" w:csb0="00010183" w:csb1="00000000"/></w:font>'
)


def font_table() -> str:
    """word/fontTable.xml declaring TH SarabunPSK."""
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:fonts xmlns:w="{W_NS}">{SARABUN_FONT}</w:fonts>\n')


def core_properties(title: str, creator: str, keywords: str, date: str) -> str:
    """docProps/core.xml with fixed dates, so the same data gives the same bytes."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{esc(title)}</dc:title><dc:creator>{esc(creator)}</dc:creator>"
        f"<cp:keywords>{esc(keywords)}</cp:keywords><cp:lastModifiedBy>itareport</cp:lastModifiedBy>"
        f"<cp:revision>1</cp:revision><cp:lastPrinted>{date}</cp:lastPrinted>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{date}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{date}</dcterms:modified>'
        "</cp:coreProperties>"
    )
