"""Keys and their Thai names (keynames.py): a Thai field name or column header suggests its key, and a
misspelt key is one error, not an unknown key and a missing one."""

import pytest

from helpers import DATA, ROOT
from itareport.keynames import field_names, row_names, suggest_key
from itareport.loader import load_text
from itareport.model import Activity, Agency, Report
from itareport.validate import validate_loaded

SHIPPED = DATA.read_text(encoding="utf-8")
COLUMNS = (ROOT / "docs" / "kinds" / "columns.yaml").read_text(encoding="utf-8")
ROW = row_names("measures-report", None)


def errors(text: str, language: str = "en") -> list[str]:
    return [f"{d.line}:{d.col}: {d.path}: {d.render(language)} [{d.code}]"
            for d in validate_loaded(load_text(text, "x.yaml"), 2569).diagnostics if d.severity == "error"]


def test_the_thai_names_are_the_models_descriptions_and_the_kinds_headers():
    assert field_names(Activity)["owner"] == ["ผู้รับผิดชอบ"]
    assert field_names(Report)["fiscal_year"] == ["ปีงบประมาณ"]          # 'ปีงบประมาณ (พ.ศ.) เช่น 2568'
    assert field_names(Activity)["steps"] == ["ขั้นตอนหรือวิธีการปฏิบัติ"]  # without '(ระบบใส่เลข ๑. ๒. ให้)'
    assert "สรุปผลการดำเนินการตามมาตรการ/กิจกรรม" in ROW["results"]          # the kind's column header
    assert "ผลการดำเนินงาน" in row_names("progress-report", None)["results"]
    assert row_names("measures-report", [{"key": "budget", "header": "งบประมาณ (บาท)"}])["budget"] == \
        ["งบประมาณ (บาท)"]                                                   # a declared column's own header


@pytest.mark.parametrize("word, key", [
    ("ผู้รับผิดชอบ", "owner"), ("ระยะเวลา", "period"), ("มาตรการ", "title"), ("มาตรการ/แนวทาง", "title"),
    ("ขั้นตอน", "steps"), ("ขั้นตอนหรือวิธีการปฏิบัติ", "steps"), ("ขั้นตอนการดำเนินงาน", "steps"),
    ("ผลการดำเนินการ", "results"), ("สรุปผลการดำเนินการ", "results"), ("ผลลัพธ์", "outcomes"),
    ("ผลลัพธ์หรือความสำเร็จของการดำเนินการ", "outcomes"), ("ระยะเวลาดำเนินการ", "period"),
    ("ผู้รับผิดชอบโครงการ", "owner"), ("ผู้รับผิดชอป", "owner"), ("รายละเอียด", "details"),
    ("ower", "owner"), ("Title", "title"), ("หมายเหตุ", None), ("ผล", None),
])
def test_a_row_key(word, key):
    assert suggest_key(word, ROW) == key


@pytest.mark.parametrize("word, key", [
    ("หน่วยงาน", "agency"), ("ปีงบประมาณ", "fiscal_year"), ("ผู้ลงนาม", "signers"), ("มาตรการ", "measures"),
    ("ตัวชี้วัด", "ita_indicator"), ("คำนำ", "intro"), ("วันที่", "date"), ("ชนิดเอกสาร", "kind"),
    ("fiscal_yaer", "fiscal_year"),
])
def test_a_report_key(word, key):
    assert suggest_key(word, field_names(Report)) == key


def test_an_agency_key():
    assert [suggest_key(w, field_names(Agency)) for w in ("อำเภอ", "จังหวัด", "ชื่อหน่วยงาน")] == \
        ["district", "province", "name"]


def test_a_misspelt_key_is_one_error():
    """ower: was 'unknown key ower' and 'required key owner is missing': one mistake, one error, at it."""
    owner = "    owner: สำนักปลัด\n    period: fiscal-year\n    results:\n      - ดำเนินการจัดทำคู่มือ"
    assert errors(SHIPPED.replace(owner, owner.replace("owner:", "ower:"), 1)) == [
        "48:5: measures[1].ower: unknown key 'ower' (did you mean 'owner'?); expected one of: title, details, steps, "
        "owner, period, results, outcomes [ITA203]"]
    assert errors(SHIPPED.replace(owner, owner.replace("owner:", "ผู้รับผิดชอบ:"), 1), "th") == [
        "48:5: measures[1].ผู้รับผิดชอบ: ไม่รู้จักหัวข้อ 'ผู้รับผิดชอบ' (หมายถึง 'owner' หรือไม่) หัวข้อที่ใช้ได้คือ title, "
        "details, steps, owner, period, results, outcomes [ITA203]"]


def test_a_thai_key_at_the_top_and_a_measures_activities():
    assert errors(SHIPPED.replace("fiscal_year: 2568", "ปีงบประมาณ: 2568")) == [
        "38:1: ปีงบประมาณ: unknown key 'ปีงบประมาณ' (did you mean 'fiscal_year'?); expected one of: version, agency, "
        "fiscal_year, ita_indicator, numerals, title_numerals, title, intro, show_indicator, signers, date, measures, "
        "kind, round, columns, ita_results, review [ITA203]"]
    # กิจกรรม: for activities: not also steps, owner and period missing from a measure without activities
    assert errors(SHIPPED.replace("    activities:\n      - title: ประชุม", "    กิจกรรม:\n      - title: ประชุม")) == [
        "105:5: measures[5].กิจกรรม: unknown key 'กิจกรรม' (did you mean 'activities'?); expected one of: title, "
        "details, steps, owner, period, results, outcomes [ITA203]"]


def test_a_key_not_meant_keeps_both_errors():
    assert [e.split(": ", 2)[1] for e in errors(SHIPPED.replace("  - title: การป้องกันการทุจริต",
                                                                 "  - หมายเหตุ: การป้องกันการทุจริต"))] == [
        "measures[1].title", "measures[1].หมายเหตุ"]


def test_a_declared_columns_header_suggests_its_key():
    assert errors(COLUMNS.replace("    objective: เพื่อป้องกัน", "    วัตถุประสงค์: เพื่อป้องกัน")) == [
        "17:5: measures[1].วัตถุประสงค์: unknown key 'วัตถุประสงค์' (did you mean 'objective'?): no column declares it; "
        "expected one of: title, details, objective, steps, budget, owner, period, results, status [ITA601]"]
    assert errors(COLUMNS.replace("  - title: มาตรการป้องกันการรับสินบน", "  - มาตรการ: มาตรการป้องกันการรับสินบน")) == [
        "16:5: measures[1].มาตรการ: unknown key 'มาตรการ' (did you mean 'title'?); expected one of: title, details, "
        "objective, steps, budget, owner, period, results, status [ITA203]"]
