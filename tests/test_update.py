"""itareport.update: a data file updated in place (issues 20, 21, 22).

Exact texts: each common edit of the shipped file, the kinds' files and the init starters is
checked as the diff git would show (hunk line numbers left out), so every line that changes and
every line around it is named. Then the scalar styles, the shapes, CRLF, BOM, a missing final
newline, anchors; merge_data; write_data_file's refusals. Random files and edits: test_update_props.py.
"""

from __future__ import annotations

import copy
import os
import re
import stat
from pathlib import Path

import pytest

from helpers import DATA, ROOT
from itareport import files
from itareport.loader import load_text
from itareport.scaffold import init_text
from itareport.update import (
    ABSENT,
    ChangedOnDisk,
    Conflict,
    UpdateError,
    merge_data,
    unified_diff,
    update_text,
    write_data_file,
)

SHIPPED = DATA.read_text(encoding="utf-8")
KINDS = ROOT / "docs" / "kinds"


def edit(text: str, change) -> str:
    """update_text after change(data) edits a copy of the file's data; the result must load to it."""
    data = copy.deepcopy(load_text(text).data)
    change(data)
    out = update_text(text, data)
    check = load_text(out)
    assert not check.diagnostics and check.data == data
    return out


def diff(old: str, new: str) -> str:
    """The unified diff without its file names and hunk line numbers (a blank context line as '')."""
    lines = unified_diff(old, new, "x").splitlines()[2:]
    return "\n".join("@@" if line.startswith("@@") else line.rstrip(" ") for line in lines) + "\n"


def changed(old: str, new: str) -> list[str]:
    """Only the removed and added lines."""
    return [line for line in diff(old, new).splitlines() if line.startswith(("+", "-"))]


def ds(text: str) -> str:
    """A dedented expected diff ('|' marks the start of each line, keeping its spaces)."""
    return "".join(line.split("|", 1)[1] + "\n" for line in text.splitlines() if line.strip())


# --- the shipped file -----------------------------------------------------------------------------

def test_changing_one_owner_changes_one_line():
    out = edit(SHIPPED, lambda d: d["measures"][0].__setitem__("owner", "กองคลัง"))
    assert changed(SHIPPED, out) == ["-    owner: สำนักปลัด", "+    owner: กองคลัง"]
    assert diff(SHIPPED, out).count("@@") == 1


def test_a_new_measure_adds_only_its_lines_in_the_style_of_its_neighbours():
    new = {"title": "มาตรการใหม่", "steps": ["ขั้นที่ ๑", "no"], "owner": "กองช่าง",
           "period": {"from": "2567-10", "to": "2568-03"}, "results": [], "outcomes": ["ผล: ดี"]}
    out = edit(SHIPPED, lambda d: d["measures"].insert(1, new))
    assert diff(SHIPPED, out) == ds("""
        |@@
        |     outcomes:
        |       - ลดโอกาสในการเกิดทุจริต คู่มือดังกล่าวช่วยให้เจ้าหน้าที่สามารถระบุและประเมินความเสี่ยงการทุจริตได้อย่างมีประสิทธิภาพ ทำให้สามารถป้องกันหรือลดโอกาสในการเกิดทุจริตได้
        |       - ลดความเสียหายที่อาจเกิดขึ้นจากการทุจริต หากเกิดทุจริตขึ้น คู่มือดังกล่าวจะช่วยให้เจ้าหน้าที่สามารถกำหนดมาตรการควบคุมความเสี่ยงการทุจริตได้อย่างเหมาะสม ทำให้สามารถลดความเสียหายที่อาจเกิดขึ้นจากการทุจริตได้
        |+
        |+  - title: มาตรการใหม่
        |+    steps:
        |+      - ขั้นที่ ๑
        |+      - "no"
        |+    owner: กองช่าง
        |+    period:
        |+      from: 2567-10
        |+      to: 2568-03
        |+    results: []
        |+    outcomes:
        |+      - "ผล: ดี"
        |
        |   # ๒.
        |   - title: มาตรการเปิดเผยข้อมูลสาธารณะ และกำกับติดตามการเผยแพร่ข้อมูลสาธารณะ
        """)


def test_a_measure_added_at_the_end_is_separated_as_the_others_are():
    out = edit(SHIPPED, lambda d: d["measures"].append({"title": "ท้าย", "steps": ["ก"], "owner": "กอง",
                                                          "period": "fiscal-year"}))
    assert out.startswith(SHIPPED)
    assert out[len(SHIPPED):] == "\n  - title: ท้าย\n    steps:\n      - ก\n    owner: กอง\n    period: fiscal-year\n"


