"""Signers from every layout, in Word and in the PDF LibreOffice makes of it: a signature on one line,
stacked lines with the role after the dots and 'ตำแหน่ง', a role under the position, two signers side
by side (tab stops, a borderless table, and itareport's own report), the date line (written or dots);
and a one-line title in Thai digits over a table in Arabic digits, kept as the source prints it.

The Word files are written here (python-docx, and itareport's own build); LibreOffice turns them all
into PDFs in one start."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Cm

from helpers import write_data
from itareport.build import BuildOptions, build_file
from itareport.importer import import_file
from itareport.importer.signers import read_signatures
from itareport.importer.source import SourcePara
from itareport.loader import load_text
from itareport.validate import validate_loaded
from itareport.view import build_view

TITLE = "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. ๒๕๖๘ เทศบาลตำบลหนองแก"
HEADER = ["มาตรการ/แนวทาง", "ขั้นตอนหรือวิธีการปฏิบัติ", "ผู้รับผิดชอบ", "ระยะเวลา", "สรุปผลการดำเนินการ", "ผลลัพธ์"]
ROWS = [["1. มาตรการป้องกันการทุจริต", "1. จัดทำคู่มือ\n2. อบรมบุคลากร 45 คน", "สำนักปลัด", "ต.ค. 67 - ธ.ค. 67",
         "อบรมแล้ว 2 ครั้ง", "บุคลากร 45 คนรับทราบ"],
        ["2. มาตรการเปิดเผยข้อมูล", "1. ปรับปรุงเว็บไซต์", "กองคลัง", "ม.ค. 68 - มี.ค. 68", "ปรับปรุงแล้ว",
         "ประชาชนเข้าถึงข้อมูล"]]
SOMCHAI = {"name": "นายสมชาย ใจงาม", "position": "ปลัดเทศบาล", "role": "ผู้รายงาน"}
WICHAI = {"name": "นายวิชัย มั่นคง", "position": "นายกเทศมนตรีตำบลหนองแก"}

# name -> (the lines under the table; in a list: a borderless table, one signer per cell), signers, date
LAYOUTS = {
    "one_line": (["ลงชื่อ ผู้รายงาน (นายสมชาย ใจงาม) ปลัดเทศบาล", "วันที่ 15 ตุลาคม 2568"],
                 [SOMCHAI], "2568-10-15"),
    "stacked": (["(ลงชื่อ)..............................ผู้รายงาน", "(นายสมชาย ใจงาม)", "ตำแหน่ง ปลัดเทศบาล", "",
                 "(ลงชื่อ)..............................ผู้อนุมัติ", "(นายวิชัย มั่นคง)",
                 "ตำแหน่ง นายกเทศมนตรีตำบลหนองแก", "วันที่ ........ เดือน .................. พ.ศ. ........"],
                [SOMCHAI, {**WICHAI, "role": "ผู้อนุมัติ"}], "blank"),
    "role_under": (["(ลงชื่อ).......................................", "(นางสาวมาลี ศรีสุข)", "ปลัดเทศบาล",
                    "รักษาราชการแทนนายกเทศมนตรี", "ผู้รายงาน"],
                   [{"name": "นางสาวมาลี ศรีสุข", "position": ["ปลัดเทศบาล", "รักษาราชการแทนนายกเทศมนตรี"],
                     "role": "ผู้รายงาน"}], None),
    "tabs": (["ผู้รายงาน\tผู้เห็นชอบ", "(ลงชื่อ)....................\t(ลงชื่อ)....................",
              "(นายสมชาย ใจงาม)\t(นายวิชัย มั่นคง)", "ปลัดเทศบาล\tนายกเทศมนตรีตำบลหนองแก",
              "วันที่ 15 ตุลาคม 2568\tวันที่ 15 ตุลาคม 2568"],
             [SOMCHAI, {**WICHAI, "role": "ผู้เห็นชอบ"}], "2568-10-15"),
    "table": ([["ผู้รายงาน", "(ลงชื่อ) ....................", "(นายสมชาย ใจงาม)", "ปลัดเทศบาล"],
               ["ผู้เห็นชอบ", "(ลงชื่อ) ....................", "(นายวิชัย มั่นคง)", "นายกเทศมนตรีตำบลหนองแก",
                "รักษาราชการแทนนายอำเภอพล"]],
              [SOMCHAI, {**WICHAI, "role": "ผู้เห็นชอบ",
                         "position": ["นายกเทศมนตรีตำบลหนองแก", "รักษาราชการแทนนายอำเภอพล"]}], None),
}
OURS = [{"name": "นายสมชาย ใจดี", "position": "ปลัดเทศบาล", "role": "ผู้รายงาน"},
        {"name": "นายสมศักดิ์ รักไทย", "role": "ผู้เห็นชอบ",
         "position": ["ปลัดองค์การบริหารส่วนตำบลโคกสูง", "รักษาราชการแทนนายกเทศมนตรีตำบลโคกสูงสัมพันธ์"]},
        {"name": "นางสาวสมหญิง ดีงาม", "position": "หัวหน้าสำนักปลัด"}]


def write_docx(path: Path, after: list) -> Path:
    document = docx.Document()
    fonts = document.styles["Normal"].element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(slot), "TH SarabunPSK")   # as Thai reports are set (LibreOffice substitutes a Thai font)
    section = document.sections[0]
    section.page_width, section.page_height = section.page_height, section.page_width   # landscape
    document.add_paragraph(TITLE)
    table = document.add_table(rows=1 + len(ROWS), cols=len(HEADER))
    table.style = "Table Grid"
    for row, texts in zip(table.rows, [HEADER, *ROWS], strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    if after and isinstance(after[0], list):
        signatures = document.add_table(rows=1, cols=len(after))   # no style: no borders
        for cell, lines in zip(signatures.rows[0].cells, after, strict=True):
            cell.text = "\n".join(lines)
    for line in [] if after and isinstance(after[0], list) else after:
        paragraph = document.add_paragraph(line)
        if "\t" in line:
            paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(12), WD_TAB_ALIGNMENT.LEFT)
    document.save(path)
    return path


@pytest.fixture(scope="module")
def sources(tmp_path_factory) -> dict[str, Path]:
    """Each layout's .docx and the PDF LibreOffice makes of it (one LibreOffice start for all)."""
    folder = tmp_path_factory.mktemp("signers")
    files = {name: write_docx(folder / f"{name}.docx", after) for name, (after, _s, _d) in LAYOUTS.items()}
    data = write_data(folder / "ours.yaml", lambda d: d.update(signers=OURS, date="2568-10-15",
                                                                measures=d["measures"][:2]))
    build_file(data, BuildOptions(output=folder / "ours.docx"))
    files["ours"] = folder / "ours.docx"
    assert shutil.which("soffice"), "LibreOffice (soffice) is needed: tools/install-test-deps.sh installs it"
    result = subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{folder}/profile", "--convert-to", "pdf",
         "--outdir", str(folder), *map(str, files.values())], capture_output=True, text=True, timeout=300)
    out = {f"{name}.docx": path for name, path in files.items()}
    for name in files:
        pdf = folder / f"{name}.pdf"
        assert pdf.is_file(), result.stdout + result.stderr
        out[f"{name}.pdf"] = pdf
    return out


