"""The Excel workbook (`build -f xlsx`), reopened with openpyxl: every cell of both sheets, the
merges, widths, fonts, number formats, validation lists, the total's formula, the page setup; the
same bytes on every build and `--check`; and LibreOffice opening it (CSV as shown: Thai digits)."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import zipfile

import openpyxl
import pytest

from helpers import DATA, run_cli
from itareport.build import BuildOptions, build_file, check_file
from itareport.errors import InputError
from itareport.files import CheckState
from itareport.render.worksheet import DIGIT_PX, PADDING_PX, SPACER_PT, TEXT_WIDTH_PX, height_of, line_count
from itareport.render.xlsx import CHOICES_SHEET, FACTS_SHEET, REPORT_SHEET, render_xlsx
from itareport.validate import load_valid_report
from itareport.view import Para, build_view

SMALL = """\
version: 1
agency: {name: เทศบาลตำบลทดสอบ, district: เมือง, province: ขอนแก่น}
fiscal_year: 2568
ita_indicator: O26
show_indicator: true
date: 2568-10-15
signers:
  - {name: นายสมชาย ใจดี, position: ปลัดเทศบาล, role: ผู้รายงาน}
  - name: นายสมศักดิ์ รักไทย
    role: ผู้เห็นชอบ
    position: [ปลัดเทศบาล, รักษาราชการแทนนายกเทศมนตรี]
ita_results:
  fiscal_year: 2567
  score: 72.40
  indicators:
    - {name: การเปิดเผยข้อมูล, score: 91.25}
    - {name: การป้องกันการทุจริต, score: 62.5}
  weaknesses: [ข้อมูลไม่ครบ]
  improvements: [เพิ่มช่องทางร้องเรียน]
columns:
  - {key: title, header: มาตรการ}
  - {key: steps, header: ขั้นตอน, type: numbered}
  - {key: budget, header: งบประมาณ (บาท), type: money, total: true}
  - {key: owner, header: ผู้รับผิดชอบ}
  - {key: period, header: ระยะเวลา, type: period}
  - {key: results, header: ผลการดำเนินงาน, type: list}
  - {key: status, header: สถานะ, type: status}
measures:
  - title: มาตรการป้องกันการรับสินบน
    steps: [ประกาศเจตนารมณ์, อบรม 45 คน, ติดตามผล]
    budget: 15000
    owner: "=SUM(A1) สำนักปลัด"
    period: fiscal-year
    results: [ประกาศแล้ว]
    status: done
  - title: มาตรการเปิดเผยข้อมูล
    activities:
      - title: ป้ายประชาสัมพันธ์
        steps: [จัดทำป้าย]
        budget: "๑๒,๕๐๐.๕๐"
        owner: กองคลัง
        period: {from: 2567-10, to: 2567-12}
        results: [ติดตั้งแล้ว, ตรวจรับแล้ว]
        status: in-progress
      - title: เว็บไซต์
        steps: [ปรับปรุงเว็บไซต์]
        owner: กองคลัง
        period: fiscal-year
        status: not-started