def test_deleting_a_measure_removes_its_lines_and_its_comment_not_the_next_ones():
    out = edit(SHIPPED, lambda d: d["measures"].pop(1))
    removed = changed(SHIPPED, out)
    assert all(line.startswith("-") for line in removed) and len(removed) == 17
    assert removed[:3] == ["-", "-  # ๒.", "-  - title: มาตรการเปิดเผยข้อมูลสาธารณะ และกำกับติดตามการเผยแพร่ข้อมูลสาธารณะ"]
    assert removed[-1].startswith("-      - ระดับการมีส่วนร่วมของประชาชน")
    assert "\n  # ๓.\n  - title: มาตรการการใช้ทรัพย์สินของทางราชการ\n" in out
    assert "# ต้นฉบับ: เว็บไซต์ขององค์การปกครองส่วนท้องถิ่น" not in out  # the deleted step's comment went with it


def test_deleting_the_last_measure_keeps_the_one_before_it_whole():
    out = edit(SHIPPED, lambda d: d["measures"].pop())
    assert out == SHIPPED[:SHIPPED.index("\n\n  # ๖.")] + "\n"


def test_moving_a_measure_up_moves_its_lines_with_the_comment_above_it():
    out = edit(SHIPPED, lambda d: d["measures"].insert(1, d["measures"].pop(2)))
    block = SHIPPED[SHIPPED.index("  # ๓.\n"):SHIPPED.index("\n\n  # ๔.")]
    assert "# ต้นฉบับ: ไม่นำกับไปใช้เป็นการส่วนตัว" in block  # a comment inside it travels too
    assert out.index(block) < out.index("  # ๒.\n") and out.count(block) == 1
    assert sorted(out.splitlines()) == sorted(SHIPPED.splitlines())


def test_setting_an_absent_key_puts_it_where_the_model_orders_it():
    out = edit(SHIPPED, lambda d: d.__setitem__("kind", "measures-plan"))
    assert diff(SHIPPED, out) == ds("""
        |@@
        |   district: ชุมแพ
        |   province: ขอนแก่น
        | fiscal_year: 2568
        |+kind: measures-plan
        | ita_indicator: O26
        | intro: >-
        |   รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงานตามที่ได้ดำเนินการวิเคราะห์ผลการประเมิน ITA ของเทศบาลตำบลโคกสูงสัมพันธ์ ประจำปีงบประมาณ พ.ศ. ๒๕๖๘ และได้กำหนดมาตรการ/แนวทางในการส่งเสริมคุณธรรมและความโปร่งใสของเทศบาลตำบลโคกสูงสัมพันธ์ ในปีงบประมาณ พ.ศ. ๒๕๖๘ โดยได้มีการดำเนินการขับเคลื่อนมาตรการส่งเสริมคุณธรรมและความโปร่งใสเทศบาลตำบลโคกสูงสัมพันธ์ ประจำปีงบประมาณ พ.ศ. ๒๕๖๘ ดังต่อไปนี้
        """)


def test_an_owner_set_where_it_was_missing_goes_after_the_steps():
    text = "version: 1\nmeasures:\n  - title: ก\n    steps: [ข]\n    period: fiscal-year\n"
    out = edit(text, lambda d: d["measures"][0].__setitem__("owner", "กองคลัง"))
    assert out == "version: 1\nmeasures:\n  - title: ก\n    steps: [ข]\n    owner: กองคลัง\n    period: fiscal-year\n"


def test_a_key_the_model_does_not_know_goes_after_its_predecessor_in_the_new_data_or_last():
    text = "version: 1\nagency:\n  name: ก\n"
    out = edit(text, lambda d: d.__setitem__("agency", {"name": "ก", "code": "01", "province": "ข"}))
    assert out == "version: 1\nagency:\n  name: ก\n  code: \"01\"\n  province: ข\n"
    assert edit(text, lambda d: d.__setitem__("x_note", "หมายเหตุ")) == text + "x_note: หมายเหตุ\n"


def test_removing_a_key_removes_its_lines():
    out = edit(SHIPPED, lambda d: d["measures"][2].pop("period"))
    assert changed(SHIPPED, out) == ["-    period:", "-      from: 2567-10", "-      to: 2568-09"]
    out = edit(SHIPPED, lambda d: d.pop("ita_indicator"))
    assert changed(SHIPPED, out) == ["-ita_indicator: O26"]


