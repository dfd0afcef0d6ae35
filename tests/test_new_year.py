"""`itareport new-year`: next year's file from this year's; the old file untouched."""

import hashlib
import typing
from typing import Any

import yaml
from pydantic import BaseModel

from helpers import DATA, run_cli
from itareport.loader import load_text
from itareport.model import Report
from itareport.scaffold import CHANGED, new_year
from itareport.validate import validate_file, validate_loaded

ACTIVITY = """\
    steps: [ขั้นตอน]
    owner: สำนักปลัด
    results: [ผล]
    outcomes: [ผลลัพธ์]
"""


def small_file(tmp_path, periods: list[str], name="plan_2568.yaml", extra="") -> tuple:
    measures = "".join(f"  - title: มาตรการ {i}\n    period: {period}\n{ACTIVITY}" for i, period in enumerate(periods))
    path = tmp_path / name
    path.write_text(f"version: 1\nagency: {{name: เทศบาลตำบลทดสอบ}}\nfiscal_year: 2568\n{extra}measures:\n{measures}",
                    encoding="utf-8")
    return path


def test_new_year_moves_periods_across_the_fiscal_year_boundary(tmp_path):
    source = small_file(tmp_path, [
        "{from: 2567-10, to: 2568-03}",      # October..March: crosses the calendar year inside FY 2568
        "{from: 2567-10, to: 2568-09}",      # the whole fiscal year as months
        "{from: ๒๕๖๘-๐๙, to: ๒๕๖๘-๐๙}",      # the last month, in Thai digits
        "fiscal-year",
        "{from: 2568-10, to: 2568-11}",      # already outside FY 2568 (validate warns): stays outside
    ])
    before = source.read_bytes()
    result = run_cli("new-year", source, "--to", "2570")
    assert result.returncode == 0, result.stderr
    target = tmp_path / "plan_2570.yaml"
    assert result.stdout.splitlines()[0] == f"wrote {target}"   # then the schema beside it (no project schema here)
    assert source.read_bytes() == before
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert data["fiscal_year"] == 2570
    assert [m["period"] for m in data["measures"]] == [
        {"from": "2569-10", "to": "2570-03"}, {"from": "2569-10", "to": "2570-09"},
        {"from": "2570-09", "to": "2570-09"}, "fiscal-year", {"from": "2570-10", "to": "2570-11"}]
    outside = [d for d in validate_file(target).diagnostics if "expected a month in fiscal year" in d.message]
    assert [d.path for d in outside] == ["measures[5].period.from", "measures[5].period.to"]
    # new-year said so itself, at the period, in the new file
    assert "warning: measures[5].period: moved on to fiscal year 2570, the period is still outside it (2569-10 to " \
           "2570-09): check it [ITA306]" in result.stderr and result.stderr.count("[ITA306]") == 1


def test_new_year_of_the_shipped_file(tmp_path):
    out = tmp_path / "measures_2569.yaml"
    digest = hashlib.sha256(DATA.read_bytes()).hexdigest()
    result = run_cli("new-year", DATA, "--to", "2569", "-o", out)
    assert result.returncode == 0, result.stderr
    assert hashlib.sha256(DATA.read_bytes()).hexdigest() == digest
    old, new = yaml.safe_load(DATA.read_text(encoding="utf-8")), yaml.safe_load(out.read_text(encoding="utf-8"))
    assert new["fiscal_year"] == 2569 and new["agency"] == old["agency"] and new["intro"] == old["intro"]

    def rows(data):
        for m in data["measures"]:
            yield from m.get("activities", [m])

    pairs = list(zip(rows(old), rows(new), strict=True))
    assert len(pairs) == 7
    for a, b in pairs:
        assert (b["title"], b["steps"], b["owner"], b.get("details")) == (a["title"], a["steps"], a["owner"],
                                                                          a.get("details"))
        assert b["results"] == [] and b["outcomes"] == []
        if isinstance(a["period"], dict):
            assert b["period"] == {k: f"{int(v[:4]) + 1}{v[4:]}" for k, v in a["period"].items()}
    text = out.read_text(encoding="utf-8")
    assert text.count("# ต้องกรอก: สรุปผลการดำเนินการ ปีงบประมาณ 2569") == 7
    assert text.startswith("# yaml-language-server: $schema=")
    assert "# วิธีกรอก (อ่านก่อนแก้ไข)" in text   # the old file's header comments come along
    # validate warns about every empty results and outcomes until they are filled
    checked = validate_file(out)
    assert checked.ok
    assert sorted({d.message for d in checked.diagnostics}) == [
        "no outcomes yet: fill them in before the report is published",
        "no results yet: fill them in before the report is published"]
    assert len(checked.diagnostics) == 14
    # texts that name the old year are pointed out, located in the new file
    warnings = result.stderr.splitlines()
    assert any(w.startswith(f"{out}:") and ": warning: intro: mentions 2568" in w for w in warnings)
    assert any("measures[5].activities[1].title: mentions 2568" in w for w in warnings)
    assert any("ita_indicator: the ITA item code of 2568" in w for w in warnings)


