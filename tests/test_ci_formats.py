"""The CI formats of validate, lint and build --check (issue 24 item 1): golden outputs of text, json,
github and sarif for a file with errors and warnings under a Thai path with a comma, a colon and a
space; the SARIF checked against the official SARIF 2.1.0 JSON Schema (tests/data, see its .source.txt);
the workflow commands' escaping read back as the runner reads it; paths relative to the repository
root; stale and missing reports as errors on the data file; no colour or progress bar in a terminal.

To write the golden files again after an intended change: ITAREPORT_UPDATE_GOLDEN=1 pytest this file,
then read the diff."""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

import jsonschema
import pytest

from helpers import ROOT, TEST_DATA, VALID, readme_x_yaml, run_cli, run_in_terminal
from itareport.errors import Diagnostic
from itareport.output.github import escape_data, escape_property, render_github
from itareport.output.paths import relative_to_root, repository_root
from itareport.output.sarif import render_sarif

GOLDEN = TEST_DATA / "ci"
SCHEMA_FILE = TEST_DATA / "sarif-schema-2.1.0.json"
SCHEMA_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"
FOLDER = "ข้อมูล, ปี: 2568"          # a comma, a colon, spaces and Thai: all must survive every format
NAME = f"{FOLDER}/เทศบาล ก.yaml"
# Two errors of the schema, an unknown key (with the missing key it stood for) and a warning.
SAMPLE = (VALID.replace("fiscal_year: 2568", "fiscal_year: 2025")
          .replace("    owner: สำนักปลัด", "    ower: สำนักปลัด")
          .replace("[ดำเนินการแล้ว]", "['<p>ดำเนินการแล้ว</p>']"))


@pytest.fixture
def repo(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)  # as on a machine of our own, in a workflow too
    (tmp_path / ".git").mkdir()  # the repository root the paths are relative to
    (tmp_path / FOLDER).mkdir()
    (tmp_path / NAME).write_text(SAMPLE, encoding="utf-8")
    return tmp_path