def test_a_new_activity_and_a_new_step_follow_their_neighbours():
    activity = {"title": "กิจกรรมใหม่", "steps": ["ขั้นตอน"], "owner": "กองคลัง", "period": "fiscal-year"}
    out = edit(SHIPPED, lambda d: d["measures"][4]["activities"].append(activity))
    assert changed(SHIPPED, out) == ["+      - title: กิจกรรมใหม่", "+        steps:", "+          - ขั้นตอน",
                                     "+        owner: กองคลัง", "+        period: fiscal-year"]
    assert "          - บุคลากรในสังกัดได้ทราบแผนการใช้จ่ายงบประมาณ ประจำปี พ.ศ. ๒๕๖๘\n      - title: กิจกรรมใหม่\n" in out
    out = edit(SHIPPED, lambda d: d["measures"][5]["activities"][0]["steps"].insert(1, "ขั้นตอนใหม่"))
    assert diff(SHIPPED, out) == ds("""
        |@@
        |         steps:
        |           # ต้นฉบับ: บุคคล ภายใรับทราบ
        |           - "ดำเนินการจัดทำแนวปฏิบัติ Dos & Don't เพื่อลดความสับสนเกี่ยวกับพฤติกรรมสีเทา และเป็นแนวทางในการประพฤติตนทางจริยธรรม และประชาสัมพันธ์ให้บุคคลภายในรับทราบโดยทั่วกัน"
        |+          - ขั้นตอนใหม่
        |           # ต้นฉบับ: กิจกรรรม
        |           - ดำเนินการจัดอบรมที่มีการสอดแทรกสาระด้านจริยธรรมของเจ้าหน้าที่ของรัฐ และกิจกรรมเสริมสร้าง ส่งเสริมจริยธรรมของหน่วยงาน และจัดทำรายงานติดตามผลการส่งเสริมคุณธรรม จริยธรรม
        |         owner: สำนักปลัด
        """)


def test_a_step_deleted_takes_its_comment_and_leaves_the_next_ones():
    out = edit(SHIPPED, lambda d: d["measures"][5]["activities"][0]["outcomes"].pop(0))
    assert changed(SHIPPED, out) == [
        "-          # ต้นฉบับ: ความ เข้าใในแนวปฏิบัติ",
        "-          - \"บุคคลภายในหน่วยงานรับทราบแนวปฏิบัติ Dos & Don't เพื่อลดความสับสนเกี่ยวกับพฤติกรรมสีเทา และมีผลการ"
        "ประเมินความเข้าใจในแนวปฏิบัติไม่น้อยกว่าร้อยละ ๘๐ ของแบบประเมิน\""]


def test_a_quoted_text_edited_stays_quoted_and_untouched_digits_stay_as_written():
    out = edit(SHIPPED, lambda d: d["measures"][5]["activities"][0].__setitem__("title", "สร้างแนวปฏิบัติ Dos & Don't"))
    assert changed(SHIPPED, out) == [
        "-      - title: \"สร้างแนวปฏิบัติ Dos & Don't เพื่อลดความสับสนเกี่ยวกับพฤติกรรมสีเทา และเป็นแนวทางในการประพฤติตน"
        "ทางจริยธรรม (หน่วยงานจัดทำเอง)\"",
        "+      - title: \"สร้างแนวปฏิบัติ Dos & Don't\""]
    assert "ไม่น้อยกว่าร้อยละ ๘๐ ของแบบประเมิน" in out and "fiscal_year: 2568\n" in out and "from: 2567-10\n" in out


def test_the_folded_intro_keeps_its_style_and_a_text_of_several_lines_becomes_a_literal_block():
    out = edit(SHIPPED, lambda d: d.__setitem__("intro", d["intro"].replace("ดังต่อไปนี้", "ดังนี้")))
    assert [line[:12] for line in changed(SHIPPED, out)] == ["-  รายงานผลก", "+  รายงานผลก"]
    assert out.count("intro: >-\n") == 1
    out = edit(SHIPPED, lambda d: d.__setitem__("intro", "ย่อหน้าแรก\nย่อหน้าที่สอง"))
    assert "\nintro: >-\n" not in out and "\nintro: |-\n  ย่อหน้าแรก\n  ย่อหน้าที่สอง\nmeasures:\n" in out


def test_a_value_that_changes_shape_is_written_whole_in_block_style():
    out = edit(SHIPPED, lambda d: d["measures"][0].__setitem__("period", {"from": "2567-10", "to": "2568-03"}))
    assert changed(SHIPPED, out) == ["-    period: fiscal-year", "+    period:", "+      from: 2567-10",
                                     "+      to: 2568-03"]
    out = edit(SHIPPED, lambda d: d["measures"][2].__setitem__("period", "ต.ค. 67 - มี.ค. 68"))
    assert changed(SHIPPED, out) == ["-    period:", "-      from: 2567-10", "-      to: 2568-09",
                                     "+    period: ต.ค. 67 - มี.ค. 68"]
    out = edit(SHIPPED, lambda d: d["measures"][0].__setitem__("steps", "ขั้นตอนเดียว"))
    assert changed(SHIPPED, out)[-1] == "+    steps: ขั้นตอนเดียว" and len(changed(SHIPPED, out)) == 4
    out = edit(SHIPPED, lambda d: d["measures"][0].__setitem__("owner", ["สำนักปลัด", "กองคลัง"]))
    assert changed(SHIPPED, out) == ["-    owner: สำนักปลัด", "+    owner:", "+      - สำนักปลัด", "+      - กองคลัง"]


