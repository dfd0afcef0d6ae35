"""The official form, read back from the built .docx: page, styles, table header, digits, footer."""

import re
import subprocess
import sys
import zipfile

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Mm

from helpers import DATA, LATIN_OR_URL, NS, ROOT, W, body_paragraphs, part, run_cli, table_rows

FONT = "TH SarabunPSK"


def test_a4_landscape_with_official_margins(seed_docx):
    section = Document(str(seed_docx)).sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert abs(section.page_width - Mm(297)) < Mm(1) and abs(section.page_height - Mm(210)) < Mm(1)
    assert abs(section.left_margin - Mm(30)) < Mm(1) and abs(section.right_margin - Mm(20)) < Mm(1)


def test_styles_carry_thai_font_size_bold_and_language(seed_docx):
    styles = part(seed_docx, "word/styles.xml")
    for rpr in (styles.find("w:docDefaults/w:rPrDefault/w:rPr", NS),
                styles.find("w:style[@w:styleId='Normal']/w:rPr", NS)):
        fonts = rpr.find("w:rFonts", NS)
        assert {fonts.get(W + k) for k in ("ascii", "hAnsi", "cs")} == {FONT}
        assert fonts.get(W + "asciiTheme") is None and fonts.get(W + "cstheme") is None
        assert rpr.find("w:sz", NS).get(W + "val") == "32"
        assert rpr.find("w:szCs", NS).get(W + "val") == "32"
        lang = rpr.find("w:lang", NS)
        assert lang.get(W + "bidi") == "th-TH" and lang.get(W + "val") == "th-TH"
    for style_id in ("ITATitle", "ITATableHeader"):
        rpr = styles.find(f"w:style[@w:styleId='{style_id}']/w:rPr", NS)
        assert rpr.find("w:b", NS) is not None and rpr.find("w:bCs", NS) is not None
    # runs do not override the styles
    document = part(seed_docx, "word/document.xml")
    assert document.find(".//w:r/w:rPr", NS) is None


def test_header_row_repeats_and_columns_are_fixed(seed_docx):
    document = part(seed_docx, "word/document.xml")
    table = document.find(".//w:tbl", NS)
    rows = table.findall("w:tr", NS)
    assert [child.tag for child in rows[0].find("w:trPr", NS)] == [W + "cantSplit", W + "tblHeader"]
    assert all(r.find("w:trPr/w:tblHeader", NS) is None for r in rows[1:])
    assert table.find("w:tblPr/w:tblLayout", NS).get(W + "type") == "fixed"
    grid = [int(c.get(W + "w")) for c in table.findall("w:tblGrid/w:gridCol", NS)]
    section = Document(str(seed_docx)).sections[0]
    text_width = (section.page_width - section.left_margin - section.right_margin) // 635
    assert len(grid) == 6 and sum(grid) == text_width
    for row in rows:
        assert [int(tc.find("w:tcPr/w:tcW", NS).get(W + "w")) for tc in row.findall("w:tc", NS)] == grid
    headers = ["".join(cell) for cell in table_rows(seed_docx)[0]]
    assert headers == ["มาตรการ/แนวทาง", "ขั้นตอนหรือวิธีการปฏิบัติ", "ผู้รับผิดชอบ", "ระยะเวลา",
                       "สรุปผลการดำเนินการตามมาตรการ/กิจกรรม", "ผลลัพธ์หรือความสำเร็จของการดำเนินการ"]


def test_numbers_and_items_in_cells(seed_docx):
    rows = table_rows(seed_docx)
    assert len(rows) == 1 + 7
    first = rows[1]
    assert first[0] == ["๑.\tการป้องกันการทุจริต"]
    assert [p[:3] for p in first[1]] == ["๑.\t", "๒.\t"]
    assert first[3] == ["ปีงบประมาณ พ.ศ.\u00a0๒๕๖๘"]
    assert all(p.startswith("-\t") for p in first[5]) and len(first[5]) == 2
    assert rows[3][3] == ["ตุลาคม พ.ศ.\u00a0๒๕๖๗ - กันยายน พ.ศ.\u00a0๒๕๖๘"]
    # measure 6 spans two rows: its number only on the first; activities as "-" items
    assert rows[6][0][0].startswith("๖.\tกระบวนการควบคุม") and rows[6][0][1].startswith("-\tสร้างแนวปฏิบัติ")
    assert rows[7][0][0].startswith("-\tกลไกและมาตรการ")


def test_every_digit_is_thai_outside_latin_words_and_urls(seed_docx):
    texts = [t.text or "" for t in part(seed_docx, "word/document.xml").iter(W + "t")]
    joined = "".join(texts)
    assert "๒๕๖๘" in joined and "O26" not in joined  # the indicator is data, not printed
    for text in texts:
        assert not re.search("[0-9]", LATIN_OR_URL.sub("", text)), text
    assert "Dos & Don't" in joined  # Latin text kept as written


