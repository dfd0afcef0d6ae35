"""Write templates/base.docx: the page setup, official styles and footer of the report.

Run `python tools/make_base_docx.py` after changing this file; a test checks that
the committed templates/base.docx is what this script writes. Agencies may replace
base.docx with their own Word file (`--templates DIR`); the renderer keeps its
styles, page setup, header and footer, and replaces the body.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from itareport.render.ooxml import PAGE_NUMBER_FORMAT, R_NS, W_NS, page_number_field  # noqa: E402
from itareport.render.package import deterministic_zip  # noqa: E402

FONT = "TH SarabunPSK"
SIZE = 32  # half-points: 16 pt

RFONTS = f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'
LANG = '<w:lang w:val="th-TH" w:eastAsia="th-TH" w:bidi="th-TH"/>'
RPR_BASE = f'{RFONTS}<w:sz w:val="{SIZE}"/><w:szCs w:val="{SIZE}"/>{LANG}'
BOLD = "<w:b/><w:bCs/>"


def _pstyle(style_id: str, name: str, ppr: str = "", rpr: str = "", based_on: str = "Normal",
            extra: str = "") -> str:
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    return (f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{style_id}"><w:name w:val="{name}"/>'
            f'{based}{extra}<w:qFormat/><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>')


STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W_NS}">
<w:docDefaults>
<w:rPrDefault><w:rPr>{RPR_BASE}</w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>
</w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>
<w:rPr>{RPR_BASE}</w:rPr></w:style>
<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/>
<w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/>
<w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>
<w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>
<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/><w:uiPriority w:val="99"/>
<w:semiHidden/><w:unhideWhenUsed/></w:style>
{_pstyle("ITATitle", "ITA Title", '<w:keepNext/><w:jc w:val="center"/>', BOLD)}
{_pstyle("ITAIntro", "ITA Intro", '<w:spacing w:before="240" w:after="240"/><w:ind w:firstLine="1134"/>'
         '<w:jc w:val="thaiDistribute"/>')}
{_pstyle("ITATableHeader", "ITA Table Header", '<w:keepNext/><w:jc w:val="center"/>', BOLD)}
{_pstyle("ITATableText", "ITA Table Text", "")}
{_pstyle("ITAListItem", "ITA List Item", '<w:ind w:left="397" w:hanging="397"/>', based_on="ITATableText")}
{_pstyle("ITASignature", "ITA Signature", '<w:ind w:left="7938"/><w:jc w:val="center"/>')}
{_pstyle("Footer", "footer", '<w:jc w:val="center"/>')}
</w:styles>
"""

FOOTER_RPR = f"<w:rPr>{RFONTS}<w:cs/><w:sz w:val=\"{SIZE}\"/><w:szCs w:val=\"{SIZE}\"/>{LANG}</w:rPr>"


def _footer() -> str:
    field = page_number_field("๑").replace("<w:r>", "<w:r>" + FOOTER_RPR)
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:ftr xmlns:w="{W_NS}" xmlns:r="{R_NS}">'
            f'<w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>{field}</w:p></w:ftr>\n')


# A4 landscape; margins 2.5 cm top, 2 cm right and bottom, 3 cm left.
SECT_PR = (
    '<w:sectPr><w:footerReference w:type="default" r:id="rId3"/>'
    '<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>'
    '<w:pgMar w:top="1418" w:right="1134" w:bottom="1134" w:left="1701" w:header="709" w:footer="567" w:gutter="0"/>'
    f'<w:pgNumType w:fmt="{PAGE_NUMBER_FORMAT}"/>'
    '<w:cols w:space="708"/><w:docGrid w:linePitch="435"/></w:sectPr>'
)

DOCUMENT = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W_NS}" '
            f'xmlns:r="{R_NS}"><w:body><w:p/>{SECT_PR}</w:body></w:document>\n')

SETTINGS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="{W_NS}"><w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/>
<w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:compatSetting w:name="compatibilityMode"
w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>
<w:themeFontLang w:val="th-TH" w:bidi="th-TH"/></w:settings>
"""

PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"

CONTENT_TYPES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="{WML}.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="{WML}.styles+xml"/>
<Override PartName="/word/settings.xml" ContentType="{WML}.settings+xml"/>
<Override PartName="/word/footer1.xml" ContentType="{WML}.footer+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>
</Types>
"""

ROOT_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{PKG_REL}">
<Relationship Id="rId1" Type="{OFFICE_REL}/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
<Relationship Id="rId3" Type="{OFFICE_REL}/extended-properties" Target="docProps/app.xml"/>
</Relationships>
"""

DOC_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{PKG_REL}">
<Relationship Id="rId1" Type="{OFFICE_REL}/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="{OFFICE_REL}/settings" Target="settings.xml"/>
<Relationship Id="rId3" Type="{OFFICE_REL}/footer" Target="footer1.xml"/>
</Relationships>
"""

CORE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>itareport base</dc:title>\
<dc:creator>itareport</dc:creator><cp:revision>1</cp:revision>\
<dcterms:created xsi:type="dcterms:W3CDTF">2000-01-01T00:00:00Z</dcterms:created>\
<dcterms:modified xsi:type="dcterms:W3CDTF">2000-01-01T00:00:00Z</dcterms:modified></cp:coreProperties>
"""

APP = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">\
<Application>itareport</Application></Properties>
"""


def build_base() -> bytes:
    parts = [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("word/document.xml", DOCUMENT),
        ("word/_rels/document.xml.rels", DOC_RELS),
        ("word/styles.xml", STYLES),
        ("word/settings.xml", SETTINGS),
        ("word/footer1.xml", _footer()),
        ("docProps/core.xml", CORE),
        ("docProps/app.xml", APP),
    ]
    return deterministic_zip((name, text.encode("utf-8")) for name, text in parts)


def main() -> None:
    target = ROOT / "templates" / "base.docx"
    target.write_bytes(build_base())
    print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