def test_a_measure_turned_into_activities_keeps_its_title_line():
    def group(d):
        m = d["measures"][3]
        d["measures"][3] = {"title": m["title"], "activities": [{k: v for k, v in m.items()}]}
    out = edit(SHIPPED, group)
    assert "  # ๔.\n  - title: นโยบายไม่รับของขวัญหรือของกำนัลจากการปฏิบัติหน้าที่ (No Gift Policy)\n    activities:\n" in out


# --- the kinds' files and init's starters ------------------------------------------------------------

def test_declared_columns_flow_lists_and_quoted_money_keep_their_style():
    text = (KINDS / "columns.yaml").read_text(encoding="utf-8")
    out = edit(text, lambda d: d["measures"][1].__setitem__("budget", "๑๓,๐๐๐"))
    assert changed(text, out) == ['-    budget: "๑๒,๕๐๐.๕๐"', '+    budget: "๑๓,๐๐๐"']
    out = edit(text, lambda d: d["measures"][1]["steps"].insert(1, "ขั้น, ใหม่"))
    assert changed(text, out) == ["-    steps: [จัดทำป้ายประชาสัมพันธ์, ปรับปรุงเว็บไซต์]",
                                  '+    steps: [จัดทำป้ายประชาสัมพันธ์, "ขั้น, ใหม่", ปรับปรุงเว็บไซต์]']
    out = edit(text, lambda d: d["measures"][1]["steps"].pop(0))
    assert changed(text, out)[1] == "+    steps: [ปรับปรุงเว็บไซต์]"
    out = edit(text, lambda d: d["columns"].insert(2, {"key": "note", "header": "หมายเหตุ"}))
    assert changed(text, out) == ["+  - {key: note, header: หมายเหตุ}"]
    assert "  - {key: objective, header: วัตถุประสงค์}\n  - {key: note, header: หมายเหตุ}\n  - {key: steps," in out
    out = edit(text, lambda d: d["measures"].append({
        "title": "ใหม่", "objective": "x", "steps": ["a", "b"], "budget": "100", "owner": "o",
        "period": {"from": "2567-10", "to": "2568-01"}, "results": [], "status": "done"}))
    assert changed(text, out) == ["+  - title: ใหม่", "+    objective: x", "+    steps: [a, b]", '+    budget: 100',
                                  "+    owner: o", "+    period: {from: 2567-10, to: 2568-01}", "+    results: []",
                                  "+    status: done"]
    out = edit(text, lambda d: d["agency"].__setitem__("district", "เมือง"))
    assert changed(text, out)[1] == "+agency: {name: องค์การบริหารส่วนตำบลตัวอย่าง, district: เมือง, province: ขอนแก่น}"


def test_a_number_written_plain_stays_plain_and_a_text_that_reads_as_another_type_is_quoted():
    text = (KINDS / "plan.yaml").read_text(encoding="utf-8")
    out = edit(text, lambda d: d["ita_results"].__setitem__("score", "80.00"))
    assert changed(text, out) == ["-  score: 72.40", "+  score: 80.00"]
    out = edit(text, lambda d: d["ita_results"].__setitem__("score", "80"))
    assert changed(text, out)[1] == "+  score: 80"
    out = edit(text, lambda d: d.__setitem__("fiscal_year", "2570"))
    assert changed(text, out) == ["-fiscal_year: 2569", "+fiscal_year: 2570"]
    out = edit(text, lambda d: d["ita_results"]["indicators"][1].__setitem__("score", "๖๕.๐๐"))
    assert changed(text, out)[1] == "+    - {name: การป้องกันการทุจริต, score: ๖๕.๐๐}"
    out = edit(text, lambda d: d["measures"][0].__setitem__("owner", "no"))
    assert changed(text, out)[1] == '+    owner: "no"'


def test_an_empty_list_filled_in_takes_its_neighbours_style():
    text = (KINDS / "progress.yaml").read_text(encoding="utf-8")
    out = edit(text, lambda d: d["measures"][0]["problems"].append("ไม่มี"))
    assert changed(text, out) == ["-    problems: []", "+    problems: [ไม่มี]"]
    text = init_text("เทศบาลตำบลทดสอบ", 2569)
    out = edit(text, lambda d: d["measures"][0]["results"].append("ดำเนินการแล้ว"))
    assert diff(text, out) == ds("""
        |@@
        |     owner: สำนักปลัด
        |     period: fiscal-year
        |     # สรุปผลการดำเนินการ: กรอกเมื่อดำเนินการแล้ว (ก่อนนั้น validate จะเตือน)
        |-    results: []
        |+    results:
        |+      - ดำเนินการแล้ว
        |     # ผลลัพธ์หรือความสำเร็จของการดำเนินการ
        |     outcomes: []
        |
        """)


