"""The importer's reading rules on small inputs: periods, labels, headers, tab-separated tables."""

import pytest
import yaml

from itareport.importer import SourcePara, header_fields, import_file, read_label, split_numbered
from itareport.loader import load_text
from itareport.model import FILE_ORDER
from itareport.periods import parse_period
from itareport.validate import validate_loaded


@pytest.mark.parametrize("text, fiscal_year, expected", [
    ("ปีงบประมาณ พ.ศ. ๒๕๖๘", 2568, "fiscal-year"),
    ("ปีงบประมาณ พ.ศ.๒๕๖๘", 2568, "fiscal-year"),
    ("ตลอดปีงบประมาณ", 2568, "fiscal-year"),
    ("ตลอดปีงบประมาณ พ.ศ. ๒๕๖๗", 2568, ("2566-10", "2567-09")),
    ("ตุลาคม ๒๕๖๖ - ธันวาคม ๒๕๖๖", 2567, ("2566-10", "2566-12")),
    ("ตุลาคม พ.ศ.๒๕๖๗ - กันยายน พ.ศ. ๒๕๖๘", 2568, ("2567-10", "2568-09")),
    ("ธันวาคม พ.ศ. ๒๕๖๗ - กันยายน พ.ศ. ๒๕๖๘", 2568, ("2567-12", "2568-09")),
    ("ต.ค. 67 - ก.ย. 68", 2568, ("2567-10", "2568-09")),
    ("1 ต.ค. 2567 ถึง 30 ก.ย. 2568", 2568, ("2567-10", "2568-09")),
    ("ตุลาคม - ธันวาคม 2567", 2568, ("2567-10", "2567-12")),
    ("ตุลาคม - มีนาคม 2568", 2568, ("2567-10", "2568-03")),
    ("ตุลาคม 2567 - มีนาคม", 2568, ("2567-10", "2568-03")),
    ("เดือนธันวาคม", 2568, ("2567-12", "2567-12")),       # no year: the fiscal year's December
    ("มีนาคม - เมษายน", 2568, ("2568-03", "2568-04")),
    ("กันยายน พ.ศ. ๒๕๖๘", 2568, ("2568-09", "2568-09")),
    ("ตุลาคม 2024 - ธันวาคม 2024", 2568, ("2567-10", "2567-12")),   # Christian era, converted (and flagged)
    ("ทุกไตรมาส", 2568, None),
    ("ธันวาคม 2568 - ตุลาคม 2568", 2568, None),          # reversed
    ("ตุลาคม 2567 และ มีนาคม 2568", 2568, None),
])
def test_periods_written_as_text(text, fiscal_year, expected):
    value = parse_period(text, fiscal_year).value
    if isinstance(expected, tuple):
        expected = {"from": expected[0], "to": expected[1]}
    assert value == expected
    assert parse_period("ตุลาคม 2024", 2568).converted_ce and not parse_period("ตุลาคม 2567", 2568).converted_ce


@pytest.mark.parametrize("raw, kind, number, text", [
    ("๑. จัดทำคู่มือ", "number", 1, "จัดทำคู่มือ"),
    ("1) จัดทำคู่มือ", "number", 1, "จัดทำคู่มือ"),
    ("(2) จัดทำคู่มือ", "number", 2, "จัดทำคู่มือ"),
    ("๓.จัดทำ", "number", 3, "จัดทำ"),
    ("- จัดทำคู่มือ", "bullet", None, "จัดทำคู่มือ"),
    ("• จัดทำคู่มือ", "bullet", None, "จัดทำคู่มือ"),
    ("๑.\t๑.๑ ข้อย่อย", "number", 1, "๑.๑ ข้อย่อย"),   # itareport's own label + tab, then the text as is
    ("-\t- ขีด", "bullet", None, "- ขีด"),
    ("1.5 ล้านบาท", "sub", None, "1.5 ล้านบาท"),        # a decimal or a sub-number stays in the text
    ("๒๕๖๘ ปีแห่งการ", "", None, "๒๕๖๘ ปีแห่งการ"),
    ("-", "", None, "-"),
    ("  จัด   ทำ  ", "", None, "จัด ทำ"),
])
def test_labels(raw, kind, number, text):
    item = read_label(SourcePara(raw))
    assert (item.kind, item.number, item.text) == (kind, number, text)


def test_numbers_typed_in_one_line_split_only_in_sequence():
    assert split_numbered("ก ๒. ข ๓. ค", 1) == ["ก", "ข", "ค"]
    assert split_numbered("ก 2) ข", 1) == ["ก", "ข"]
    assert split_numbered("ก 3. ข พ.ศ. ๒๕๖๘ ร้อยละ 80.", 1) == ["ก 3. ข พ.ศ. ๒๕๖๘ ร้อยละ 80."]