def schema_validator() -> jsonschema.Draft4Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema)


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("ITAREPORT_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("output_format", ["text", "json", "github", "sarif"])
def test_golden_output_of_validate(repo, output_format):
    result = run_cli("validate", NAME, "--format", output_format, cwd=repo)
    assert result.returncode == 1
    check_golden(f"validate.{output_format}", result.stdout)
    if output_format == "github":
        assert result.stderr == "FAILED: 3 errors, 1 warning in 1 file\n"  # the log's summary, apart
    if output_format in ("json", "sarif"):
        assert result.stderr == ""


def test_the_golden_files_say_what_they_should():
    """Read by hand once; pinned here so a regenerated golden file cannot drift unnoticed."""
    github = (GOLDEN / "validate.github").read_text(encoding="utf-8").splitlines()
    assert github[0] == ("::error file=ข้อมูล%2C ปี%3A 2568/เทศบาล ก.yaml,line=4,col=14,endColumn=17,title=ITA211::"
                         "fiscal_year: expected a Buddhist-era year (พ.ศ.), not a Christian-era one, got '2025' "
                         "(did you mean 2568?)")
    assert [re.match(r"::(\w+) .*title=(ITA\d+)::", line).groups() for line in github] == [
        ("error", "ITA211"), ("error", "ITA202"), ("error", "ITA203"), ("warning", "ITA303")]
    sarif = json.loads((GOLDEN / "validate.sarif").read_text(encoding="utf-8"))
    [run] = sarif["runs"]
    first = run["results"][0]
    assert first["ruleId"] == "ITA211" and first["level"] == "error"
    assert first["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "%E0%B8%82%E0%B9%89%E0%B8%AD%E0%B8%A1%E0%B8%B9%E0%B8%A5%2C%20%E0%B8%9B%E0%B8%B5"
                                    "%3A%202568/%E0%B9%80%E0%B8%97%E0%B8%A8%E0%B8%9A%E0%B8%B2%E0%B8%A5%20%E0%B8%81.yaml",
                             "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 4, "startColumn": 14, "endColumn": 18}}  # '2025': columns 14-17, end exclusive
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert sorted(rules) == ["ITA202", "ITA203", "ITA211", "ITA303"]
    assert rules["ITA211"]["shortDescription"]["text"] == "a year that is not a Buddhist-era year"
    assert rules["ITA211"]["properties"]["shortDescription.th"] == "ปีไม่ใช่ปี พ.ศ."
    assert [rules[r["ruleId"]] is run["tool"]["driver"]["rules"][r["ruleIndex"]] for r in run["results"]] == [True] * 4
    text = (GOLDEN / "validate.text").read_text(encoding="utf-8")
    assert text.startswith(f"{NAME}:4:14: error: fiscal_year: expected a Buddhist-era year")
    data = json.loads((GOLDEN / "validate.json").read_text(encoding="utf-8"))
    assert data["files"][0]["diagnostics"][0]["end_col"] == 17


def test_sarif_is_valid_against_the_official_schema(repo):
    assert hashlib.sha256(SCHEMA_FILE.read_bytes()).hexdigest() == SCHEMA_SHA256
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert schema["id"] == "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    validator = schema_validator()
    document = json.loads(run_cli("validate", NAME, "--format", "sarif", cwd=repo).stdout)
    assert list(validator.iter_errors(document)) == []
    # the check can fail: a level SARIF does not know, a line 0
    document["runs"][0]["results"][0]["level"] = "fatal"
    document["runs"][0]["results"][1]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    assert len(list(validator.iter_errors(document))) == 2


def test_sarif_of_a_file_that_cannot_be_read_and_of_a_clean_file(repo):
    (repo / "ok.yaml").write_text(VALID, encoding="utf-8")
    clean = run_cli("validate", "ok.yaml", "--format", "sarif", cwd=repo)
    missing = run_cli("validate", "ok.yaml", "nope.yaml", "--format", "sarif", cwd=repo)
    assert (clean.returncode, missing.returncode) == (0, 2)
    for result in (clean, missing):
        assert list(schema_validator().iter_errors(json.loads(result.stdout))) == []
    [run] = json.loads(missing.stdout)["runs"]
    assert run["results"] == [] and run["invocations"][0]["executionSuccessful"] is False
    assert run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"] == "nope.yaml: no such file (did you mean ok.yaml?)"
    assert json.loads(clean.stdout)["runs"][0]["invocations"] == [{"executionSuccessful": True}]


# --- github: the escaping, read back as the runner reads a command ------------------------------------

def unescape(text: str) -> str:
    for escaped, plain in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(escaped, plain)
    return text


def read_command(line: str) -> tuple[str, dict[str, str], str]:
    """A workflow command as the runner splits it: the name up to a space, the properties up to '::'
    split at ',' and at the first '=', then the message."""
    assert line.startswith("::")
    head, message = line[2:].split("::", 1)
    name, _, listed = head.partition(" ")
    properties = dict(item.split("=", 1) for item in listed.split(",")) if listed else {}
    return name, {k: unescape(v) for k, v in properties.items()}, unescape(message)


def test_escaping_survives_the_runner(tmp_path):
    assert escape_data("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext: a, b"
    assert escape_property("a%b\r\n:c,d") == "a%25b%0D%0A%3Ac%2Cd"
    name = tmp_path / "ทะเบียน, งาน: 50% ของ ปี.yaml"
    d = Diagnostic(str(name), 3, 7, "warning", "measures[2].results[1]",
                   "found '50%,\ndone: yes' ::error file=x::injected", "ITA303", 12)
    [line] = render_github([d], root=tmp_path).splitlines()
    assert line.startswith("::warning file=") and "\n" not in line  # one line: no command can start inside it
    assert read_command(line) == ("warning", {
        "file": "ทะเบียน, งาน: 50% ของ ปี.yaml", "line": "3", "col": "7", "endColumn": "12", "title": "ITA303"},
        "measures[2].results[1]: found '50%,\ndone: yes' ::error file=x::injected")
    no_end = Diagnostic(str(name), 3, 7, "error", "", "x", "ITA211")
    assert read_command(render_github([no_end], root=tmp_path).strip())[1]["endColumn"] == "7"
    assert render_github([], ["a.yaml: no such file"], root=tmp_path) == "::error title=itareport::a.yaml: no such file\n"


def test_paths_are_relative_to_the_repository_root(tmp_path, monkeypatch):
    top, sub = tmp_path / "repo", tmp_path / "repo" / "agencies" / "ก"
    sub.mkdir(parents=True)
    assert repository_root({}, sub) == sub  # no .git anywhere above: the current folder
    (top / ".git").mkdir()
    assert repository_root({}, sub) == top
    (top / ".git").rmdir()
    (top / ".git").write_text("gitdir: /elsewhere\n", encoding="utf-8")  # a worktree's .git is a file
    assert repository_root({}, sub) == top
    assert repository_root({"GITHUB_WORKSPACE": str(tmp_path)}, sub) == tmp_path
    assert relative_to_root(str(sub / "x.yaml"), top) == "agencies/ก/x.yaml"
    assert relative_to_root(str(tmp_path / "x.yaml"), top) == (tmp_path / "x.yaml").as_posix()  # outside: as given
    d = Diagnostic(str(sub / "x.yaml"), 1, 1, "error", "", "m", "ITA201")
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    monkeypatch.chdir(sub)
    in_repo = render_github([Diagnostic("x.yaml", 1, 1, "error", "", "m", "ITA201")])
    assert "file=agencies/ก/x.yaml," in in_repo
    artifact = json.loads(render_sarif([d], root=top))["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert artifact["artifactLocation"]["uri"] == "agencies/%E0%B8%81/x.yaml"


# --- the other commands, bad formats, terminals -----------------------------------------------------

def test_build_check_reports_stale_and_missing_reports_on_the_data_file(repo):
    data = repo / "data" / "a.yaml"
    data.parent.mkdir()
    data.write_text(VALID, encoding="utf-8")
    assert run_cli("build", "data", "-o", "reports/", "-f", "docx,md", cwd=repo).returncode == 0
    data.write_text(VALID.replace("สำนักปลัด", "กองคลัง"), encoding="utf-8")
    check = ["build", "data", "-o", "reports/", "-f", "docx,md,html", "--check", "--check-format"]
    github = run_cli(*check, "github", cwd=repo)
    assert github.returncode == 1
    command = "itareport build data/a.yaml -o reports/ -f docx,md,html"
    assert github.stdout.splitlines() == [
        f"::error file=data/a.yaml,line=1,col=1,endColumn=1,title=ITA701::stale: reports/a.docx (run: {command})",
        f"::error file=data/a.yaml,line=1,col=1,endColumn=1,title=ITA701::stale: reports/a.md (run: {command})",
        f"::error file=data/a.yaml,line=1,col=1,endColumn=1,title=ITA702::missing: reports/a.html (run: {command})"]
    sarif = json.loads(run_cli(*check, "sarif", cwd=repo).stdout)
    assert list(schema_validator().iter_errors(sarif)) == []
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["ITA701", "ITA701", "ITA702"]
    as_json = json.loads(run_cli(*check, "json", cwd=repo).stdout)
    assert (as_json["valid"], as_json["errors"], as_json["files"][0]["file"]) == (False, 3, "data/a.yaml")
    assert run_cli("build", "data", "-o", "reports/", "-f", "docx,md", "--check", "--check-format", "github",
                   cwd=repo).returncode == 1  # still stale
    assert run_cli("build", "data", "-o", "reports/", "-f", "docx,md", cwd=repo).returncode == 0
    fresh = run_cli("build", "data", "-o", "reports/", "-f", "docx,md", "--check", "--check-format", "github",
                    cwd=repo)
    assert (fresh.returncode, fresh.stdout) == (0, "")
    # invalid data: its diagnostics, as validate gives them
    data.write_text(SAMPLE, encoding="utf-8")
    invalid = run_cli(*check, "github", cwd=repo)
    assert invalid.returncode == 1 and "title=ITA211::fiscal_year" in invalid.stdout


def test_lint_speaks_the_ci_formats(repo):
    (repo / "typo.yaml").write_text(VALID.replace("จัดทำคู่มือ", "จัดทำคู่มืือ"), encoding="utf-8")
    github = run_cli("lint", "typo.yaml", "--format", "github", cwd=repo)
    assert github.returncode == 1
    [line] = github.stdout.splitlines()
    name, properties, message = read_command(line)
    assert (name, properties["file"], properties["line"]) == ("warning", "typo.yaml", "8")
    assert message.startswith("measures[1].steps[1]: ")
    assert properties["title"].startswith("ITA4") and int(properties["endColumn"]) > int(properties["col"])
    sarif = json.loads(run_cli("lint", "typo.yaml", "--format", "sarif", cwd=repo).stdout)
    assert list(schema_validator().iter_errors(sarif)) == []
    (repo / "clean.yaml").write_text(VALID, encoding="utf-8")
    clean = run_cli("lint", "clean.yaml", "--format", "json", cwd=repo)
    assert (clean.returncode, json.loads(clean.stdout)["warnings"]) == (0, 0)


@pytest.mark.parametrize("args", [["validate", "x.yaml", "--format", "xml"], ["lint", "x.yaml", "--format", "xml"],
                                  ["build", "x.yaml", "--check", "--check-format", "xml"]])
def test_an_unknown_format_lists_the_allowed_ones(tmp_path, args):
    result = run_cli(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.endswith("xml: expected one of text, json, github, sarif\n")


def test_check_format_without_check_is_a_usage_error(tmp_path):
    result = run_cli("build", "x.yaml", "--check-format", "sarif", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (2, "itareport: error: --check-format sarif: only with --check "
                                                     "(add --check)\n")


def test_a_terminal_gets_no_colour_or_progress_bar_in_the_ci_formats(repo):
    """Two real processes on a pseudo-terminal, where text would be coloured and a batch gets a progress bar."""
    for name in ("a", "b"):
        (repo / f"{name}.yaml").write_text(VALID, encoding="utf-8")
    code, output = run_in_terminal(["build", "a.yaml", "b.yaml", "--check", "--check-format", "sarif"], repo)
    assert code == 1 and "\x1b" not in output
    results = json.loads(output.replace("\r\n", "\n"))["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["ITA702", "ITA702"]
    code, output = run_in_terminal(["validate", NAME, "--format", "github"], repo)
    assert code == 1 and "\x1b" not in output
    assert [line.split(" ")[0] for line in output.splitlines()] == [
        "::error", "::error", "::error", "::warning", "FAILED:"]


def test_readme_annotation_lines_are_real(tmp_path, monkeypatch):
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    (tmp_path / ".git").mkdir()
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "x.yaml").write_text(readme_x_yaml(), encoding="utf-8")
    result = run_cli("validate", "data/x.yaml", "--format", "github", "--lang", "th", cwd=tmp_path)
    assert result.returncode == 1
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = re.search(r"\$ itareport validate data/x\.yaml --format github --lang th\n(.*?)```", readme, re.S).group(1)
    assert result.stdout == shown
    assert '<a name="codes"></a>' in readme  # where each SARIF rule's helpUri points (HOME_PAGE#codes)