@pytest.mark.parametrize("kind", ["measures-report", "measures-plan", "progress-report", "columns"])
def test_every_starter_takes_a_one_line_edit_of_its_agency(kind):
    text = init_text("ชื่อหน่วยงาน", 2569, starter=kind)
    out = edit(text, lambda d: d["agency"].__setitem__("name", "เทศบาลตำบลโคกสูง"))
    assert changed(text, out) == ["-  name: ชื่อหน่วยงาน", "+  name: เทศบาลตำบลโคกสูง"]


# --- scalars -----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("old", "new", "written"), [
    ("owner: ก", "สำนักปลัด", "owner: สำนักปลัด"),
    ("owner: ก", "no", 'owner: "no"'),
    ("owner: ก", "on", 'owner: "on"'),
    ("owner: ก", "1.10", 'owner: "1.10"'),
    ("owner: ก", "2567-10-01", 'owner: "2567-10-01"'),
    ("owner: ก", "- x", 'owner: "- x"'),
    ("owner: ก", "a: b", 'owner: "a: b"'),
    ("owner: ก", "#1", 'owner: "#1"'),
    ("owner: ก", "ก #1", 'owner: "ก #1"'),
    ("owner: ก", "", 'owner: ""'),
    ("owner: ก", "ข ๑.", "owner: ข ๑."),
    ("owner: 'ก'", "ข's", "owner: 'ข''s'"),
    ("owner: 'ก'", "ข\nค", "owner: |-\n  ข\n  ค"),
    ('owner: "ก"', "ข", 'owner: "ข"'),
    ("date: 2568-10-15", "2568-11-01", "date: 2568-11-01"),
    ("date: 2568-10-15", "เว้นว่าง", "date: เว้นว่าง"),
    ("owner: ก  # who", "ข", "owner: ข  # who"),
    ("owner: |\n  ก\n  ข\n", "ก\nค\n", "owner: |\n  ก\n  ค"),
    ("owner: |-\n    ก\n    ข\nx: 1\n", "ก\nค", "owner: |-\n    ก\n    ค\nx: 1"),
    ("owner: >-\n  ก ข\n  ค ง\n", "ก ข\nค", "owner: |-\n  ก ข\n  ค"),
    ("owner: >-\n  ก ข\n  ค ง\n", "ก X ค ง", "owner: >-\n  ก X\n  ค ง"),
    ("owner: >-  # c\n  ก ข\n  ค ง\n", "ก ข ค X", "owner: >-  # c\n  ก ข\n  ค X"),
    ("owner: ก  # who", "ข\nค", "owner: |-  # who\n  ข\n  ค"),
    ("owner:", "ข", "owner: ข"),
    ("owner: ~", "ข", "owner: ข"),
    ("owner: ข", None, "owner:"),
    ("list: [ก, ข]", ["ก", "a, b"], 'list: [ก, "a, b"]'),
    ("list: [ก, ข]", ["ก", "ค: ง"], 'list: [ก, "ค: ง"]'),
])
def test_a_changed_text_keeps_its_style_when_it_can_else_the_safest_readable_one(old, new, written):
    text = old if old.endswith("\n") else old + "\n"
    key = old.split(":", 1)[0]
    out = edit(text, lambda d: d.__setitem__(key, new))
    assert out.rstrip("\n") == written


def test_a_key_that_reads_as_another_type_is_quoted_when_added():
    assert edit("a: 1\n", lambda d: d.__setitem__("no", "x")) == 'a: 1\n"no": x\n'


# --- the file as a whole ---------------------------------------------------------------------------

def test_crlf_a_missing_final_newline_and_a_bom_survive():
    text = "\ufeff" + SHIPPED.replace("\n", "\r\n").rstrip("\r\n")
    out = edit(text, lambda d: d["measures"].append({"title": "ท้าย", "steps": ["ก"], "owner": "กอง",
                                                       "period": "fiscal-year"}))
    assert out.startswith("\ufeff# yaml-language-server: $schema=../schema/itareport.schema.json\r\n")
    assert out.count("\r\n") == out.count("\n") and not out.endswith("\n")
    assert out.endswith("\r\n\r\n  - title: ท้าย\r\n    steps:\r\n      - ก\r\n    owner: กอง\r\n    period: fiscal-year")
    out = edit(text, lambda d: d["measures"][5]["activities"][1]["outcomes"].__setitem__(1, "แก้"))
    assert out.endswith("\r\n          - แก้") and out[:-len("แก้")].startswith(text[:text.rindex("- ") + 2])


