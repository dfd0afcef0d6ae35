"""`itareport import` on spreadsheets: Excel .xlsx written here with openpyxl, and .csv."""

import csv

import openpyxl
import pytest

from helpers import run_cli
from itareport.errors import InputError
from itareport.importer import import_file

TITLE = ["รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน", "ประจำปีงบประมาณ พ.ศ. 2567",
         "องค์การบริหารส่วนตำบลบ้านใหม่ อำเภอเมือง จังหวัดนครราชสีมา"]
HEADER = ["มาตรการ/แนวทาง", "ขั้นตอนหรือวิธีการปฏิบัติ", "ผู้รับผิดชอบ", "ระยะเวลา", "สรุปผลการดำเนินการ",
          "ผลลัพธ์หรือความสำเร็จ", "หมายเหตุ"]
ROWS = [["1. มาตรการป้องกันการรับสินบน", "1. จัดทำประกาศ\n2. ประชาสัมพันธ์", "สำนักปลัด", "ต.ค. 66 - ธ.ค. 66",
         "- ดำเนินการแล้ว", "ร้อยละ 100", "00123"],
        ["2. มาตรการเปิดเผยข้อมูล", "เผยแพร่ข้อมูล", "กองคลัง", "ตลอดปีงบประมาณ", 5, 80.0, None],
        [None, "ติดตามผล", None, "มกราคม 2567", "=1+1", None, None]]
SIGNATURE = ["(ลงชื่อ) ....................", "(นายสมศักดิ์ รักดี)", "นายกองค์การบริหารส่วนตำบลบ้านใหม่"]


@pytest.fixture
def workbook(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "ITA"
    for line in TITLE:
        sheet.append([line])
    sheet.merge_cells("A1:G1")
    sheet.append(HEADER)
    for row in ROWS:
        sheet.append(row)
    sheet.merge_cells("A6:A7")   # measure 2 spans two rows, and so does its owner
    sheet.merge_cells("C6:C7")
    sheet.append([])
    for line in SIGNATURE:
        sheet.append([line])
    book.create_sheet("notes").append(["บันทึกภายใน"])
    book.save(tmp_path / "report.xlsx")
    return tmp_path / "report.xlsx"


def check(data):
    assert data["agency"] == {"name": "องค์การบริหารส่วนตำบลบ้านใหม่", "district": "เมือง", "province": "นครราชสีมา"}
    assert data["fiscal_year"] == 2567
    assert data["signers"] == [{"name": "นายสมศักดิ์ รักดี", "position": "นายกองค์การบริหารส่วนตำบลบ้านใหม่"}]
    one, two = data["measures"]
    assert one["steps"] == ["จัดทำประกาศ", "ประชาสัมพันธ์"] and one["period"] == {"from": "2566-10", "to": "2566-12"}
    assert two["title"] == "มาตรการเปิดเผยข้อมูล"
    first, second = two["activities"]
    assert first["results"] == ["5"] and first["outcomes"] == ["80"]          # numbers as Excel shows them
    assert first["owner"] == second["owner"] == "กองคลัง"                      # merged down
    assert second["period"] == {"from": "2567-01", "to": "2567-01"}


def test_xlsx(workbook, tmp_path):
    result = import_file(workbook)
    check(result.data)
    assert "00123" in [item.get("source") for item in result.data["review"]]   # a number typed as text stays text
    messages = [d.message for d in result.warnings]
    assert any("formula cells without a saved value" in m and "E7" in m for m in messages)
    assert any("sheet 'notes'" in m and "was not read" in m for m in messages)
    assert {d.code for d in result.warnings} >= {"ITA509", "ITA516"}
    out = tmp_path / "report.yaml"
    assert run_cli("import", workbook, "-o", out).returncode == 0 and out.is_file()


@pytest.mark.parametrize("delimiter, encoding", [(",", "utf-8-sig"), ("\t", "utf-8"), (",", "utf-8")])
def test_csv(tmp_path, delimiter, encoding):
    path = tmp_path / "report.csv"
    with path.open("w", encoding=encoding, newline="") as f:
        writer = csv.writer(f, delimiter=delimiter)
        for line in TITLE:
            writer.writerow([line])
        writer.writerow(HEADER)
        for row in ROWS:
            writer.writerow(["" if v is None else v for v in row])
        writer.writerow([])
        for line in SIGNATURE:
            writer.writerow([line])
    result = import_file(path)
    data = result.data
    assert data["agency"]["name"] == "องค์การบริหารส่วนตำบลบ้านใหม่" and data["fiscal_year"] == 2567
    assert data["measures"][0]["steps"] == ["จัดทำประกาศ", "ประชาสัมพันธ์"]
    assert data["signers"][0]["name"] == "นายสมศักดิ์ รักดี"


def test_a_sheet_without_the_columns(tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["ชื่อ", "นามสกุล"])
    book.save(tmp_path / "other.xlsx")
    with pytest.raises(InputError, match="no measures table found"):
        import_file(tmp_path / "other.xlsx")
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    with pytest.raises(InputError, match=r"save it as \.xlsx"):
        import_file(tmp_path / "old.xls")
