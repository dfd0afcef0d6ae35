"""Leftovers stay visible: what import guessed, dropped or made up is recorded under `review:` in the
data file; validate warns about each item (ITA520) at the value it names and about the texts import
wrote in a gap (ITA521), `--strict` fails until they are gone; the editor lists them as to-dos; import
ends with a summary. And the modeline names a schema that exists."""

from __future__ import annotations

import json

import yaml

from helpers import run_cli
from itareport.editor.problems import todo_items
from itareport.loader import load_text
from itareport.schema import schema_text
from itareport.validate import validate_loaded

# A tab-separated report with what import has to guess: no title (agency, fiscal year), a row without an
# owner, a period it cannot read, a column that is not the report's, text after the table.
SOURCE = "\n".join([
    "มาตรการ\tขั้นตอนหรือวิธีการปฏิบัติ\tผู้รับผิดชอบ\tระยะเวลา\tสรุปผลการดำเนินการ\tผลลัพธ์\tหมายเหตุ",
    "1. มาตรการ ก\t1. ขั้น ก\tสำนักปลัด\tต.ค. 67 - ธ.ค. 67\tทำแล้ว\tสำเร็จ\tดูภาคผนวก",
    "2. มาตรการ ข\t1. ขั้น ข\t\tทุกเดือน\tทำแล้ว\tสำเร็จ\t",
    "",
    "หมายเหตุท้ายตาราง",
]) + "\n"


def imported(tmp_path):
    source = tmp_path / "report.txt"
    source.write_text(SOURCE, encoding="utf-8")
    out = tmp_path / "data" / "report.yaml"
    result = run_cli("import", source, "-o", out)
    assert result.returncode == 0, result.stderr
    return out, result


def test_every_leftover_is_an_item_of_review_and_validate_strict_fails_until_they_are_gone(tmp_path):
    out, _result = imported(tmp_path)
    text = out.read_text(encoding="utf-8")
    assert "# ต้นฉบับ" not in text             # no comments that nothing reads
    review = yaml.safe_load(text)["review"]
    assert [(item.get("path"), item.get("source")) for item in review] == [
        ("fiscal_year", None), ("agency.name", None), ("measures[1]", "ดูภาคผนวก"), ("measures[2].owner", None),
        ("measures[2].period", "ทุกเดือน"), (None, "หมายเหตุท้ายตาราง")]
    assert all(item["what"] for item in review)
    # validate: a located warning for each, at the value it names, and one for the text import made up
    checked = run_cli("validate", out)
    assert checked.returncode == 0
    lines = text.splitlines()
    owner = next(i for i, line in enumerate(lines, 1) if line.strip() == "owner: (ไม่มีข้อความในต้นฉบับ)")
    item = next(i for i, line in enumerate(lines, 1) if line.strip() == "- path: measures[2].owner")
    assert (f"{out}:{owner}:12: warning: measures[2].owner: left by import to check: ต้นฉบับไม่มีผู้รับผิดชอบ (บรรทัดที่ 3): "
            f"กรอกเอง; once checked, delete item 4 of review: (line {item}) [ITA520]") in checked.stdout
    assert (f"{out}:{owner}:12: warning: measures[2].owner: '(ไม่มีข้อความในต้นฉบับ)' was written where the source had "
            "nothing to put; write the real text [ITA521]") in checked.stdout
    end = next(i for i, line in enumerate(lines, 1) if line.strip() == "source: หมายเหตุท้ายตาราง") - 1
    assert f"{out}:{end}:5: warning: review[6]: left by import to check:" in checked.stdout
    assert "(the source said: 'หมายเหตุท้ายตาราง') [ITA520]" in checked.stdout
    assert checked.stdout.count("[ITA520]") == 6
    strict = run_cli("validate", "--strict", out)
    assert strict.returncode == 1 and "FAILED" in strict.stdout
    # the officer checks each one: fills in the owner, deletes the list; --strict passes
    fixed = text.replace("owner: (ไม่มีข้อความในต้นฉบับ)", "owner: กองคลัง")
    fixed = fixed.replace('name: ชื่อหน่วยงาน', "name: เทศบาลตำบลทดสอบ")
    fixed = fixed[:fixed.index("\n# สิ่งที่ต้องตรวจ")] + "\n"
    out.write_text(fixed, encoding="utf-8")
    passed = run_cli("validate", "--strict", out)
    assert passed.returncode == 0, passed.stdout
    # deleting an item without fixing the made-up text still fails: the text warns on its own
    out.write_text(fixed.replace("owner: กองคลัง", "owner: (ไม่มีข้อความในต้นฉบับ)"), encoding="utf-8")
    assert run_cli("validate", "--strict", out).returncode == 1


