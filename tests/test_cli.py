"""Command-line habits that don't surprise (issue 11 item 5), through the CLI in-process
(a subprocess only where the process itself is tested: a closed pipe)."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

import itareport
from helpers import DATA, ROOT, VALID, invoke
from itareport.view import builtin_templates

WARNED = VALID.replace("results: [ดำเนินการแล้ว]", "results: []")
BROKEN = VALID.replace("fiscal_year: 2568", "fiscal_year: 2025")


def write(folder: Path, name: str, text: str = VALID) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_version():
    result = invoke("--version")
    assert (result.exit_code, result.stdout) == (0, f"itareport {itareport.__version__}\n")


def test_help_shows_debug_and_readable_metavars():
    for command in ("validate", "build", "lint", "import", "init", "new-year", "schema"):
        text = invoke(command, "--help").stdout
        assert "--debug" in text, command
        assert "<list[Path]>" not in text and "{FILE}" not in text and "<path>" not in text, text
    assert "Usage: itareport validate [OPTIONS] [FILE...]" in invoke("validate", "--help").stdout
    assert "Usage: itareport new-year [OPTIONS] FILE" in invoke("new-year", "--help").stdout
    build = invoke("build", "--help").stdout
    assert "-o, --output FILE|FOLDER/" in build and "--templates FOLDER" in build


def test_lang_after_the_command():
    result = invoke("validate", str(DATA), "--lang", "th")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == "ผ่าน: ข้อผิดพลาด 0 รายการ คำเตือน 0 รายการ ใน 1 ไฟล์"


# --- Thai digits -------------------------------------------------------------------------------

def test_thai_digits_in_year_options(tmp_path):
    result = invoke("init", "--year", "๒๕๖๙", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "data" / "measures_2569.yaml").is_file()
    result = invoke("new-year", DATA, "--to", "๒๕๖๙", "-o", "next/", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert "fiscal_year: 2569" in (tmp_path / "next" / "measures_2569.yaml").read_text(encoding="utf-8")
    result = invoke("new-year", DATA, "--to", "สองห้าหกเก้า", cwd=tmp_path)
    assert result.exit_code == 2
    assert "--to สองห้าหกเก้า: expected a number such as 2569 (Thai digits ๒๕๖๙ are fine too)" in result.stderr


# --- output folders ------------------------------------------------------------------------------

def test_output_folders_are_created(tmp_path):
    write(tmp_path, "data/a.yaml")
    write(tmp_path, "data/b.yaml")
    steps = [
        (("build", "data/a.yaml", "-o", "reports/รายงาน_2568.docx"), "reports/รายงาน_2568.docx"),
        (("build", "data/", "-o", "out"), "out/b.docx"),
        (("build", "data/a.yaml", "-o", "reports/2569/"), "reports/2569/a.docx"),
        (("build", "data/a.yaml", "-o", "win\\"), "win/a.docx"),
        (("init", "-o", "new/data/x.yaml"), "new/data/x.yaml"),
        (("init", "--year", "2570", "-o", "more/"), "more/measures_2570.yaml"),
        (("new-year", "data/a.yaml", "--to", "2569", "-o", "y/2569/"), "y/2569/a_2569.yaml"),
        (("schema", "-o", "schema/itareport.schema.json"), "schema/itareport.schema.json"),
    ]
    for args, made in steps:
        result = invoke(*args, cwd=tmp_path)
        assert result.exit_code == 0, (args, result.stdout, result.stderr)
        assert (tmp_path / made).is_file(), (args, sorted(str(p) for p in tmp_path.rglob("*")))
    assert not (tmp_path / "reports" / "2569.docx").exists()


def test_import_creates_its_folder(tmp_path):
    report = ROOT / "tests" / "data" / "seed_2568.txt"
    result = invoke("import", report, "-o", "data2/x.yaml", cwd=tmp_path)
    assert result.exit_code in (0, 1), result.stderr
    assert (tmp_path / "data2" / "x.yaml").is_file()


def test_build_without_file_builds_every_data_file(tmp_path):
    write(tmp_path, "data/a.yaml")
    write(tmp_path, "data/b.yaml")
    result = invoke("build", "-f", "md", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[:2] == ["wrote a.md", "wrote b.md"]
    assert result.stdout.splitlines()[2].startswith("OK: built 2 of 2 data files, 2 files written in ")
    assert result.stderr == "itareport: no FILE given: using data/a.yaml, data/b.yaml\n"
    empty = tmp_path / "empty"
    empty.mkdir()
    result = invoke("build", cwd=empty)
    assert result.exit_code == 2
    assert "no data files here: neither data/*.yaml nor a data file (.yaml with version: and measures:) in this " \
           "folder; name the data file, e.g. itareport build data/measures_2568.yaml" in result.stderr


# --- --check --------------------------------------------------------------------------------------

@pytest.mark.parametrize("options", [
    ("-o", "out/"),
    ("-o", "out/report.md", "-f", "md"),
    ("-f", "md,html", "--templates", "mine"),
])
def test_check_hint_is_the_command_that_rebuilds(tmp_path, options):
    write(tmp_path, "data/a.yaml")
    (tmp_path / "mine").mkdir()
    result = invoke("build", "data/a.yaml", *options, "--check", cwd=tmp_path)
    assert result.exit_code == 1
    hint = result.stderr.splitlines()[0]
    assert hint.startswith("missing: ") and "(run: itareport build data/a.yaml" in hint
    command = shlex.split(hint.split("(run: ", 1)[1].rstrip(")"))
    assert command[:2] == ["itareport", "build"]
    rebuilt = invoke(*command[1:], cwd=tmp_path)
    assert rebuilt.exit_code == 0, rebuilt.stdout + rebuilt.stderr
    result = invoke("build", "data/a.yaml", *options, "--check", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("OK: ")


def test_reference_doc_is_kept_in_the_hint(tmp_path):
    write(tmp_path, "a.yaml")
    invoke("build", "a.yaml", "-o", "letterhead.docx", cwd=tmp_path)
    result = invoke("build", "a.yaml", "--reference-doc", "letterhead.docx", "--check", cwd=tmp_path)
    assert "(run: itareport build a.yaml --reference-doc letterhead.docx)" in result.stderr


# --- summaries that say what happened -------------------------------------------------------

def test_missing_input_is_reported_as_missing(tmp_path):
    result = invoke("validate", "nothere.yaml", cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stderr == "itareport: error: nothere.yaml: no such file\n"
    assert result.stdout == "FAILED: nothing checked: 1 file could not be read\n"
    write(tmp_path, "x.yaml", BROKEN)
    result = invoke("validate", "x.yaml", "nothere.yaml", cwd=tmp_path)
    assert result.stdout.splitlines()[-1] == ("FAILED: 1 file could not be read; 1 error, 0 warnings in the "
                                              "other 1 file")


def test_strict_failures_say_they_were_warnings(tmp_path):
    write(tmp_path, "x.yaml", WARNED)
    result = invoke("validate", "x.yaml", "--strict", cwd=tmp_path)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == ("FAILED (--strict: warnings count as errors): 0 errors, 1 warning "
                                              "in 1 file")
    result = invoke("build", "x.yaml", "--strict", cwd=tmp_path)
    assert result.exit_code == 1
    assert "itareport: x.yaml: not built: --strict counts the warnings above as errors" in result.stderr
    assert "fix the errors above" not in result.stderr
    result = invoke("build", "x.yaml", "--strict", "--check", cwd=tmp_path)
    assert "itareport: x.yaml: not checked: --strict counts the warnings above as errors" in result.stderr
    write(tmp_path, "y.yaml", BROKEN)
    result = invoke("build", "y.yaml", "--check", cwd=tmp_path)
    assert "itareport: y.yaml: not checked: fix the errors above" in result.stderr


def test_nothing_built_is_said(tmp_path):
    write(tmp_path, "data/a.yaml", BROKEN)
    write(tmp_path, "data/b.yaml", BROKEN)
    result = invoke("build", "data", "-o", "out/", cwd=tmp_path)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1].startswith("FAILED: built 0 of 2 data files, 0 files written, 2 not made in ")


# --- templates ----------------------------------------------------------------------------------

def test_templates_export_writes_the_built_in_set(tmp_path):
    result = invoke("templates", "export", "แม่แบบ/", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    folder = tmp_path / "แม่แบบ"
    names = sorted(p.name for p in folder.iterdir())
    assert {"base.docx", "title.txt.j2", "intro.txt.j2", "columns.txt.j2", "signature.txt.j2",
            "report.html.j2"} <= set(names)
    for name in names:
        assert (folder / name).read_bytes() == (builtin_templates() / name).read_bytes()
    again = invoke("templates", "export", "แม่แบบ", cwd=tmp_path)
    assert again.exit_code == 2 and "add --force to replace them" in again.stderr
    assert invoke("templates", "export", "แม่แบบ", "--force", cwd=tmp_path).exit_code == 0


def test_template_error_names_the_template_file_and_line(tmp_path):
    invoke("templates", "export", "mine", cwd=tmp_path)
    title = tmp_path / "mine" / "title.txt.j2"
    lines = title.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines, 1) if "{% for line in title %}" in line)
    title.write_text("\n".join(lines).replace("{% for line in title %}", "{% for line in standard.titel %}", 1)
                     + "\n", encoding="utf-8")
    write(tmp_path, "a.yaml")
    result = invoke("build", "a.yaml", "--templates", "mine", cwd=tmp_path)
    assert result.exit_code == 2
    assert (f"mine/title.txt.j2:{number}: template error: the template uses a value it is not given (Jinja2: "
            "'itareport.kinds.Standard object' has no attribute 'titel')") in result.stderr


# --- a closed pipe -----------------------------------------------------------------------------

@pytest.mark.parametrize("extra", [(), ("--format", "json")])
def test_closed_stdout_ends_quietly(tmp_path, extra):
    many = VALID.replace("results: [ดำเนินการแล้ว]", "results: [" + ", ".join(["'<b>ผล</b>'"] * 3000) + "]")
    write(tmp_path, "x.yaml", many)
    env = {**os.environ, "CI": "true", "PYTHONIOENCODING": "utf-8", "ITAREPORT_LANG": "en"}
    process = subprocess.Popen([sys.executable, "-m", "itareport", "validate", "x.yaml", *extra], cwd=tmp_path,
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = process.stdout.readline()   # `| head -n 1`
    process.stdout.close()
    stderr = process.stderr.read().decode()
    code = process.wait(timeout=120)
    assert first
    assert stderr == "", stderr
    assert code == 0   # warnings only: the normal code