def imported(path: Path) -> dict:
    result = import_file(path)
    checked = validate_loaded(load_text(result.yaml_text, path.name))
    assert checked.ok, [d.format() for d in checked.diagnostics]
    return result.data


@pytest.mark.parametrize("suffix", ["docx", "pdf"])
@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_each_signer_layout_goes_to_its_keys(sources, layout, suffix):
    data = imported(sources[f"{layout}.{suffix}"])
    _after, signers, date = LAYOUTS[layout]
    assert data["signers"] == signers
    assert data.get("date") == date
    assert not [item for item in data.get("review") or [] if item.get("path", "").startswith("signers")]


@pytest.mark.parametrize("suffix", ["docx", "pdf"])
def test_our_own_report_gives_back_its_signers_side_by_side_never_merged(sources, suffix):
    data = imported(sources[f"ours.{suffix}"])
    assert data["signers"] == OURS and data["date"] == "2568-10-15"
    # nothing of the signature block is left over: the roles and the date lines are placed (a PDF's note that
    # its fonts' marks were respelled by the dictionary, ITA516, is about the whole file and stays)
    assert not [item for item in data.get("review") or [] if item.get("path", "").startswith(("signers", "date"))
                or ("path" not in item and "สะกดคำใหม่ตามพจนานุกรม" not in item["source"])]