def test_nothing_changed_returns_the_same_text():
    assert update_text(SHIPPED, load_text(SHIPPED).data) is SHIPPED


def test_key_order_of_the_new_data_does_not_matter():
    data = load_text(SHIPPED).data
    shuffled = dict(reversed(list(data.items())))
    assert update_text(SHIPPED, shuffled) == SHIPPED


def test_an_alias_is_written_out_and_an_anchored_value_is_refused():
    text = "base: &b\n  owner: ก\nm1: *b\nm2: *b\n"
    out = edit(text, lambda d: d.__setitem__("m1", {"owner": "ข"}))
    assert out == "base: &b\n  owner: ก\nm1:\n  owner: ข\nm2: *b\n"
    with pytest.raises(UpdateError, match=r"anchors and aliases \(&name, \*name\)"):
        update_text(text, {"base": {"owner": "ข"}, "m1": {"owner": "ก"}, "m2": {"owner": "ก"}})


def test_a_file_with_yaml_errors_or_new_data_that_is_not_plain_is_refused():
    with pytest.raises(UpdateError, match="the data file has errors") as info:
        update_text("a: [1\n", {"a": "1"})
    assert info.value.diagnostics and info.value.diagnostics[0].code
    with pytest.raises(UpdateError, match=r"fiscal_year: expected text, a list or a mapping, found int 2569"):
        update_text(SHIPPED, {**load_text(SHIPPED).data, "fiscal_year": 2569})
    with pytest.raises(UpdateError, match="expected a text key, found 1"):
        update_text("a: b\n", {1: "b"})


def test_unified_diff_names_the_file_and_a_missing_final_newline():
    assert unified_diff("a: 1\nb: 2", "a: 1\nb: 3", "data/x.yaml") == (
        "--- a/data/x.yaml\n+++ b/data/x.yaml\n@@ -1,2 +1,2 @@\n a: 1\n-b: 2\n\\ No newline at end of file\n"
        "+b: 3\n\\ No newline at end of file\n")
    assert unified_diff("a: 1\r\n", "a: 2\r\n", "x.yaml").endswith("-a: 1\n+a: 2\n")
    assert unified_diff("a: 1\n", "a: 1\n", "x.yaml") == ""


# --- merge_data ------------------------------------------------------------------------------------

BASE = {"version": "1", "agency": {"name": "ก"}, "measures": [
    {"title": "หนึ่ง", "steps": ["ก"], "owner": "สำนักปลัด"},
    {"title": "สอง", "steps": ["ข"], "owner": "กองคลัง"},
    {"title": "สาม", "steps": ["ค"], "owner": "กองช่าง"}]}


def variant(change):
    data = copy.deepcopy(BASE)
    change(data)
    return data


def test_changes_on_one_side_each_merge():
    ours = variant(lambda d: d["measures"][0].__setitem__("owner", "กองคลัง"))
    theirs = variant(lambda d: d["agency"].__setitem__("province", "ขอนแก่น"))
    merged, conflicts = merge_data(BASE, ours, theirs)
    assert conflicts == []
    assert merged == variant(lambda d: (d["measures"][0].__setitem__("owner", "กองคลัง"),
                                        d["agency"].__setitem__("province", "ขอนแก่น")))


def test_the_same_value_changed_differently_is_a_conflict_and_ours_is_kept():
    ours = variant(lambda d: d["measures"][1].__setitem__("owner", "กองช่าง"))
    theirs = variant(lambda d: d["measures"][1].__setitem__("owner", "กองการศึกษา"))
    merged, conflicts = merge_data(BASE, ours, theirs)
    assert conflicts == [Conflict(("measures", 1, "owner"), "กองคลัง", "กองช่าง", "กองการศึกษา")]
    assert merged == ours
    same = merge_data(BASE, ours, copy.deepcopy(ours))
    assert same == (ours, [])


def test_an_insertion_on_one_side_and_an_edit_on_the_other_both_survive():
    new = {"title": "ใหม่", "steps": ["x"], "owner": "y"}
    ours = variant(lambda d: d["measures"].insert(1, new))
    theirs = variant(lambda d: d["measures"][1]["steps"].append("ข๒"))
    merged, conflicts = merge_data(BASE, ours, theirs)
    assert conflicts == []
    assert [m["title"] for m in merged["measures"]] == ["หนึ่ง", "ใหม่", "สอง", "สาม"]
    assert merged["measures"][2]["steps"] == ["ข", "ข๒"]
    # and the other way round, a step inserted by them, a measure deleted by us
    ours = variant(lambda d: d["measures"].pop(2))
    theirs = variant(lambda d: d["measures"][0]["steps"].insert(0, "ก๐"))
    merged, conflicts = merge_data(BASE, ours, theirs)
    assert conflicts == [] and [m["title"] for m in merged["measures"]] == ["หนึ่ง", "สอง"]
    assert merged["measures"][0]["steps"] == ["ก๐", "ก"]