def test_new_year_default_names_and_refusals(tmp_path):
    source = small_file(tmp_path, ["fiscal-year"], name="report.yaml", extra="numerals: arabic\n")
    assert run_cli("new-year", source, "--to", "2569").returncode == 0
    made = tmp_path / "report_2569.yaml"
    assert yaml.safe_load(made.read_text(encoding="utf-8"))["numerals"] == "arabic"
    again = run_cli("new-year", source, "--to", "2569")
    assert again.returncode == 2 and "already exists" in again.stderr
    assert run_cli("new-year", source, "--to", "2569", "--force").returncode == 0
    back = run_cli("new-year", source, "--to", "2568")
    assert back.returncode == 2
    assert back.stderr.strip() == f"itareport: error: --to 2568: expected a fiscal year after 2568, the year of {source}"
    into_itself = run_cli("new-year", source, "--to", "2569", "-o", source)
    assert into_itself.returncode == 2 and "overwrite the input" in into_itself.stderr


def test_new_year_refuses_an_invalid_file(tmp_path):
    source = small_file(tmp_path, ["{from: 2568-09, to: 2567-10}"])
    result = run_cli("new-year", source, "--to", "2569")
    assert result.returncode == 1
    assert "measures[1].period: expected 'from' before 'to'" in result.stderr
    assert not (tmp_path / "plan_2569.yaml").exists()


# --- every field of the model: carried over, or changed on purpose (scaffold.CHANGED) -------------

FULL = {
    "progress.yaml": """\
version: 1
agency: {name: เทศบาลตำบลทดสอบ, district: ชุมแพ, province: ขอนแก่น}
fiscal_year: 2568
kind: progress-report
round: 12-months
ita_indicator: O26
show_indicator: true
numerals: arabic
title_numerals: thai
title: [รายงานความก้าวหน้า ประจำปีงบประมาณ พ.ศ. ๒๕๖๘, "", เทศบาลตำบลทดสอบ]
intro: คำนำของรายงาน
signers:
  - {name: นายทดสอบ ใจดี, position: [ปลัดเทศบาล, รักษาราชการแทน], role: ผู้รายงาน}
date: 2568-10-15
ita_results:
  fiscal_year: 2567
  score: 72.40
  indicators: [{name: การเปิดเผยข้อมูล, score: 90.50}]
  weaknesses: [จุดอ่อน]
  improvements: [สิ่งที่ต้องพัฒนา]
measures:
  - title: มาตรการเดียว
    details: [รายละเอียด]
    steps: [ขั้นตอน]
    owner: สำนักปลัด
    period: {from: 2567-10, to: 2568-03}
    results: [ผล]
    outcomes: [ผลลัพธ์]
    status: done
    problems: [ปัญหา]
  - title: มาตรการที่มีกิจกรรม
    activities:
      - title: กิจกรรม
        details: [รายละเอียด]
        steps: [ขั้นตอน]
        owner: กองคลัง
        period: {from: 2567-12, to: 2568-09}
        results: [ผล]
        outcomes: [ผลลัพธ์]
        status: in-progress
        problems: [ปัญหา]
review:
  - path: measures[1].owner
    what: ตรวจผู้รับผิดชอบ
    source: สำนักปลัด/กองคลัง
""",
    "plan.yaml": """\
version: 1
agency: {name: เทศบาลตำบลทดสอบ}
fiscal_year: 2568
kind: measures-plan
measures:
  - {title: มาตรการ, steps: [ขั้นตอน], owner: สำนักปลัด, period: fiscal-year, target: [ร้อยละ ๑๐๐]}
  - title: มาตรการที่มีกิจกรรม
    activities:
      - {title: กิจกรรม, steps: [ขั้นตอน], owner: กองคลัง, period: ปีงบประมาณ, target: [เป้าหมาย]}
""",
    "columns.yaml": """\
version: 1
agency: {name: เทศบาลตำบลทดสอบ}
fiscal_year: 2568
columns:
  - {key: title, header: มาตรการ, width: 2}
  - {key: budget, header: งบประมาณ, type: money, total: true}
  - {key: deadline, header: กำหนดเสร็จ, type: period}
  - {key: results, header: ผล, type: list}
measures:
  - {title: มาตรการ, budget: "15,000", deadline: {from: 2568-01, to: 2568-03}, results: [ผล]}
  - title: มาตรการที่มีกิจกรรม
    activities:
      - {title: กิจกรรม, budget: "๕๐๐", deadline: ต.ค. 67, results: [ผล]}
""",
}


