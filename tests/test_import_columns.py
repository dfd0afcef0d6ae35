"""Import of a table with columns beyond the six: declared columns with the source's own headers.

Another agency's nine-column report (ที่ | มาตรการ | วัตถุประสงค์ | กิจกรรม/วิธีดำเนินการ | งบประมาณ (บาท) |
ผู้รับผิดชอบ | ระยะเวลาดำเนินการ | ผลการดำเนินงาน | สถานะ), written by LibreOffice from HTML and as
tab-separated text, is imported and rebuilt: the rebuilt table has the source's headers (ที่ becomes
the measure numbers) and every cell of the source under its header.
"""

import html
from pathlib import Path

import pytest
import yaml

from helpers import libreoffice_convert, normalise, table_rows
from itareport.build import BuildOptions, build_file
from itareport.importer import import_file
from itareport.loader import load_text
from itareport.validate import validate_loaded

TITLE = ["รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
         "ประจำปีงบประมาณ พ.ศ. 2568", "องค์การบริหารส่วนตำบลหนองบัว จังหวัดขอนแก่น"]
HEADER = ["ที่", "มาตรการ", "วัตถุประสงค์", "กิจกรรม/วิธีดำเนินการ", "งบประมาณ (บาท)", "ผู้รับผิดชอบ",
          "ระยะเวลาดำเนินการ", "ผลการดำเนินงาน", "สถานะ"]
# Cells are lists of paragraphs.
ROWS = [
    [["1"], ["มาตรการป้องกันการรับสินบน"], ["เพื่อป้องกันการรับสินบนของเจ้าหน้าที่"],
     ["1. ประกาศเจตนารมณ์ No Gift Policy", "2. ประชาสัมพันธ์ให้ประชาชนทราบ"], ["15,000"], ["สำนักปลัด"],
     ["ตุลาคม 2567 - กันยายน 2568"], ["ประกาศแล้ว เมื่อ 1 ตุลาคม 2567"], ["ดำเนินการแล้ว"]],
    [["2"], ["มาตรการเปิดเผยข้อมูลสาธารณะ"], ["เพื่อให้ประชาชนตรวจสอบได้", "เพื่อลดข้อร้องเรียน"],
     ["1. ปรับปรุงเว็บไซต์", "2. จัดทำป้ายประชาสัมพันธ์"], ["12,500.50"], ["กองคลัง"],
     ["ตุลาคม 2567 - มีนาคม 2568"], ["ปรับปรุงเว็บไซต์แล้ว", "ติดป้ายแล้ว 3 จุด"], ["อยู่ระหว่างดำเนินการ"]],
    [["3"], ["มาตรการตรวจสอบการใช้ดุลยพินิจ"], ["เพื่อให้การอนุมัติโปร่งใส"], ["1. จัดทำคู่มือการอนุมัติ"],
     ["8,000"], ["กองช่าง"], ["มกราคม 2568 - มีนาคม 2568"], ["จัดทำคู่มือแล้ว"], ["ยังไม่ได้ดำเนินการ"]],
]
SIGNATURE = ["(ลงชื่อ) ผู้รายงาน", "(นายสมชาย ใจดี)", "นายกองค์การบริหารส่วนตำบลหนองบัว"]


def nine_column_html() -> str:
    def cell(tag, paras):
        return f"<{tag}>" + "".join(f"<p>{html.escape(p)}</p>" for p in paras) + f"</{tag}>"
    head = "<tr>" + "".join(cell("th", [h]) for h in HEADER) + "</tr>"
    body = "".join("<tr>" + "".join(cell("td", c) for c in row) + "</tr>" for row in ROWS)
    return ("<html><head><meta charset='utf-8'></head><body>"
            + "".join(f"<p>{t}</p>" for t in TITLE)
            + f"<table border='1'>{head}{body}</table>"
            + "".join(f"<p>{t}</p>" for t in SIGNATURE) + "</body></html>")


def nine_column_text() -> str:
    lines = [*TITLE, "\t".join(HEADER)]
    lines += ["\t".join("<br>".join(c) for c in row) for row in ROWS]
    return "\n".join([*lines, "", *SIGNATURE]) + "\n"


