"""Messages rendered where they are printed (messages.py, codes.py, errors.py): one object, any language;
diagnostics and errors cross process boundaries as codes and arguments; every template of the registry
formats with the arguments its call sites give."""

from __future__ import annotations

import ast
import io
import json
import multiprocessing
import pickle
import string
import subprocess
import sys

import pytest

from helpers import CLI_ENV, DATA, ROOT, invoke, make_letterhead
from itareport import codes
from itareport.build import Outcome, worker_pool
from itareport.console import Printer, print_batch_end, print_outcome
from itareport.errors import DataError, Diagnostic, InputError
from itareport.i18n import language, set_language
from itareport.loader import load_text
from itareport.messages import M_, Message, Mn_, joined, verbatim
from itareport.render import pdf
from itareport.validate import validate_loaded

PACKAGE = ROOT / "src" / "itareport"


@pytest.fixture(autouse=True)
def _language_back():
    before = language()
    yield
    set_language(before)


def _year_diagnostic() -> Diagnostic:
    [d] = [d for d in validate_loaded(load_text("version: 1\nagency: {name: x}\nfiscal_year: 2025\nmeasures: []\n",
                                                 "x.yaml")).diagnostics if d.code == "ITA211"]
    return d


def test_one_diagnostic_renders_in_both_languages():
    d = _year_diagnostic()
    assert d.format(language="en") == ("x.yaml:3:14: error: fiscal_year: expected a Buddhist-era year (พ.ศ.), not a "
                                       "Christian-era one, got '2025' (did you mean 2568?) [ITA211]")
    assert d.format(language="th") == ("x.yaml:3:14: ข้อผิดพลาด: fiscal_year: ต้องเป็นปี พ.ศ. ไม่ใช่ปี ค.ศ. แต่พบ '2025' "
                                       "(หมายถึง 2568 หรือไม่) [ITA211]")
    duplicate = load_text("a: 1\na: 2\n", "d.yaml").diagnostics[0]
    assert (duplicate.code, duplicate.render("en"), duplicate.render("th")) == (
        "ITA107", "duplicate key 'a' (first written at line 1); keep one",
        "หัวข้อ 'a' ซ้ำ (เขียนไว้แล้วที่บรรทัด 1) ให้เหลือไว้อันเดียว")


def test_nested_plural_and_joined_messages():
    missing = M_("{name}: no such file", name="x.yaml") + M_(" (did you mean {names}?)", names="y.yaml")
    assert missing.render("en") == "x.yaml: no such file (did you mean y.yaml?)"
    assert missing.render("th") == "x.yaml: ไม่พบไฟล์นี้ (หมายถึง y.yaml หรือไม่)"
    assert [Mn_("{n} file", "{n} files", n).render("en") for n in (1, 2)] == ["1 file", "2 files"]
    assert Mn_("{n} file", "{n} files", 2).render("th") == "2 ไฟล์"
    assert joined([M_("error"), verbatim("{not a field}")], " / ").render("th") == "ข้อผิดพลาด / {not a field}"


def test_made_in_one_language_printed_in_another():
    set_language("en")
    d = _year_diagnostic()
    error = InputError(M_("{name}: no such file", name="x.yaml"))
    set_language("th")
    stream = io.StringIO()
    printer = Printer(stream)
    printer.diagnostic(d)
    printer.line(error.message)
    printed = stream.getvalue().splitlines()
    assert printed[0] == d.format(language="th") and "ข้อผิดพลาด" in printed[0]
    assert printed[-1] == "x.yaml: ไม่พบไฟล์นี้"
    assert d.message == d.render("th") and str(error) == "x.yaml: ไม่พบไฟล์นี้"
    assert str(DataError([d])) == d.format(language="th")


def test_diagnostics_and_errors_pickle_as_codes_and_arguments():
    d = _year_diagnostic()
    error = DataError([d])
    outcome = Outcome(DATA, error=M_("{name}: no such file", name="x"), error_diagnostics=[d],
                      notes=[M_("font {font} is not installed: LibreOffice substitutes another font in the PDF",
                                font="TH SarabunPSK")])
    again = pickle.loads(pickle.dumps((d, error, outcome)))
    assert again[0] == d and again[0].code == "ITA211" and again[0].text.msgid == d.text.msgid
    assert again[1].diagnostics == [d] and type(again[1]) is DataError
    assert again[2].notes == outcome.notes
    set_language("th")
    err = io.StringIO()
    print_outcome(again[2], Printer(io.StringIO()), Printer(err), False, set(), lambda _source: "")
    assert "ไม่ได้ติดตั้งฟอนต์ TH SarabunPSK: LibreOffice จะใช้ฟอนต์อื่นแทนใน PDF" in err.getvalue()
    assert "is not installed" not in err.getvalue()
    print_batch_end([again[2]], Printer(io.StringIO()), Printer(err), False, 1)