@pytest.mark.parametrize("suffix", ["docx", "pdf"])
def test_a_one_line_title_in_thai_digits_over_an_arabic_table_keeps_both(sources, suffix):
    data = imported(sources[f"one_line.{suffix}"])
    assert data["title"] == [TITLE]
    assert data["agency"]["name"] == "เทศบาลตำบลหนองแก" and data["fiscal_year"] == 2568
    assert data["numerals"] == "arabic" and data["title_numerals"] == "thai"
    report = validate_loaded(load_text(import_file(sources[f"one_line.{suffix}"]).yaml_text, "x.yaml")).report
    view = build_view(report)
    assert view.title_lines == [TITLE.replace("พ.ศ. ", "พ.ศ.\u00a0")]    # as printed: ๒๕๖๘, not 2568
    assert "บุคลากร 45 คนรับทราบ" in [p.text.replace("\u00a0", " ") for row in view.rows for cell in row.cells
                                       for p in cell]                    # and the table's 45 stays Arabic


# --- the reading itself, on lines (no files) -------------------------------------------------------

def signatures(*lines: str):
    return read_signatures([SourcePara(line, where=f"line {i}") for i, line in enumerate(lines, 1)])


def test_what_cannot_be_read_is_handed_back():
    read = signatures("(ลงชื่อ)....................", "(.............................)", "ตำแหน่ง..............",
                      "วันที่ 31 กุมภาพันธ์ 2568", "หมายเหตุ: แนบเอกสาร")
    assert read.signers == [{"name": "(ไม่มีข้อความในต้นฉบับ)", "position": "(ไม่มีข้อความในต้นฉบับ)"}]
    assert [(path, kind) for path, kind, _text in read.doubts] == [
        (("signers", 0, "name"), "name"), (("signers", 0, "position"), "position"), (("date",), "date")]
    assert read.date is None and read.unread == [("line 5", "หมายเหตุ: แนบเอกสาร")]


def test_a_name_without_brackets_and_a_position_after_the_word():
    read = signatures("ลงชื่อ นายสมชาย ใจงาม ตำแหน่ง ปลัดเทศบาล", "ลงชื่อ...............", "นายวิชัย มั่นคง",
                      "นายกเทศมนตรี", "ณ วันที่ 30 กันยายน 2568")
    assert read.signers == [{"name": "นายสมชาย ใจงาม", "position": "ปลัดเทศบาล"},
                            {"name": "นายวิชัย มั่นคง", "position": "นายกเทศมนตรี"}]
    assert read.date == "2568-09-30" and not read.doubts and not read.unread


def test_a_position_that_starts_like_a_role_stays_a_position():
    read = signatures("(ลงชื่อ)..........", "(นายสมชาย ใจงาม)", "ผู้อำนวยการกองคลัง", "ผู้ตรวจสอบภายใน")
    assert read.signers == [{"name": "นายสมชาย ใจงาม", "position": ["ผู้อำนวยการกองคลัง", "ผู้ตรวจสอบภายใน"]}]


def test_different_dates_keep_the_first_and_say_so():
    read = signatures("(ลงชื่อ)....", "(นาย ก)", "ปลัด", "วันที่ 1 ตุลาคม 2568", "(ลงชื่อ)....", "(นาย ข)", "นายก",
                      "วันที่ 2 ตุลาคม 2568")
    assert read.date == "2568-10-01" and [kind for _p, kind, _t in read.doubts] == ["dates"]