"""

Y = "ปีงบประมาณ พ.ศ.\xa0๒๕๖๘"
TITLE = ["รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
         "ตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน", "ประจำปีงบประมาณ พ.ศ.\xa0๒๕๖๘"]
INTRO = ("รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงานของเทศบาลตำบลทดสอบ "
         "ประจำปีงบประมาณ พ.ศ.\xa0๒๕๖๘ ดังต่อไปนี้")
DATE = "วันที่ ๑๕\xa0เดือน ตุลาคม พ.ศ.\xa0๒๕๖๘"
SIGN = "(ลงชื่อ) .............................................."

# Every non-empty cell of the report sheet, row by row.
REPORT_CELLS = {
    "A1": "O26", "A2": TITLE[0], "A3": TITLE[1], "A4": TITLE[2],
    "A6": "เทศบาลตำบลทดสอบ อำเภอเมือง จังหวัดขอนแก่น", "A7": INTRO,
    "A9": "มาตรการ", "B9": "ขั้นตอน", "C9": "งบประมาณ (บาท)", "D9": "ผู้รับผิดชอบ", "E9": "ระยะเวลา",
    "F9": "ผลการดำเนินงาน", "G9": "สถานะ",
    "A10": "๑. มาตรการป้องกันการรับสินบน", "B10": "๑. ประกาศเจตนารมณ์", "C10": 15000,
    "D10": "=SUM(A1) สำนักปลัด", "E10": Y, "F10": "- ประกาศแล้ว", "G10": "ดำเนินการแล้ว",
    "B11": "๒. อบรม ๔๕\xa0คน", "B12": "๓. ติดตามผล",
    "A13": "๒. มาตรการเปิดเผยข้อมูล\n- ป้ายประชาสัมพันธ์", "B13": "๑. จัดทำป้าย", "C13": 12500.5, "D13": "กองคลัง",
    "E13": "ตุลาคม พ.ศ.\xa0๒๕๖๗ - ธันวาคม พ.ศ.\xa0๒๕๖๗", "F13": "- ติดตั้งแล้ว", "G13": "อยู่ระหว่างดำเนินการ",
    "F14": "- ตรวจรับแล้ว",
    "A15": "- เว็บไซต์", "B15": "๑. ปรับปรุงเว็บไซต์", "D15": "กองคลัง", "E15": Y, "G15": "ยังไม่ได้ดำเนินการ",
    "A16": "รวม", "C16": "=SUM(C10:C15)",
    "D18": "ผู้รายงาน", "D19": SIGN, "D20": "(นายสมชาย ใจดี)", "D21": "ปลัดเทศบาล", "D22": DATE,
    "D24": "ผู้เห็นชอบ", "D25": SIGN, "D26": "(นายสมศักดิ์ รักไทย)", "D27": "ปลัดเทศบาล",
    "D28": "รักษาราชการแทนนายกเทศมนตรี", "D29": DATE,
}
REPORT_MERGES = {
    *(f"A{r}:G{r}" for r in range(1, 8)),
    "A10:A12", "C10:C12", "D10:D12", "E10:E12", "G10:G12",     # a measure's cells over its three steps
    "A13:A14", "C13:C14", "D13:D14", "E13:E14", "G13:G14",     # an activity's over its two results
    *(f"D{r}:G{r}" for r in (*range(18, 23), *range(24, 30))),  # the signatures, right half
}
FACT_ROWS = [
    ("รายการ", "ข้อความ", "ตำแหน่งในไฟล์ข้อมูล"),
    ("ชื่อหน่วยงาน", "เทศบาลตำบลทดสอบ", "agency.name"), ("อำเภอ", "เมือง", "agency.district"),
    ("จังหวัด", "ขอนแก่น", "agency.province"), ("ปีงบประมาณ (พ.ศ.)", "๒๕๖๘", "fiscal_year"),
    ("ตัวชี้วัด ITA", "O26", "ita_indicator"), ("คำนำ", INTRO, "intro"),
    ("ผู้ลงนามคนที่ ๑ บทบาท", "ผู้รายงาน", "signers[1].role"), ("ผู้ลงนามคนที่ ๑ ชื่อ", "นายสมชาย ใจดี", "signers[1].name"),
    ("ผู้ลงนามคนที่ ๑ ตำแหน่ง", "ปลัดเทศบาล", "signers[1].position[1]"),
    ("ผู้ลงนามคนที่ ๒ บทบาท", "ผู้เห็นชอบ", "signers[2].role"),
    ("ผู้ลงนามคนที่ ๒ ชื่อ", "นายสมศักดิ์ รักไทย", "signers[2].name"),
    ("ผู้ลงนามคนที่ ๒ ตำแหน่ง", "ปลัดเทศบาล", "signers[2].position[1]"),
    ("ผู้ลงนามคนที่ ๒ ตำแหน่ง บรรทัดที่ ๒", "รักษาราชการแทนนายกเทศมนตรี", "signers[2].position[2]"),
    ("วันที่ใต้ลายมือชื่อ", DATE, "date"),
    ("ผลการประเมิน ITA ปีงบประมาณ", "๒๕๖๗", "ita_results.fiscal_year"),
    ("ผลการประเมิน ITA คะแนนรวม", 72.4, "ita_results.score"),
    ("ตัวชี้วัดที่ ๑", "การเปิดเผยข้อมูล", "ita_results.indicators[1].name"),
    ("ตัวชี้วัดที่ ๑ คะแนน", 91.25, "ita_results.indicators[1].score"),
    ("ตัวชี้วัดที่ ๒", "การป้องกันการทุจริต", "ita_results.indicators[2].name"),
    ("ตัวชี้วัดที่ ๒ คะแนน", 62.5, "ita_results.indicators[2].score"),
    ("ประเด็นที่เป็นข้อบกพร่องหรือจุดอ่อนที่ต้องแก้ไขโดยเร่งด่วน ข้อ ๑", "ข้อมูลไม่ครบ", "ita_results.weaknesses[1]"),
    ("ประเด็นที่ต้องพัฒนาให้ดีขึ้น ข้อ ๑", "เพิ่มช่องทางร้องเรียน", "ita_results.improvements[1]"),
]
PERIODS = [Y, "ตุลาคม พ.ศ.\xa0๒๕๖๗ - มีนาคม พ.ศ.\xa0๒๕๖๘", "เมษายน พ.ศ.\xa0๒๕๖๘ - กันยายน พ.ศ.\xa0๒๕๖๘",
           "ตุลาคม พ.ศ.\xa0๒๕๖๗ - ธันวาคม พ.ศ.\xa0๒๕๖๗", "มกราคม พ.ศ.\xa0๒๕๖๘ - มีนาคม พ.ศ.\xa0๒๕๖๘",
           "เมษายน พ.ศ.\xa0๒๕๖๘ - มิถุนายน พ.ศ.\xa0๒๕๖๘", "กรกฎาคม พ.ศ.\xa0๒๕๖๘ - กันยายน พ.ศ.\xa0๒๕๖๘"]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The small report in Thai and in Arabic digits, and the seed, as .xlsx."""
    work = tmp_path_factory.mktemp("xlsx")
    (work / "small.yaml").write_text(SMALL, encoding="utf-8")
    (work / "arabic.yaml").write_text(SMALL.replace("fiscal_year: 2568\n", "fiscal_year: 2568\nnumerals: arabic\n", 1),
                                      encoding="utf-8")
    out = {}
    for source in (work / "small.yaml", work / "arabic.yaml", DATA):
        build_file(source, BuildOptions(output=work / f"{source.stem}.xlsx", formats=("xlsx",)))
        out[source.stem] = work / f"{source.stem}.xlsx"
    out["folder"] = work
    return out