def test_footer_has_a_page_field_in_thai_number_format(seed_docx):
    document = part(seed_docx, "word/document.xml")
    sect = document.find("w:body/w:sectPr", NS)
    assert sect.find("w:pgNumType", NS).get(W + "fmt") == "thaiNumbers"
    with zipfile.ZipFile(seed_docx) as zf:
        footers = [n for n in zf.namelist() if n.startswith("word/footer")]
    assert footers
    instr = " ".join(t.text for name in footers for t in part(seed_docx, name).iter(W + "instrText"))
    assert instr.split() == ["PAGE"]  # no \* ThaiArabic: LibreOffice would draw Thai letters
    footer = part(seed_docx, footers[0])
    assert footer.find(".//w:r/w:rPr/w:lang", NS).get(W + "val") == "th-TH"


def test_title_block_and_intro(seed_docx):
    paragraphs = body_paragraphs(seed_docx)
    assert paragraphs[:5] == [
        "รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
        "ตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
        "ประจำปีงบประมาณ พ.ศ.\u00a0๒๕๖๘",
        "",
        "เทศบาลตำบลโคกสูงสัมพันธ์ อำเภอชุมแพ จังหวัดขอนแก่น",
    ]
    assert paragraphs[5].startswith("รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรม")


def test_core_properties_are_meaningful_and_fixed(seed_docx):
    props = Document(str(seed_docx)).core_properties
    assert props.author == "เทศบาลตำบลโคกสูงสัมพันธ์"
    assert props.title.startswith("รายงานผลการดำเนินการเพื่อส่งเสริม")
    assert props.created.year == 2025 and props.modified == props.created
    assert props.keywords == "ITA O26"  # the indicator is data: kept in the file, not printed


def test_two_builds_in_separate_processes_are_byte_identical(tmp_path):
    outputs = []
    for i, tz in enumerate(("UTC", "Asia/Bangkok")):
        out = tmp_path / f"r{i}.docx"
        result = run_cli("build", DATA, "-o", out, env={"TZ": tz})
        assert result.returncode == 0, result.stderr
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    with zipfile.ZipFile(tmp_path / "r0.docx") as zf:
        assert {info.date_time for info in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_arabic_numerals_opt_out(tmp_path):
    text = DATA.read_text(encoding="utf-8").replace("fiscal_year: 2568", "fiscal_year: 2568\nnumerals: arabic")
    (tmp_path / "a.yaml").write_text(text, encoding="utf-8")
    result = run_cli("build", "a.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    joined = "".join(t.text or "" for t in part(tmp_path / "a.docx", "word/document.xml").iter(W + "t"))
    assert "ประจำปีงบประมาณ พ.ศ.\u00a02568" in joined and "ร้อยละ\u00a080" in joined
    assert not re.search("[๐-๙]", joined)


def test_committed_base_docx_is_what_the_generator_writes():
    result = subprocess.run([sys.executable, "-c", "import sys; sys.path.insert(0, 'tools');"
                             "import make_base_docx; sys.stdout.buffer.write(make_base_docx.build_base())"],
                            cwd=ROOT, capture_output=True, check=True)
    assert result.stdout == (ROOT / "templates" / "base.docx").read_bytes()


def copy_base(folder, change):
    """templates/base.docx copied into folder with change(name, data) -> data | None (None drops the part)."""
    folder.mkdir()
    with zipfile.ZipFile(ROOT / "templates" / "base.docx") as src, \
            zipfile.ZipFile(folder / "base.docx", "w") as dst:
        for info in src.infolist():
            data = change(info.filename, src.read(info))
            if data is not None:
                dst.writestr(info, data)


def test_base_document_with_another_namespace_prefix(tmp_path):
    """Word always writes w:, but a base document may bind the namespace to another prefix."""
    def prefix_wx(name, data):
        if name != "word/document.xml":
            return data
        return data.replace(b"xmlns:w=", b"xmlns:wx=").replace(b"<w:", b"<wx:").replace(b"</w:", b"</wx:") \
            .replace(b" w:", b" wx:")

    copy_base(tmp_path / "mine", prefix_wx)
    result = run_cli("build", DATA, "-o", tmp_path / "out.docx", "--templates", tmp_path / "mine")
    assert result.returncode == 0, result.stderr
    assert len(table_rows(tmp_path / "out.docx")) == 8
    assert Document(str(tmp_path / "out.docx")).sections[0].orientation == WD_ORIENT.LANDSCAPE


def test_base_document_without_core_properties_gets_them(tmp_path):
    def drop_core(name, data):
        if name == "docProps/core.xml":
            return None
        if name in ("[Content_Types].xml", "_rels/.rels"):
            return re.sub(rb"<(Override|Relationship)[^>]*core[^>]*/>", b"", data)
        return data

    copy_base(tmp_path / "mine", drop_core)
    result = run_cli("build", DATA, "-o", tmp_path / "out.docx", "--templates", tmp_path / "mine")
    assert result.returncode == 0, result.stderr
    assert Document(str(tmp_path / "out.docx")).core_properties.author == "เทศบาลตำบลโคกสูงสัมพันธ์"