@pytest.fixture(scope="module")
def nine_column_docx(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("ninecol")
    page = folder / "nine.html"
    page.write_text(nine_column_html(), encoding="utf-8")
    return libreoffice_convert(page, "docx:MS Word 2007 XML", folder)


def imported(source: Path, tmp_path: Path) -> tuple[dict, Path]:
    result = import_file(source)
    checked = validate_loaded(load_text(result.yaml_text, "imported.yaml"))
    assert checked.report is not None, [d.format() for d in checked.diagnostics]
    assert not [d for d in checked.diagnostics if d.severity == "error"], [d.format() for d in checked.diagnostics]
    assert "ITA509" not in {d.code for d in result.warnings}    # no column kept as a mere comment
    data_file = tmp_path / "imported.yaml"
    data_file.write_text(result.yaml_text, encoding="utf-8")
    return yaml.safe_load(result.yaml_text), data_file


def check_columns(data: dict) -> None:
    columns = data["columns"]
    assert [c["header"] for c in columns] == HEADER[1:]           # worded as written, ที่ left out
    assert [c["key"] for c in columns] == ["title", "objective", "steps", "budget", "owner", "period", "results",
                                           "status"]
    types = {c["key"]: c.get("type", "text") for c in columns}
    assert types["budget"] == "money" and types["status"] == "status" and types["objective"] == "list"
    first, second, third = data["measures"]
    assert first["budget"] == "15,000" and first["status"] == "ดำเนินการแล้ว"
    assert second["objective"] == ["เพื่อให้ประชาชนตรวจสอบได้", "เพื่อลดข้อร้องเรียน"]
    assert third["steps"] == ["จัดทำคู่มือการอนุมัติ"] and "outcomes" not in third


def check_rebuilt(data_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "built"
    build_file(data_file, BuildOptions(output=out, formats=("docx",), many=True))
    rows = table_rows(out / "imported.docx")
    headers = [normalise(" ".join(cell)) for cell in rows[0]]
    assert headers == [normalise(h) for h in HEADER[1:]]
    body = [row for row in rows[1:] if any(any(p.strip() for p in cell) for cell in row)]
    assert len(body) == len(ROWS)
    for source_row, built_row in zip(ROWS, body, strict=False):
        for column, paras in enumerate(source_row[1:]):
            built = normalise(" ".join(built_row[column]))
            if HEADER[column + 1] == "ระยะเวลาดำเนินการ":
                assert built, built_row    # a period is printed in the report's own wording
                continue
            for text in paras:
                assert normalise(text) in built, (HEADER[column + 1], text, built_row[column])


def test_a_nine_column_word_report_imports_into_its_own_columns(nine_column_docx, tmp_path):
    data, data_file = imported(nine_column_docx, tmp_path)
    check_columns(data)
    check_rebuilt(data_file, tmp_path)


def test_a_nine_column_text_report_imports_into_its_own_columns(tmp_path):
    source = tmp_path / "nine.txt"
    source.write_text(nine_column_text(), encoding="utf-8")
    data, data_file = imported(source, tmp_path)
    check_columns(data)
    check_rebuilt(data_file, tmp_path)


def test_other_columns_get_a_generated_key_and_stay_text(tmp_path):
    header = [*HEADER[:8], "ข้อสังเกต", "สถานะ"]
    rows = ["\t".join(["1", "มาตรการ ก", "เพื่อ ก", "1. ขั้น ก", "ไม่ใช้งบ", "สำนักปลัด", "ตุลาคม 2567 - ธันวาคม 2567",
                       "ทำแล้ว", "ดีมาก", "เสร็จครึ่งหนึ่ง"])]
    source = tmp_path / "ten.txt"
    source.write_text("\n".join([*TITLE, "\t".join(header), *rows]) + "\n", encoding="utf-8")
    data, data_file = imported(source, tmp_path)
    types = {c["key"]: (c["header"], c.get("type", "text")) for c in data["columns"]}
    assert types["budget"] == ("งบประมาณ (บาท)", "text")          # not an amount: kept as written
    assert types["column_9"] == ("ข้อสังเกต", "text")
    assert types["column_10"] == ("สถานะ", "text")                # not a status word: its own text column
    assert data["measures"][0]["column_10"] == "เสร็จครึ่งหนึ่ง"
    check = validate_loaded(load_text(data_file.read_text(encoding="utf-8"), "ten.yaml"))
    assert not [d for d in check.diagnostics if d.severity == "error"]


def test_a_six_column_table_with_a_remarks_column_is_written_as_before(tmp_path):
    header = ["มาตรการ", "ขั้นตอนหรือวิธีการปฏิบัติ", "ผู้รับผิดชอบ", "ระยะเวลา", "หมายเหตุ"]
    source = tmp_path / "six.txt"
    source.write_text("\n".join([*TITLE, "\t".join(header), "มาตรการ ก\t1. ขั้น ก\tสำนักปลัด\tตุลาคม 2567\tดูภาคผนวก"])
                      + "\n", encoding="utf-8")
    result = import_file(source)
    assert "columns:" not in result.yaml_text
    assert [(item["path"], item["source"]) for item in result.data["review"]] == [("measures[1]", "ดูภาคผนวก")]


def test_a_built_in_column_the_source_lacks_is_left_out_with_its_notes(tmp_path):
    source = tmp_path / "five.txt"
    source.write_text("\n".join([*TITLE, "มาตรการ\tขั้นตอน\tระยะเวลา\tผลการดำเนินงาน\tงบประมาณ",
                                 "มาตรการ ก\t1. ทำ\tตุลาคม 2567\tแล้ว\t5,000"]) + "\n", encoding="utf-8")
    data, _ = imported(source, tmp_path)
    assert [c["key"] for c in data["columns"]] == ["title", "steps", "period", "results", "budget"]
    assert "owner" not in data["measures"][0]
    assert "ITA508" not in {d.code for d in import_file(source).warnings}   # no placeholder owner to fill in