def cells(ws) -> dict[str, object]:
    return {c.coordinate: c.value for row in ws.iter_rows() for c in row if c.value is not None}


def test_report_sheet_every_cell_and_merge(built):
    book = openpyxl.load_workbook(built["small"])
    assert book.sheetnames == [REPORT_SHEET, FACTS_SHEET, CHOICES_SHEET]
    ws = book[REPORT_SHEET]
    assert cells(ws) == REPORT_CELLS
    assert {str(r) for r in ws.merged_cells.ranges} == REPORT_MERGES
    assert ws["D10"].data_type == "s"            # a text that starts with '=' stays text
    assert ws.print_title_rows == "$9:$9"         # the header row on every printed page


def test_fonts_alignment_borders(built):
    ws = openpyxl.load_workbook(built["small"])[REPORT_SHEET]
    for coordinate in REPORT_CELLS:
        font = ws[coordinate].font
        assert (font.name, font.sz) == ("TH SarabunPSK", 16), coordinate
    bold = {c for c in REPORT_CELLS if ws[c].font.b}
    assert bold == {"A2", "A3", "A4", "A6", *(f"{c}9" for c in "ABCDEFG"), "A16", "C16"}
    last_row = {(col, row): r.max_row for r in ws.merged_cells.ranges
                for row in range(r.min_row, r.max_row + 1) for col in range(r.min_col, r.max_col + 1)}
    for row in range(9, 17):                       # the table: every cell (a merged range) boxed
        for col in range(1, 8):
            border = ws.cell(row, col).border
            bottom = ws.cell(last_row.get((col, row), row), col).border.bottom
            assert border.left.style == border.right.style == bottom.style == "thin", (row, col)
    for coordinate in ("B10", "A13", "D10", "F14"):
        assert ws[coordinate].alignment.wrap_text and ws[coordinate].alignment.vertical == "top"
    assert ws["A2"].alignment.horizontal == "center" and ws["A1"].alignment.horizontal == "right"