@pytest.mark.parametrize("cells, expected", [
    (["มาตรการ/แนวทาง", "ขั้นตอนหรือวิธีการปฏิบัติ", "ผู้รับผิดชอบ", "ระยะเวลา",
      "สรุปผลการดำเนินการตามมาตรการ/กิจกรรม", "ผลลัพธ์หรือความสำเร็จของการดำเนินการ"],
     ["title", "steps", "owner", "period", "results", "outcomes"]),
    (["ที่", "มาตรการ", "วิธีดำเนินการ", "หน่วยงานที่รับผิดชอบ", "ระยะเวลาดำเนินการ", "ผลการดำเนินงาน", "หมายเหตุ"],
     ["number", "title", "steps", "owner", "period", "results", None]),
    (["กิจกรรม", "ขั้นตอน", "ผู้รับ ผิดชอบ", "ช่วงเวลา"], ["title", "steps", "owner", "period"]),
])
def test_header_wording_variants(cells, expected):
    assert header_fields(cells) == expected


def test_tables_that_are_not_the_measures_table():
    assert header_fields(["ชื่อ", "ตำแหน่ง", "โทรศัพท์", "หมายเหตุ"]) is None
    assert header_fields(["มาตรการ", "ผู้รับผิดชอบ", "ระยะเวลา", "ผลลัพธ์"]) is None   # no steps column


def import_text(tmp_path, text):
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    result = import_file(path)
    checked = validate_loaded(load_text(result.yaml_text, "report.yaml"))
    assert checked.ok, [d.format() for d in checked.diagnostics]
    return yaml.safe_load(result.yaml_text), [d.format() for d in result.warnings], result.yaml_text


def test_number_column_continuation_rows_and_no_title_block(tmp_path):
    data, warnings, _text = import_text(tmp_path, "\n".join([
        "ที่\tมาตรการ\tวิธีดำเนินการ\tผู้รับผิดชอบ\tระยะเวลา\tผลการดำเนินงาน\tผลลัพธ์\tหมายเหตุ",
        "1\tมาตรการ ก\t1. ขั้น ก 2. ขั้น ข\tกองคลัง\tต.ค. 67 - ธ.ค. 67\t- ผล ก\t-\tด่วน",
        "\t\t3. ขั้น ค\t\t\t- ผล ข\t\t",
        "\tกิจกรรม ข\tขั้น ง\tกองช่าง\tม.ค. 68\t\t\t",
        "3\tมาตรการ ค\tขั้น จ\t\tทุกเดือน\t\t\t",
        "หมายเหตุท้ายตาราง",
    ]))
    one, two = data["measures"]
    assert one["title"] == "มาตรการ ก"
    assert [a["title"] for a in one["activities"]] == ["กิจกรรมที่ ๑", "กิจกรรม ข"]
    first = one["activities"][0]
    assert first["steps"] == ["ขั้น ก", "ขั้น ข", "ขั้น ค"] and first["results"] == ["ผล ก", "ผล ข"]
    assert first["outcomes"] == ["-"]                 # kept as written
    assert one["activities"][1]["period"] == {"from": "2568-01", "to": "2568-01"}
    assert two["owner"] == "(ไม่มีข้อความในต้นฉบับ)" and two["period"] == "fiscal-year"
    assert data["agency"]["name"] == "ชื่อหน่วยงาน" and data["fiscal_year"] == 2568   # guessed from the periods
    sources = [(item.get("path"), item.get("source")) for item in data["review"]]
    assert ("measures[1].activities[1]", "ด่วน") in sources and ("measures[2].period", "ทุกเดือน") in sources
    assert sources[-1] == (None, "หมายเหตุท้ายตาราง")
    expected = ["no agency name found", "no fiscal year in the title; 2568 was guessed", "has no activity title",
                "column 'หมายเหตุ'", "numbered 3 in the source; the report numbers it 2", "no owner in the source",
                "period 'ทุกเดือน' not understood", "text after the table"]
    assert len(warnings) == len(expected)
    for part in expected:
        assert sum(part in w for w in warnings) == 1, part
    assert all(w.startswith("report.yaml:") and ": warning: " in w for w in warnings)


def test_import_writes_the_keys_in_the_order_of_a_data_file(tmp_path):
    data, _warnings, _text = import_text(tmp_path, "\n".join([
        "รายงานผลการดำเนินการตามมาตรการ ปีงบประมาณ พ.ศ. 2568",
        "ที่\tมาตรการ\tวิธีดำเนินการ\tผู้รับผิดชอบ\tระยะเวลา\tผลการดำเนินงาน\tผลลัพธ์\tงบประมาณ",
        "1\tมาตรการ ก\tขั้น ก\tกองคลัง\tต.ค. 67 - ธ.ค. 67\tผล ก\tผลลัพธ์ ก\t1,000",
    ]))
    assert "columns" in data and list(data) == [key for key in FILE_ORDER if key in data]
