"""`itareport import` on Word files typed by someone else: whatever they hold, the data file loads.

A Hypothesis test writes Word documents with python-docx whose title block, cells and signature
hold line breaks, tabs, ': ', ' #', quotes, YAML indicators at the start, emoji, control
characters and very long texts: the import always loads with itareport's loader and builds.
Then the messy layouts the issue found: a title block and a signature block typed as one
paragraph with line breaks, line breaks inside cells.
"""

import tempfile
from pathlib import Path

import docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import run_cli
from itareport.importer import import_file
from itareport.loader import load_text
from itareport.render.docx import render_docx
from itareport.validate import validate_loaded
from itareport.view import base_document, build_view
from itareport.yaml_writer import comment_lines

HEADER = ["มาตรการ/แนวทาง", "ขั้นตอนหรือวิธีการปฏิบัติ", "ผู้รับผิดชอบ", "ระยะเวลา", "สรุปผลการดำเนินการ",
          "ผลลัพธ์หรือความสำเร็จ"]


def add_lines(paragraph, lines: list[str]) -> None:
    """One paragraph, its lines separated by line breaks (Shift+Enter in Word)."""
    for i, line in enumerate(lines):
        run = paragraph.add_run(line)
        if i < len(lines) - 1:
            run.add_break()


def word_file(path: Path, title: list[str], rows: list[list[list[str]]], signature: list[str]) -> Path:
    d = docx.Document()
    add_lines(d.add_paragraph(), title)
    table = d.add_table(rows=1 + len(rows), cols=6)
    for cell, text in zip(table.rows[0].cells, HEADER, strict=False):
        cell.text = text
    for r, row in enumerate(rows, start=1):
        for cell, lines in zip(table.rows[r].cells, row, strict=False):
            add_lines(cell.paragraphs[0], lines)
    add_lines(d.add_paragraph(), signature)
    d.save(path)
    return path


# --- any text --------------------------------------------------------------------------------

PIECES = ["การ", "ทุจริต", "ำ", "๑.", "1)", "-", "* ", "& ", "! ", "% ", "@ ", "{ ", "[ ", "]", "}", ": ", " #", "#",
          '"', "'", "\t", "😀", "👍🏽", "\u200b", "\u00a0", "---", "...", "? ", "| ", "> ", "yes", "null", "~", "0x1F",
          "2568", "ปีงบประมาณ", "\\", "`", "<b>", "&amp;"]
# Characters XML 1.0 can hold (python-docx refuses the others): tab, line feed, printable text.
XML_CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\ufffe\uffff",
                          max_codepoint=0x1FFFF).filter(lambda ch: ch in "\t\n" or ord(ch) >= 0x20)
LINE = st.one_of(
    st.lists(st.sampled_from(PIECES), min_size=1, max_size=8).map("".join),
    st.text(XML_CHARS, min_size=1, max_size=30),
    st.sampled_from(PIECES).map(lambda p: p * 400),           # very long
)
LINES = st.lists(LINE, min_size=1, max_size=3)


@st.composite
def documents(draw):
    title = [*draw(st.lists(LINE, max_size=3)), draw(st.sampled_from(["ประจำปีงบประมาณ พ.ศ. ๒๕๖๘", "ไตรมาสที่ 2"]))]
    rows = [[draw(LINES) for _ in range(6)] for _ in range(draw(st.integers(1, 3)))]
    signature = draw(st.lists(LINE, max_size=4))
    return title, rows, signature


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(documents())
def test_any_word_document_imports_into_a_file_that_loads_and_builds(document):
    with tempfile.TemporaryDirectory() as folder:
        source = word_file(Path(folder) / "report.docx", *document)
        result = import_file(source)
    loaded = load_text(result.yaml_text, "imported.yaml")
    assert loaded.data is not None and not [d for d in loaded.diagnostics if d.severity == "error"], \
        [d.format() for d in loaded.diagnostics]
    checked = validate_loaded(loaded)
    assert checked.report is not None, [d.format() for d in checked.diagnostics]
    assert render_docx(build_view(checked.report), base_document(None))[:2] == b"PK"


# --- messy layouts ----------------------------------------------------------------------------------

def test_title_and_signature_blocks_typed_as_one_paragraph(tmp_path):
    source = word_file(
        tmp_path / "messy.docx",
        ["รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน", "ประจำปีงบประมาณ พ.ศ. ๒๕๖๗",
         "องค์การบริหารส่วนตำบลโคกสูง อำเภอเมือง จังหวัดขอนแก่น"],
        [[["1. มาตรการป้องกันการรับสินบน"], ["จัดทำประกาศ: ห้ามรับ #1", 'ประชาสัมพันธ์ "No Gift"'], ["สำนักปลัด"],
          ["ต.ค. 66 - ก.ย. 67"], ["- ดำเนินการแล้ว", "- ผ่าน"], ["ร้อยละ 100"]]],
        ["(ลงชื่อ) ..........................", "(นายสมชาย ใจดี)", "นายกองค์การบริหารส่วนตำบลโคกสูง", "",
         "หมายเหตุ: - ข้อความ\tท้าย"])
    out = tmp_path / "messy.yaml"
    result = run_cli("import", source, "-o", out)
    assert result.returncode == 0, result.stderr
    data = validate_loaded(load_text(out.read_text(encoding="utf-8"), str(out)))
    assert data.report is not None
    report = data.report
    assert (report.agency.name, report.agency.district, report.agency.province) == \
        ("องค์การบริหารส่วนตำบลโคกสูง", "เมือง", "ขอนแก่น")
    assert report.fiscal_year == 2567
    assert [(s.name, s.position) for s in report.signers] == [("นายสมชาย ใจดี", ["นายกองค์การบริหารส่วนตำบลโคกสูง"])]
    measure = report.measures[0]
    assert measure.steps == ["จัดทำประกาศ: ห้ามรับ #1", 'ประชาสัมพันธ์ "No Gift"']   # a line break = an item
    assert measure.results == ["ดำเนินการแล้ว", "ผ่าน"]
    assert data.report.review[-1].source == "หมายเหตุ: - ข้อความ ท้าย" and data.report.review[-1].path is None
    assert "text after the table was not understood" in result.stderr


def test_a_comment_with_line_breaks_and_control_characters_stays_a_comment():
    assert comment_lines("ก\nข\r\nค\u2028ง\x85จ\x1fฉ", 2) == ["  # ก", "  # ข", "  # ค", "  # ง", "  # จ\\x1Fฉ"]