def test_json_has_location_code_and_the_message_in_the_chosen_language(tmp_path):
    (tmp_path / "x.yaml").write_text("version: 1\nagency: {name: x}\nfiscal_year: 2025\nmeasures: []\n",
                                     encoding="utf-8")
    for lang, words in (("en", "expected a Buddhist-era year"), ("th", "ต้องเป็นปี พ.ศ.")):
        result = invoke("validate", "x.yaml", "--format", "json", lang=lang, cwd=tmp_path)
        first = json.loads(result.stdout)["files"][0]["diagnostics"][0]
        assert list(first) == ["file", "line", "col", "end_col", "severity", "path", "message", "code"]
        assert (first["line"], first["col"], first["end_col"], first["severity"], first["code"]) == \
            (3, 14, 17, "error", "ITA211")
        assert first["message"].startswith(words)


def test_a_pool_worker_started_by_spawn_has_the_parents_language():
    set_language("th")
    context = multiprocessing.get_context("spawn")
    with worker_pool(1, context) as pool:
        assert pool.submit(language).result(timeout=120) == "th"
        # the PDF phase's notes are made in the worker (fonts), unrendered: the parent renders them
        docx = (ROOT / "templates" / "base.docx").read_bytes()
        prepared, notes = pool.submit(pdf.prepare_source, docx, "thai").result(timeout=120)
    assert prepared[:2] == b"PK" and all(isinstance(note, Message) for note in notes)
    for note in notes:
        assert note.render("th") != note.render("en")


SPAWN_BATCH = """
import multiprocessing, sys
if __name__ == "__main__":
    multiprocessing.set_start_method("spawn")
    from itareport.cli import main
    sys.argv = ["itareport", *sys.argv[1:]]
    main()
"""


def test_a_thai_batch_under_spawn_prints_thai(tmp_path):
    """Eight files, two workers started by spawn (as on Windows and macOS): Thai from the workers' diagnostics,
    errors and the notes of the .docx phase (a Letter-sized reference document)."""
    text = DATA.read_text(encoding="utf-8")
    for i in range(8):
        (tmp_path / f"f{i}.yaml").write_text(text.replace("fiscal_year: 2568", "fiscal_year: 2025") if i % 2 else
                                             text, encoding="utf-8")
    (tmp_path / "run.py").write_text(SPAWN_BATCH, encoding="utf-8")
    make_letterhead(tmp_path / "letter.docx")
    result = subprocess.run([sys.executable, "run.py", "build", *(f"f{i}.yaml" for i in range(8)), "-o", "out/",
                             "--jobs", "2", "--lang", "th", "--reference-doc", "letter.docx"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=300,
                            env={**__import__("os").environ, **CLI_ENV})
    assert result.returncode == 1, result.stderr
    errors = [line for line in result.stderr.splitlines() if "[ITA211]" in line]
    assert len(errors) == 8   # each once as it comes, again in the summary
    assert all("ต้องเป็นปี พ.ศ. ไม่ใช่ปี ค.ศ." in line and "expected" not in line for line in errors)
    assert "ไม่ได้สร้างรายงาน" in result.stderr and "not built" not in result.stderr
    assert "กระดาษของเอกสารต้นแบบ" in result.stderr and "paper is" not in result.stderr
    assert len(list((tmp_path / "out").glob("*.docx"))) == 4


# --- the registry: every template formats with what its call sites give --------------------------------

def _fields(msgid: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(msgid) if name}


def _call_sites() -> list[tuple[str, int, str, str, set[str]]]:
    """(file, line, code, template name, argument names) of every codes.message(...) in the package."""
    found = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "message"
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "codes"):
                args = [a.value for a in node.args if isinstance(a, ast.Constant)]
                assert len(args) == len(node.args) and 1 <= len(args) <= 2, f"{path}:{node.lineno}: literal code"
                found.append((path.name, node.lineno, args[0], args[1] if len(args) > 1 else "",
                              {k.arg for k in node.keywords}))
    return found


def test_every_call_site_gives_exactly_the_arguments_of_its_template():
    sites = _call_sites()
    assert len(sites) > 80
    for file, line, code, name, given in sites:
        msgid = codes.template(code, name)
        assert _fields(msgid) == given, f"{file}:{line}: {code} {name!r} needs {_fields(msgid)}, given {given}"
        for lang in ("en", "th"):
            try:
                text = codes.message(code, name, **{field: f"<{field}>" for field in given}).render(lang)
            except ValueError:   # a numeric format ({byte:02X}, {limit:,}): a number then
                text = codes.message(code, name, **{field: 7 for field in given}).render(lang)
            assert text.strip(), (code, name, lang)


def test_every_code_has_a_template_and_every_template_is_used():
    used = {(code, name) for _f, _l, code, name, _g in _call_sites()}
    for code, entry in codes.CODES.items():
        assert entry.templates, f"{code} has no message template"
        for name in entry.templates:
            assert (code, name) in used, f"{code} {name!r}: a template no call site uses"
