"""Thai all the way (issue 23 item 5): every command's error paths in Thai carry no English word outside
codes, paths, option names, placeholders and quoted data; Click's own errors (missing argument, no such
option, the usage line, "Try ... for help") come through our catalog; --lang with an unknown value is
a warning in both languages; the command list keeps each whole summary."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from helpers import DATA, VALID, invoke

THAI = re.compile("[\u0e01-\u0e5b]")
# What an error line may keep in Latin letters: the program and command names, placeholders of the usage
# line, the formats and languages as typed, and the keys of a data file.
ALLOWED = {
    "itareport", "validate", "build", "lint", "import", "init", "new-year", "schema", "templates", "export",
    "OPTIONS", "COMMAND", "ARGS", "FILE", "REPORT", "FOLDER", "YEAR",
    "docx", "pdf", "html", "md", "text", "json", "github", "sarif", "yaml", "yml", "txt", "csv", "xlsx",
    "measures-report", "measures-plan", "progress-report", "columns", "th", "en", "version", "measures",
    "Word",  # the program's name, as the Thai messages write it
}
NOT_WORDS = [
    re.compile(r"'[^']*'|\"[^\"]*\""),              # quoted data (what the user typed)
    re.compile(r"\[ITA\d{3}\]"),                      # codes
    re.compile(r"(?<!\S)--?[A-Za-z][\w-]*(=\S*)?"),   # option names
    re.compile(r"\S*[/\\]\S*|\S+\.[A-Za-z0-9]{1,5}(?!\w)"),  # paths and file names
]


def english_words(text: str, typed: tuple = ()) -> list[str]:
    """The English words left once codes, options, paths, placeholders and what the user typed are taken out."""
    for pattern in NOT_WORDS:
        text = pattern.sub(" ", text)
    data = {word for arg in typed for word in re.findall(r"[A-Za-z][A-Za-z-]*", str(arg))}
    return [w for w in re.findall(r"[A-Za-z][A-Za-z-]*", text) if w not in ALLOWED | data]


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """A folder with a data file, its near-miss name, a folder named like a report, existing outputs."""
    here = tmp_path_factory.mktemp("thai")
    (here / "my_2569.yaml").write_text(VALID, encoding="utf-8")
    (here / "folder.docx").mkdir()
    (here / "exists.yaml").write_text(VALID, encoding="utf-8")
    (here / "afile").write_text("", encoding="utf-8")
    assert invoke("templates", "export", "tpl", cwd=here).exit_code == 0
    (here / "empty").mkdir()
    return here


CASES = {
    "missing argument": ["import"],
    "missing option": ["new-year", DATA],
    "option without its value": ["new-year", DATA, "--to"],
    "no such option": ["build", "--bogus"],
    "no such option, near miss": ["build", DATA, "--chek"],
    "no such command": ["buidl"],
    "unexpected extra argument": ["init", "extra"],
    "a flag given a value": ["validate", "--strict=yes", DATA],
    "bad --format of validate": ["validate", "--format", "xml", DATA],
    "bad --format of build": ["build", DATA, "-f", "xls"],
    "bad --jobs": ["build", DATA, "--jobs", "0"],
    "a Christian-era --year": ["init", "--year", "2026"],
    "a --year that is no number": ["init", "--year", "สองห้า"],
    "bad --kind": ["init", "--kind", "report"],
    "bad --to": ["new-year", DATA, "--to", "x"],
    "missing file, validate": ["validate", "my_2596.yaml"],
    "missing file, build": ["build", "my_2596.yaml"],
    "missing file, lint": ["lint", "my_2596.yaml"],
    "missing file, new-year": ["new-year", "my_2596.yaml", "--to", "2570"],
    "missing report, import": ["import", "report_2568.docx"],
    "a folder for a report": ["import", "folder.docx"],
    "no data files here": ["validate", "empty/"],
    "existing output without --force": ["init", "-o", "exists.yaml"],
    "templates already there": ["templates", "export", "tpl"],
    "an output folder that is a file": ["build", "my_2569.yaml", "-o", "afile/"],
    "an output under a file": ["schema", "-o", "afile/x.json"],
    "-o a file with several inputs": ["build", "my_2569.yaml", "exists.yaml", "-o", "out.docx"],
    "missing templates folder": ["build", "my_2569.yaml", "--templates", "nothere"],
    "missing reference document": ["build", "my_2569.yaml", "--reference-doc", "nothere.docx"],
    "output over the input": ["new-year", "my_2569.yaml", "--to", "2570", "-o", "my_2569.yaml"],
}
if sys.platform.startswith("linux"):
    CASES["a folder the system refuses"] = ["schema", "-o", "/proc/itareport/x.json"]
    CASES["an unreadable file"] = ["validate", "/proc/self/mem"]  # reading it fails with EIO, even as root


@pytest.mark.parametrize("name", CASES)
def test_error_paths_in_thai_have_no_english(folder, name):
    result = invoke(*CASES[name], lang="th", cwd=folder)
    output = result.stdout + result.stderr
    assert result.exit_code == 2, (name, output)
    assert THAI.search(output), (name, output)
    assert english_words(output, CASES[name]) == [], (name, output)
    assert "Traceback" not in output


def test_the_sweep_catches_english(folder):
    """The check can fail: the same errors in English are full of English words."""
    for args in (CASES["missing argument"], CASES["missing file, validate"], CASES["bad --jobs"]):
        result = invoke(*args, lang="en", cwd=folder)
        assert english_words(result.stdout + result.stderr, args), args


def test_clicks_errors_in_thai_word_for_word(folder):
    result = invoke("import", lang="th", cwd=folder)
    assert result.stderr == ("วิธีใช้: itareport import [OPTIONS] REPORT\n"
                             "ดูคำอธิบายด้วย 'itareport import --help'\n\n"
                             "ผิดพลาด: ยังไม่ได้ระบุ REPORT\n")
    result = invoke("build", DATA, "--chek", lang="th", cwd=folder)
    assert result.stderr.splitlines()[-1] == "ผิดพลาด: ไม่มีตัวเลือก --chek (หมายถึง --check, --check-format, --help หรือไม่)"
    result = invoke("buidl", lang="th", cwd=folder)
    assert result.stderr.splitlines()[-1] == "ผิดพลาด: ไม่มีคำสั่ง 'buidl' (หมายถึง build หรือไม่)"
    english = invoke("import", lang="en", cwd=folder)
    assert english.stderr == ("Usage: itareport import [OPTIONS] REPORT\n"
                              "Try 'itareport import --help' for help.\n\n"
                              "Error: missing argument REPORT\n")


def test_missing_file_suggests_the_name_beside_it(folder):
    result = invoke("validate", "my_2596.yaml", lang="th", cwd=folder)
    assert result.stderr == "itareport: ข้อผิดพลาด: my_2596.yaml: ไม่พบไฟล์นี้ (หมายถึง my_2569.yaml หรือไม่)\n"
    result = invoke("build", folder / "my_2596.yaml", cwd=folder)
    assert f"{folder / 'my_2596.yaml'}: no such file (did you mean {folder / 'my_2569.yaml'}?)" in result.stderr


def test_unknown_lang_is_a_warning_in_both_languages(folder):
    result = invoke("validate", "my_2569.yaml", "--lang", "jp", cwd=folder)
    assert result.exit_code == 0
    assert result.stderr.splitlines()[:2] == [
        "itareport: คำเตือน: --lang jp: ไม่รู้จักภาษานี้ ต้องเป็น th (ไทย) หรือ en (อังกฤษ)",
        "itareport: warning: --lang jp: unknown language; expected th (Thai) or en (English)"]


def test_unknown_lang_falls_back_to_the_environment(folder):
    result = invoke("validate", "my_2569.yaml", "--lang", "jp", env={"ITAREPORT_LANG": "th"}, cwd=folder)
    assert result.stdout.splitlines()[-1].startswith("ผ่าน: ")


@pytest.mark.parametrize("lang", ["th", "en"])
def test_help_lists_each_whole_summary(lang):
    from itareport.cli import COMMANDS
    from itareport.i18n import set_language, translation

    help_text = invoke("--help", lang=lang).stdout
    commands = help_text.split("\nCommands:\n" if lang == "en" else "\nคำสั่ง:\n")[1]
    assert "..." not in commands and "…" not in commands
    text = "".join(commands.split())  # wrapped lines (click breaks after a hyphen too) joined
    for _name, _callback, help_text in COMMANDS:
        summary = "".join(translation(lang).gettext(help_text).split("\n\n")[0].split())
        assert summary in text, summary
    set_language("en")


def test_typer_and_click_are_not_patched():
    """Translation goes through public hooks (cls=, overridden public methods): no private attribute of
    Typer or Click is rebound anywhere in the package or the test helpers."""
    from helpers import ROOT

    sources = [*sorted((ROOT / "src" / "itareport").rglob("*.py")), ROOT / "tests" / "conftest.py", *sorted((ROOT / "tests" / "helpers").glob("*.py"))]
    text = "\n".join(path.read_text(encoding="utf-8") for path in sources)
    for private in ("_get_command", "_rich_display_name", "_usage_display_name", "module._ =", "typer._click",
                    "format_usage =", "get_help_option ="):
        assert private not in text, private