def test_import_ends_with_a_summary_in_the_users_language(tmp_path):
    _out, result = imported(tmp_path)
    assert result.stdout.splitlines()[-1] == ("read 2 measures, 2 rows, 7 columns, 0 signers; 6 leftovers to check "
                                              "under review: at the end of the file (validate warns until each is "
                                              "deleted)")
    source = tmp_path / "report.txt"
    thai = run_cli("import", source, "-o", tmp_path / "th.yaml", env={"ITAREPORT_LANG": "th"})
    assert thai.stdout.splitlines()[-1].startswith("อ่านได้ ๒ มาตรการ") or \
        thai.stdout.splitlines()[-1].startswith("อ่านได้ 2 มาตรการ")


def test_an_item_whose_value_is_gone_is_warned_about_at_the_item(tmp_path):
    text = ("version: 1\nagency: {name: เทศบาลตำบลทดสอบ}\nfiscal_year: 2568\nmeasures:\n"
            "  - {title: ก, steps: [ข], owner: ค, period: fiscal-year, results: [ง], outcomes: [จ]}\n"
            "review:\n  - path: measures[9].owner\n    what: ตรวจ\n")
    checked = validate_loaded(load_text(text, "x.yaml"))
    [d] = checked.diagnostics
    assert (d.line, d.col, d.path, d.code) == (7, 5, "review[1]", "ITA520")
    assert d.message == "left by import to check: ตรวจ; once checked, delete this item of review:"


def test_the_editor_lists_the_items_as_to_dos_with_their_index(tmp_path):
    out, _result = imported(tmp_path)
    text = out.read_text(encoding="utf-8")
    loaded = load_text(text, str(out))
    todos = todo_items(loaded, text, validate_loaded(loaded).diagnostics)
    leftovers = [t for t in todos if t["kind"] == "leftover"]
    assert [t["review"] for t in leftovers] == list(range(6))
    assert leftovers[3]["field"] == "measures.1.owner" and leftovers[2]["text"].endswith("(ดูภาคผนวก)")
    assert leftovers[5]["field"] == "review.5"
    assert {t["field"] for t in todos if t["kind"] == "placeholder"} == {"agency.name", "measures.1.owner"}


# --- the modeline names a schema that exists ----------------------------------------------------------

def test_a_data_file_outside_a_project_gets_the_schema_beside_it(tmp_path):
    out, result = imported(tmp_path)
    beside = out.parent / "itareport.schema.json"
    assert out.read_text(encoding="utf-8").splitlines()[0] == "# yaml-language-server: $schema=itareport.schema.json"
    assert beside.read_text(encoding="utf-8") == schema_text() and json.loads(schema_text())["$id"]
    assert f"wrote {beside}" in result.stdout
    # the next file in that folder uses it as it is; a file of that name that is not ours is left alone
    again = run_cli("init", "--year", "2569", "-o", out.parent / "next.yaml")
    assert again.returncode == 0 and "schema" not in again.stdout
    other = tmp_path / "other"
    other.mkdir()
    (other / "itareport.schema.json").write_text("{}", encoding="utf-8")
    assert run_cli("init", "--year", "2569", "-o", other / "x.yaml").returncode == 0
    assert (other / "itareport.schema.json").read_text(encoding="utf-8") == "{}"


def test_inside_a_project_the_modeline_names_its_schema_and_nothing_is_written_beside(tmp_path):
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "itareport.schema.json").write_text(schema_text(), encoding="utf-8")
    out, result = imported(tmp_path)
    assert out.read_text(encoding="utf-8").splitlines()[0] == \
        "# yaml-language-server: $schema=../schema/itareport.schema.json"
    assert not (out.parent / "itareport.schema.json").exists() and "schema" not in result.stdout


def test_a_long_source_is_quoted_up_to_a_space_with_an_ellipsis():
    from itareport.review import excerpt

    long = "แบบอักษรใน PDF สลับเครื่องหมายภาษาไทยบางตัว โปรแกรมสะกดคำใหม่ตามพจนานุกรม 1 คำ (ผูรับ → ผู้รับ): ตรวจคำเหล่านี้"
    assert excerpt(long) == "แบบอักษรใน PDF สลับเครื่องหมายภาษาไทยบางตัว โปรแกรมสะกดคำใหม่ตามพจนานุกรม 1 คำ…"
    assert excerpt("สั้น") == "สั้น"
    assert excerpt("ก" * 100) == "ก" * 80 + "…"     # no space to cut at: cut at the limit