def test_a_deletion_against_an_edit_is_a_conflict_and_a_key_removed_on_one_side_merges():
    ours = variant(lambda d: d["measures"].pop(1))
    theirs = variant(lambda d: d["measures"][1].__setitem__("owner", "กองช่าง"))
    merged, conflicts = merge_data(BASE, ours, theirs)
    assert conflicts == [Conflict(("measures", 1), BASE["measures"][1], ABSENT, theirs["measures"][1])]
    assert merged == ours
    ours = variant(lambda d: d["measures"][2].pop("owner"))
    theirs = variant(lambda d: d["measures"][0].__setitem__("title", "หนึ่ง ๑"))
    merged, conflicts = merge_data(BASE, ours, theirs)
    assert conflicts == [] and "owner" not in merged["measures"][2] and merged["measures"][0]["title"] == "หนึ่ง ๑"


def test_the_same_measure_added_on_both_sides_is_added_once():
    new = {"title": "ใหม่", "steps": ["x"], "owner": "y"}
    merged, conflicts = merge_data(BASE, variant(lambda d: d["measures"].append(new)),
                                   variant(lambda d: (d["measures"].append(new), d.__setitem__("kind", "k"))))
    assert conflicts == [] and [m["title"] for m in merged["measures"]][-1:] == ["ใหม่"]
    assert len(merged["measures"]) == 4 and merged["kind"] == "k"


# --- write_data_file -----------------------------------------------------------------------------