def _models_in(annotation: Any, many: bool = False) -> list[tuple[type[BaseModel], bool]]:
    """The models an annotation holds, and whether inside a list."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [(annotation, many)]
    inner = typing.get_origin(annotation) in (list, tuple)
    return [found for arg in typing.get_args(annotation) for found in _models_in(arg, many or inner)]


def model_paths(cls: type[BaseModel], prefix: str = "") -> set[str]:
    """Every field of a model and of the models inside it: 'agency.name', 'measures[].period.from'."""
    out = set()
    for name, info in cls.model_fields.items():
        path = prefix + (info.alias or name)
        out.add(path)
        for inner, many in _models_in(info.annotation):
            out |= model_paths(inner, f"{path}[]." if many else f"{path}.")
    return out


def leaves(node: Any, path: str = "") -> dict[str, list]:
    """The scalars of loaded data by path ('measures[].steps[]'), in document order."""
    out: dict[str, list] = {}
    if isinstance(node, dict):
        items = [(f"{path}.{key}" if path else str(key), value) for key, value in node.items()]
    elif isinstance(node, list):
        items = [(f"{path}[]", value) for value in node]
    else:
        return {path: [node]}
    out.setdefault(path, [])
    for inner, value in items:
        for key, found in leaves(value, inner).items():
            out.setdefault(key, []).extend(found)
    return out


def uncarried(source: str, result: str, changed: dict[str, str]) -> list[str]:
    """The paths of the source whose values new-year changed though `changed` does not name them
    (both read as itareport reads them: every scalar as the text it is written as)."""
    old, new = load_text(source, "old.yaml").data, load_text(result, "new.yaml").data
    periods = {c["key"] for c in old.get("columns", []) if c.get("type") == "period"}
    before, after = leaves(old), leaves(new)
    out = []
    for path, values in before.items():
        names = {part.removesuffix("[]") for part in path.split(".")}
        if after.get(path, []) != values and not names & (changed.keys() | {k for k in periods if "period" in changed}):
            out.append(path)
    return out


def test_new_year_carries_every_field_of_the_model_or_says_why_not(tmp_path):
    covered = set()
    for name, text in FULL.items():
        source = tmp_path / name
        source.write_text(text, encoding="utf-8")
        result = new_year(source, 2569)
        assert uncarried(text, result.yaml_text, CHANGED) == [], name
        checked = validate_loaded(load_text(result.yaml_text, name))
        assert checked.ok, checked.diagnostics
        covered |= {path.removesuffix("[]") for path in leaves(load_text(text, name).data)}
    # every field of the model is in one of the files above (a new field must be added there, then
    # carried by new-year or named in scaffold.CHANGED)
    assert model_paths(Report) - covered == set()
    # the check fails when a change is not named, or a field is lost
    text = FULL["progress.yaml"]
    result = new_year(tmp_path / "progress.yaml", 2569).yaml_text
    assert uncarried(text, result, {k: v for k, v in CHANGED.items() if k != "date"}) == ["date"]
    assert uncarried(text, result.replace("show_indicator: true\n", ""), CHANGED) == ["show_indicator"]


def test_new_year_moves_the_signing_date_and_every_period_column(tmp_path):
    (tmp_path / "columns.yaml").write_text(FULL["columns.yaml"], encoding="utf-8")
    (tmp_path / "progress.yaml").write_text(FULL["progress.yaml"].replace("2568-10-15", "2567-02-29"),
                                            encoding="utf-8")
    data = yaml.safe_load(new_year(tmp_path / "columns.yaml", 2570).yaml_text)
    assert data["measures"][0]["deadline"] == {"from": "2570-01", "to": "2570-03"}
    assert data["measures"][1]["activities"][0]["deadline"] == {"from": "2569-10", "to": "2569-10"}   # ต.ค. 67
    result = new_year(tmp_path / "progress.yaml", 2569)
    data = yaml.safe_load(result.yaml_text)
    assert data["date"] == "2568-02-28"   # 2567 (2024) is a leap year, 2568 is not
    assert "# ตรวจสอบ: วันที่ลงนามของปีงบประมาณ 2569\ndate: \"2568-02-28\"\n" in result.yaml_text
    assert "ita_results" not in data and data["show_indicator"] is True and data["numerals"] == "arabic"
    assert data["measures"][0]["status"] == "not-started" and "outcomes" not in data["measures"][0]
