"""`itareport new-year`: next year's file from this year's; the old file untouched."""

import hashlib

import yaml

from conftest import DATA, run_cli
from itareport.validate import validate_file

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
    assert result.stdout.strip() == f"wrote {target}"
    assert source.read_bytes() == before
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert data["fiscal_year"] == 2570
    assert [m["period"] for m in data["measures"]] == [
        {"from": "2569-10", "to": "2570-03"}, {"from": "2569-10", "to": "2570-09"},
        {"from": "2570-09", "to": "2570-09"}, "fiscal-year", {"from": "2570-10", "to": "2570-11"}]
    outside = [d for d in validate_file(target).diagnostics if "expected a month in fiscal year" in d.message]
    assert [d.path for d in outside] == ["measures[5].period.from", "measures[5].period.to"]


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