def test_write_data_file_writes_the_minimal_change_and_keeps_the_file_mode(tmp_path):
    path = tmp_path / "measures_2568.yaml"
    path.write_text(SHIPPED, encoding="utf-8")
    path.chmod(0o640)
    data = load_text(SHIPPED).data
    data["measures"][0]["owner"] = "กองคลัง"
    text = write_data_file(path, data, expected=SHIPPED)
    assert path.read_text(encoding="utf-8") == text
    assert changed(SHIPPED, text) == ["-    owner: สำนักปลัด", "+    owner: กองคลัง"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o640 and os.listdir(tmp_path) == [path.name]


def test_write_data_file_leaves_an_unchanged_file_alone(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text(SHIPPED, encoding="utf-8")
    os.utime(path, (1_000_000, 1_000_000))
    assert write_data_file(path, load_text(SHIPPED).data) == SHIPPED
    assert path.stat().st_mtime == 1_000_000


def test_a_file_changed_on_disk_since_it_was_read_is_not_overwritten(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text(SHIPPED.replace("owner: สำนักปลัด", "owner: กองช่าง", 1), encoding="utf-8")
    data = load_text(SHIPPED).data
    data["intro"] = "ใหม่"
    with pytest.raises(ChangedOnDisk, match="changed by another program since it was opened") as info:
        write_data_file(path, data, expected=SHIPPED)
    assert info.value.current == path.read_text(encoding="utf-8") and "owner: กองช่าง" in info.value.current
    assert info.value.exit_code == 2


def test_a_read_only_file_is_refused_with_nothing_written(tmp_path):
    # chmod 444 is checked from the file's mode bits, so the refusal holds when the tests run as root
    # too (root may write anything, and os.replace over a read-only file succeeds on POSIX).
    path = tmp_path / "x.yaml"
    path.write_text(SHIPPED, encoding="utf-8")
    path.chmod(0o444)
    data = load_text(SHIPPED).data
    data["intro"] = "ใหม่"
    with pytest.raises(UpdateError, match=re.escape(f"{path}: the file is read-only; nothing was written")):
        write_data_file(path, data)
    assert path.read_text(encoding="utf-8") == SHIPPED and os.listdir(tmp_path) == [path.name]


def test_a_file_held_open_by_another_program_is_refused_with_nothing_lost(tmp_path, monkeypatch):
    # Windows: os.replace over a file Word (or a sync client) holds open raises PermissionError.
    path = tmp_path / "x.yaml"
    path.write_text(SHIPPED, encoding="utf-8")
    monkeypatch.setattr(files.time, "sleep", lambda s: None)

    def replace(src, dst):
        raise PermissionError(13, "The process cannot access the file because it is being used by another process")

    monkeypatch.setattr(files.os, "replace", replace)
    data = load_text(SHIPPED).data
    data["intro"] = "ใหม่"
    with pytest.raises(UpdateError, match="another program has this file open"):
        write_data_file(path, data)
    assert path.read_text(encoding="utf-8") == SHIPPED and os.listdir(tmp_path) == [path.name]


def test_a_missing_file_and_a_bom_file(tmp_path):
    with pytest.raises(UpdateError, match="no such file"):
        write_data_file(tmp_path / "none.yaml", {"a": "1"})
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\r\nb: 2\r\n")
    assert write_data_file(path, {"a": "1", "b": "3"}) == "a: 1\r\nb: 3\r\n"
    assert path.read_bytes() == b"\xef\xbb\xbfa: 1\r\nb: 3\r\n"


def test_the_public_api():
    import itareport.update as update
    assert set(update.__all__) >= {"update_text", "merge_data", "write_data_file", "unified_diff", "Conflict",
                                   "UpdateError", "ChangedOnDisk"}
    assert issubclass(ChangedOnDisk, UpdateError) and Path(update.__file__).parent.name == "update"


def test_a_read_only_file_is_refused_in_thai_too(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    path.chmod(0o444)
    with pytest.raises(UpdateError) as info:
        write_data_file(path, {"a": "2"})
    # the message is rendered where it is printed, in the language chosen there
    assert info.value.render("th") == f"{path}: ไฟล์นี้เป็นแบบอ่านอย่างเดียว จึงไม่ได้บันทึก (ให้เปิดสิทธิ์เขียนไฟล์ หรือบันทึกการแก้ไขเป็นไฟล์ชื่ออื่น)"
    assert info.value.render("en").endswith("the file is read-only; nothing was written (make it writable, or save "
                                            "the change under another name)")


# --- the first key of a list item, nesting, the key order ----------------------------------------------

ITEM = "measures:\n  - title: ก\n    steps: [ข]\n"


def test_the_first_key_of_a_list_item_removed_or_added_keeps_the_dash():
    assert edit(ITEM, lambda d: d["measures"][0].pop("title")) == "measures:\n  - steps: [ข]\n"
    assert edit(ITEM, lambda d: d["measures"].__setitem__(0, {"x_first": "y", **d["measures"][0]})) == \
        "measures:\n  - x_first: y\n    title: ก\n    steps: [ข]\n"
    commented = "measures:\n  - title: ก\n    # about the steps\n    steps: [ข]\n"
    assert edit(commented, lambda d: d["measures"][0].pop("title")) == \
        "measures:\n  -\n    # about the steps\n    steps: [ข]\n"


def test_lists_and_mappings_emptied_filled_and_nested():
    assert edit(ITEM, lambda d: d.__setitem__("measures", [])) == "measures: []\n"
    assert edit(ITEM, lambda d: d.__setitem__("measures", {"a": "b"})) == "measures:\n  a: b\n"
    assert edit("a:\n  - x\n  - y\n", lambda d: d["a"].__setitem__(0, ["p", "q"])) == "a:\n  - - p\n    - q\n  - y\n"
    assert edit("a:\n  - x\n", lambda d: d["a"].__setitem__(0, {"k": {"z": ["1"]}})) == \
        'a:\n  - k:\n      z:\n        - "1"\n'
    four = "a:\n    b:\n        - x\n"  # a file indented by four: new values too
    assert edit(four, lambda d: d["a"].__setitem__("c", {"d": ["y"]})) == \
        "a:\n    b:\n        - x\n    c:\n        d:\n            - y\n"
    flush = "a:\n- x\nb: 1\n"  # lists flush with their key
    assert edit(flush, lambda d: d.__setitem__("c", ["y"])) == "a:\n- x\nb: 1\nc:\n- y\n"


def test_a_layout_the_fine_edits_do_not_handle_is_written_a_level_up():
    # a comment between a dash and its value: the item cannot be rewritten alone, its list is
    text = "a:\n  -  # first\n    x\n  - y\nb: 1\n"
    assert edit(text, lambda d: d["a"].__setitem__(0, ["p"])) == "a:\n  - - p\n  - y\nb: 1\n"
    assert edit(text, lambda d: d["a"].__setitem__(1, "z")) == "a:\n  -  # first\n    x\n  - z\nb: 1\n"


def test_the_top_level_order_covers_every_field_of_the_model():
    from itareport.model import Report
    from itareport.update.order import ROOT_ORDER, fields, key_order
    assert sorted(ROOT_ORDER) == sorted(fields(Report)) and ROOT_ORDER[-1] == "measures"
    assert key_order(("measures", 0), {"kind": "progress-report"})[:8] == [
        "title", "activities", "details", "steps", "owner", "period", "status", "results"]
    assert key_order(("measures", 3, "period"), {}) == ["from", "to"]