def test_widths_follow_the_shares_and_heights_hold_the_text(built):
    ws = openpyxl.load_workbook(built["small"])[REPORT_SHEET]
    view = build_view(load_valid_report(built["folder"] / "small.yaml")[0])
    widths = [ws.column_dimensions[letter].width for letter in "ABCDEFG"]
    px = [w * DIGIT_PX + PADDING_PX for w in widths]
    assert sum(px) == pytest.approx(TEXT_WIDTH_PX, abs=1)          # the page's text width, 24.7 cm
    for share, width in zip(view.shares, px, strict=True):
        assert width / sum(px) == pytest.approx(share, abs=0.01)
    heights = {r: ws.row_dimensions[r].height for r in range(1, 30)}
    assert {r for r, h in heights.items() if h == SPACER_PT} == {8, 17, 23}   # before the table, the signatures
    assert all(h >= height_of(1) for r, h in heights.items() if r not in (8, 17, 23)), heights
    # the merged period cell of the activity over rows 13-14 gets the room its four lines need
    assert heights[13] + heights[14] >= height_of(line_count(REPORT_CELLS["E13"], widths[4]))
    assert line_count(REPORT_CELLS["E13"], widths[4]) >= 2


def test_money_numbers_formats_and_the_total_formula(built):
    thai = openpyxl.load_workbook(built["small"])[REPORT_SHEET]
    arabic = openpyxl.load_workbook(built["arabic"])[REPORT_SHEET]
    for ws, prefix in ((thai, "[$-D00041E]"), (arabic, "")):
        for coordinate in ("C10", "C13", "C15", "C16"):
            assert ws[coordinate].number_format == prefix + "#,##0.00", coordinate
    assert thai["C10"].data_type == "n" and thai["C16"].data_type == "f" and thai["C15"].value is None
    assert arabic["B11"].value == "2. อบรม 45\xa0คน" and arabic["C13"].value == 12500.5
    with zipfile.ZipFile(built["small"]) as zf:   # the total's value is cached beside the formula
        sheet = zf.read("xl/worksheets/sheet1.xml").decode()
    assert re.search(r'<c r="C16"[^>]*><f>SUM\(C10:C15\)</f><v>27500\.5</v></c>', sheet)
    values = openpyxl.load_workbook(built["small"], data_only=True)[REPORT_SHEET]
    assert values["C16"].value == 27500.5


def test_validation_lists_for_status_and_periods(built):
    book = openpyxl.load_workbook(built["small"])
    rules = {str(dv.sqref): dv for dv in book[REPORT_SHEET].data_validations.dataValidation}
    assert set(rules) == {"G10:G15", "E10:E15"}
    status, period = rules["G10:G15"], rules["E10:E15"]
    assert (status.type, status.formula1, status.showErrorMessage) == ("list", "'ตัวเลือก'!$A$1:$A$4", True)
    assert (period.type, period.formula1, period.showErrorMessage) == ("list", "'ตัวเลือก'!$B$1:$B$7", False)
    choices = book[CHOICES_SHEET]
    assert choices.sheet_state == "hidden"
    assert [c.value for c in choices["A"] if c.value] == ["ดำเนินการแล้ว", "อยู่ระหว่างดำเนินการ", "ยังไม่ได้ดำเนินการ", "ยกเลิก"]
    assert [c.value for c in choices["B"]] == PERIODS


def test_facts_sheet_labels_values_and_places(built):
    ws = openpyxl.load_workbook(built["small"])[FACTS_SHEET]
    rows = [tuple(c.value for c in row) for row in ws.iter_rows()]
    assert rows == FACT_ROWS
    assert ws.column_dimensions["C"].hidden
    assert ws["B17"].number_format == "[$-D00041E]0.00" and ws["B17"].data_type == "n"
    assert all(ws[f"B{r}"].font.name == "TH SarabunPSK" for r in range(1, len(FACT_ROWS) + 1))


