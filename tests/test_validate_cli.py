"""Every diagnostic kind through the real CLI: exact text, line, column and exit code."""

import json

import pytest

from helpers import ROOT, VALID, run_cli, without_codes


def check(tmp_path, text, *extra):
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    result = run_cli("validate", "x.yaml", *extra, cwd=tmp_path)
    assert "Traceback" not in result.stdout + result.stderr
    return result.returncode, without_codes(line for line in result.stdout.splitlines() if line.startswith("x.yaml:"))


def test_valid_file_exits_0(tmp_path):
    code, lines = check(tmp_path, VALID)
    assert (code, lines) == (0, [])


@pytest.mark.parametrize("old, new, expected", [
    # required field missing: located at the mapping that lacks it
    ("    owner: สำนักปลัด\n", "",
     "x.yaml:6:5: error: measures[1].owner: required key 'owner' is missing"),
    # wrong type
    ("      - จัดทำคู่มือ\n", "",
     "x.yaml:7:11: error: measures[1].steps: expected a list (lines starting with '- '), got nothing (an empty value)"),
    ("agency:\n  name: เทศบาลตำบลทดสอบ\n", "agency: [เทศบาล]\n",
     "x.yaml:2:9: error: agency: expected a mapping (lines of 'key: value'), got a list"),
    ("    owner: สำนักปลัด", "    owner: [สำนักปลัด]",
     "x.yaml:9:12: error: measures[1].owner: expected text, got a list"),
    # unknown key with a suggestion (and the key it replaced is then missing, reported separately)
    ("    owner: สำนักปลัด", "    ower: สำนักปลัด",
     "x.yaml:6:5: error: measures[1].owner: required key 'owner' is missing\n"
     "x.yaml:9:5: error: measures[1].ower: unknown key 'ower' (did you mean 'owner'?); expected one of: "
     "title, details, steps, owner, period, results, outcomes"),
    # Christian-era years
    ("fiscal_year: 2568", "fiscal_year: 2025",
     "x.yaml:4:14: error: fiscal_year: expected a Buddhist-era year (พ.ศ.), not a Christian-era one, got '2025' "
     "(did you mean 2568?)"),
    ("to: 2568-09}", "to: 2025-09}",
     "x.yaml:10:33: error: measures[1].period.to: expected YYYY-MM in Buddhist era (e.g. 2567-10), got '2025-09' "
     "(did you mean 2568-09?)"),
    # reversed period
    ("{from: 2567-10, to: 2568-09}", "{from: 2568-09, to: 2567-10}",
     "x.yaml:10:13: error: measures[1].period: expected 'from' before 'to', got a period that starts in 2568-09 "
     "and ends in 2567-10 (swap them?)"),
    # empty text
    ("    owner: สำนักปลัด", "    owner: '  '",
     "x.yaml:9:12: error: measures[1].owner: expected text, got an empty text"),
    # control character written as an escape
    ("    owner: สำนักปลัด", '    owner: "สำนัก\\x07ปลัด"',
     "x.yaml:9:12: error: measures[1].owner: control character U+0007 is not allowed in text; delete it"),
    # duplicate keys
    ("fiscal_year: 2568\n", "fiscal_year: 2568\nfiscal_year: 2569\n",
     "x.yaml:5:1: error: fiscal_year: duplicate key 'fiscal_year' (first written at line 4); keep one"),
    # a period that is not a period
    ("{from: 2567-10, to: 2568-09}", "ทุกเดือน",
     "x.yaml:10:13: error: measures[1].period: cannot read the period 'ทุกเดือน'; write the months it covers as "
     "{from: 2567-10, to: 2568-09} (YYYY-MM in B.E.), or 'fiscal-year' for the whole fiscal year"),
])
def test_errors_exit_1_with_exact_location(tmp_path, old, new, expected):
    assert old in VALID
    code, lines = check(tmp_path, VALID.replace(old, new, 1))
    assert code == 1
    assert lines == expected.split("\n")


@pytest.mark.parametrize("old, new, expected", [
    ("[ดำเนินการแล้ว]", "['<p>ดำเนินการแล้ว</p>']",
     "x.yaml:11:15: warning: measures[1].results[1]: found markup '<p>' left over from a web page or Word; "
     "it is printed literally (delete it if it is not meant as text)"),
    ("{from: 2567-10, to: 2568-09}", "{from: 2567-09, to: 2568-09}",
     "x.yaml:10:20: warning: measures[1].period.from: expected a month in fiscal year 2568 (2567-10 to 2568-09), "
     "got '2567-09'"),
    ("    outcomes: [ลดโอกาสการทุจริต]\n", "",
     "x.yaml:6:5: warning: measures[1]: no outcomes yet: fill them in before the report is published"),
])
def test_warnings_exit_0_unless_strict(tmp_path, old, new, expected):
    text = VALID.replace(old, new, 1)
    assert check(tmp_path, text) == (0, [expected])
    assert check(tmp_path, text, "--strict") == (1, [expected])