def test_page_setup_a4_landscape_fitted_to_width(built):
    ws = openpyxl.load_workbook(built["measures_2568"])[REPORT_SHEET]
    setup = ws.page_setup
    assert (setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight) == ("landscape", 9, 1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert (round(ws.page_margins.left * 2.54, 1), round(ws.page_margins.right * 2.54, 1)) == (3.0, 2.0)


def test_the_seed_one_row_per_step(built):
    ws = openpyxl.load_workbook(built["measures_2568"])[REPORT_SHEET]
    report, _ = load_valid_report(DATA)
    steps = sum(max(len(a.steps), len(a.results), len(a.outcomes)) for m in report.measures
                for a in (m.activities if hasattr(m, "activities") else [m]))
    header = next(r for r in range(1, 20) if ws[f"A{r}"].value == "มาตรการ/แนวทาง")
    assert ws.max_row == header + steps
    assert ws[f"B{header + 1}"].value.startswith("๑. จัดทำคู่มือ")
    assert ws[f"B{header + 2}"].value.startswith("๒. ประชาสัมพันธ์คู่มือ")
    assert f"A{header + 1}:A{header + 2}" in {str(r) for r in ws.merged_cells.ranges}


def test_the_signatures_start_a_page_with_the_last_activity(built):
    ws = openpyxl.load_workbook(built["small"])[REPORT_SHEET]
    assert [b.id for b in ws.row_breaks.brk] == [14]    # page 2 starts at row 15: the last activity


def test_same_bytes_every_build_and_check(built, tmp_path):
    source = built["folder"] / "small.yaml"
    build_file(source, BuildOptions(output=tmp_path / "again.xlsx", formats=("xlsx",)))
    assert (tmp_path / "again.xlsx").read_bytes() == built["small"].read_bytes()
    with zipfile.ZipFile(built["small"]) as zf:
        assert {info.date_time for info in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core, app = zf.read("docProps/core.xml").decode(), zf.read("docProps/app.xml").decode()
    assert '<dcterms:modified xsi:type="dcterms:W3CDTF">2025-09-30T00:00:00Z</dcterms:modified>' in core
    assert "<Application>itareport</Application>" in app and "penpyxl" not in app
    options = BuildOptions(output=built["small"], formats=("xlsx",))
    assert check_file(source, options).states == [(built["small"], CheckState.CURRENT)]
    changed = tmp_path / "small.yaml"
    changed.write_text(SMALL.replace("อบรม 45 คน", "อบรม 46 คน"), encoding="utf-8")
    assert check_file(changed, options).states == [(built["small"], CheckState.STALE)]


def test_cli_xlsx_in_a_batch_and_check(tmp_path):
    (tmp_path / "a.yaml").write_text(SMALL, encoding="utf-8")
    result = run_cli("build", "a.yaml", str(DATA), "-f", "docx,xlsx", "-o", "out/", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "a.docx", "a.xlsx", "measures_2568.docx", "measures_2568.xlsx"]
    result = run_cli("build", "a.yaml", str(DATA), "-f", "xlsx", "-o", "out/", "--check", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    (tmp_path / "a.yaml").write_text(SMALL.replace("ติดตามผล", "ติดตามผลแล้ว"), encoding="utf-8")
    result = run_cli("build", "a.yaml", "-f", "xlsx", "-o", "out/", "--check", cwd=tmp_path)
    assert result.returncode == 1 and "out/a.xlsx" in result.stdout + result.stderr


def test_a_text_too_long_for_a_cell_is_refused(tmp_path):
    view = build_view(load_valid_report(DATA)[0])
    view.rows[0].cells[1][0] = Para("ก" * 40000, "๑.")
    with pytest.raises(InputError, match=r"รายงาน!B\d+: a text of 40003 characters is longer than an Excel cell"):
        render_xlsx(view)


def test_libreoffice_opens_it_and_shows_thai_digits(built):
    """LibreOffice Calc reads the workbooks and writes each report sheet as shown (CSV)."""
    folder = built["folder"]
    sources = [built["small"], built["arabic"]]
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{folder}/profile", "--convert-to",
                    "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true", "--outdir", str(folder / "csv"),
                    *map(str, sources)], check=True, capture_output=True, timeout=180)
    thai, arabic = ([row + [""] * (7 - len(row)) for row in csv.reader(io.StringIO(
        (folder / "csv" / f"{name}.csv").read_text(encoding="utf-8")))] for name in ("small", "arabic"))
    assert thai[9][:3] == ["๑. มาตรการป้องกันการรับสินบน", "๑. ประกาศเจตนารมณ์", "๑๕,๐๐๐.๐๐"]
    assert thai[12][2] == "๑๒,๕๐๐.๕๐" and thai[15][:3] == ["รวม", "", "๒๗,๕๐๐.๕๐"]
    assert arabic[9][2] == "15,000.00" and arabic[15][2] == "27,500.50"
    assert thai[12][0] == "๒. มาตรการเปิดเผยข้อมูล\n- ป้ายประชาสัมพันธ์" and thai[13][5] == "- ตรวจรับแล้ว"
    assert thai[0][0] == "O26" and thai[8] == ["มาตรการ", "ขั้นตอน", "งบประมาณ (บาท)", "ผู้รับผิดชอบ", "ระยะเวลา",
                                              "ผลการดำเนินงาน", "สถานะ"]