def test_thai_digits_are_accepted(tmp_path):
    text = VALID.replace("2568\n", "๒๕๖๘\n").replace("{from: 2567-10, to: 2568-09}", "{from: ๒๕๖๗-๑๐, to: ๒๕๖๘-๐๙}")
    assert check(tmp_path, text) == (0, [])


def test_every_problem_at_once_in_line_order(tmp_path):
    text = VALID.replace("fiscal_year: 2568", "fiscal_year: 2025").replace("    owner: สำนักปลัด", "    ower: x")
    code, lines = check(tmp_path, text)
    assert code == 1
    assert [line.split(": ")[0] for line in lines] == ["x.yaml:4:14", "x.yaml:6:5", "x.yaml:9:5"]


def test_json_format(tmp_path):
    (tmp_path / "x.yaml").write_text(VALID.replace("2568\n", "2025\n"), encoding="utf-8")
    result = run_cli("validate", "x.yaml", "--format", "json", cwd=tmp_path)
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["valid"] is False and report["errors"] == 1
    [diag] = report["files"][0]["diagnostics"]
    assert (diag["line"], diag["col"], diag["path"]) == (4, 14, "fiscal_year")


def test_no_argument_checks_data_folder_of_the_repository():
    result = run_cli("validate", cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "OK: 0 errors, 0 warnings in" in result.stdout


def test_usage_and_io_errors_exit_2(tmp_path):
    missing = run_cli("validate", "nope.yaml", cwd=tmp_path)
    assert missing.returncode == 2
    assert "itareport: error: nope.yaml: no such file" in missing.stderr
    no_data = run_cli("validate", cwd=tmp_path)
    assert no_data.returncode == 2 and "no data files here: neither data/*.yaml nor" in no_data.stderr
    bad_option = run_cli("validate", "--frobnicate", cwd=tmp_path)
    assert bad_option.returncode == 2
    for result in (missing, no_data, bad_option):
        assert "Traceback" not in result.stdout + result.stderr


def test_folders_are_expanded_as_build_does(tmp_path):
    folder = tmp_path / "agency"
    folder.mkdir()
    (folder / "a.yaml").write_text(VALID, encoding="utf-8")
    (folder / "b.yml").write_text(VALID.replace("fiscal_year: 2568", "fiscal_year: 2025"), encoding="utf-8")
    (folder / "notes.txt").write_text("not data", encoding="utf-8")
    result = run_cli("validate", folder, cwd=tmp_path)
    assert result.returncode == 1
    assert [line.split(":")[0] for line in result.stdout.splitlines() if line.startswith(str(folder))] == [
        str(folder / "b.yml")]
    assert result.stdout.splitlines()[-1] == "FAILED: 1 error, 0 warnings in 2 files"
    (tmp_path / "empty").mkdir()
    result = run_cli("validate", tmp_path / "empty", cwd=tmp_path)
    assert result.returncode == 2 and "empty: no .yaml data files in this folder" in result.stderr


def test_no_file_uses_data_then_the_data_files_here_and_says_which(tmp_path):
    (tmp_path / "measures_2569.yaml").write_text(VALID, encoding="utf-8")
    (tmp_path / "ci.yaml").write_text("on: push\njobs: {}\n", encoding="utf-8")  # YAML, but no data file
    result = run_cli("validate", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr == "itareport: no FILE given: using measures_2569.yaml\n"
    assert result.stdout.splitlines()[-1] == "OK: 0 errors, 0 warnings in 1 file"
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "x.yaml").write_text(VALID, encoding="utf-8")  # data/ first
    result = run_cli("validate", cwd=tmp_path)
    assert result.stderr == "itareport: no FILE given: using data/x.yaml\n"


def test_lint_accepts_folders(tmp_path):
    folder = tmp_path / "agency"
    folder.mkdir()
    (folder / "a.yaml").write_text(VALID, encoding="utf-8")
    result = run_cli("lint", folder, cwd=tmp_path)
    assert (result.returncode, result.stdout.strip()) == (0, "OK: nothing found in 1 file"), result.stderr
