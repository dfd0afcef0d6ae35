"""Output never fails on encoding: every command, with stdout/stderr in cp1252 (English Windows'
code page), cp874 (Thai Windows') and ascii, writes its Thai output readably (issue 15).

The process is what is tested (the encoding of its streams), so these run the real CLI. The
pipes here are what Windows gives `itareport ... > log.txt`: not a terminal, so UTF-8."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys

import pytest

from helpers import DATA, ROOT
from itareport.streams import configure_stream

THAI_FOLDER = "รายงาน ปี 2568"  # a Thai folder name with a space: every command prints paths in it


def run_encoded(encoding: str, *args, cwd):
    env = {**os.environ, "CI": "true", "PYTHONIOENCODING": encoding}
    env.pop("PYTHONUTF8", None)
    result = subprocess.run([sys.executable, "-m", "itareport", *map(str, args)], cwd=cwd, env=env,
                            capture_output=True, timeout=300)
    return result.returncode, result.stdout.decode("utf-8"), result.stderr.decode("utf-8")


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    root = tmp_path_factory.mktemp("streams")
    folder = root / THAI_FOLDER
    folder.mkdir()
    shutil.copy(DATA, folder / "ข้อมูล.yaml")
    bad = DATA.read_text(encoding="utf-8").replace("fiscal_year: 2568", "fiscal_year: สองพัน")
    bad = bad.replace("  - title: การป้องกันการทุจริต", "  - title: การป้องกันกิจกรรรมการทุจริต")
    (folder / "ผิด.yaml").write_text(bad, encoding="utf-8")
    code, _out, err = run_encoded("utf-8", "build", folder / "ข้อมูล.yaml", "-o", folder / "รายงาน.docx", cwd=root)
    assert code == 0, err
    return root


# (command line, exit code, a Thai text that must appear on stdout or stderr)
CASES = {
    "help": (["--help"], 0, "รายงานผลการดำเนินการ"),
    "validate": (["validate", f"{THAI_FOLDER}/ผิด.yaml"], 1, f"{THAI_FOLDER}/ผิด.yaml:"),
    "validate-json": (["validate", "--format", "json", f"{THAI_FOLDER}/ผิด.yaml"], 1, "ผิด.yaml"),
    "build": (["build", f"{THAI_FOLDER}/ข้อมูล.yaml", "-o", f"{THAI_FOLDER}/ใหม่.docx"], 0, "ใหม่.docx"),
    "build-check": (["build", f"{THAI_FOLDER}/ข้อมูล.yaml", "-o", f"{THAI_FOLDER}/ไม่มี.docx", "--check"], 1,
                    "ไม่มี.docx"),
    "lint": (["lint", f"{THAI_FOLDER}/ผิด.yaml"], 1, "กิจกรรรม"),
    "import": (["import", f"{THAI_FOLDER}/รายงาน.docx", "-o", "-"], 0, "มาตรการ"),
    "init": (["init", "-o", f"{THAI_FOLDER}/เริ่ม.yaml"], 0, "เริ่ม.yaml"),
    "new-year": (["new-year", f"{THAI_FOLDER}/ข้อมูล.yaml", "--to", "2569", "-o", f"{THAI_FOLDER}/ปีหน้า.yaml"], 0, "ปีหน้า.yaml"),
    "schema": (["schema"], 0, "มาตรการ"),
}


@pytest.mark.parametrize("encoding", ["cp1252", "cp874", "ascii"])
def test_every_command_writes_thai_on_any_stream_encoding(work, encoding):
    for name, (args, expected_code, thai) in CASES.items():
        for leftover in ("ใหม่.docx", "เริ่ม.yaml", "ปีหน้า.yaml"):
            (work / THAI_FOLDER / leftover).unlink(missing_ok=True)
        code, out, err = run_encoded(encoding, *args, cwd=work)
        assert "internal error" not in err and "Traceback" not in err, (name, err)
        assert code == expected_code, (name, code, out, err)
        assert thai in out + err, (name, out, err)
        assert "\\u0e" not in out + err, (name, "a pipe gets UTF-8, not escapes")


def test_the_report_written_through_a_pipe_is_a_loadable_data_file(work):
    """`itareport import report.docx -o - > data.yaml` on Thai Windows (cp874) gives UTF-8 YAML."""
    code, out, err = run_encoded("cp874", "import", f"{THAI_FOLDER}/รายงาน.docx", "-o", "-", cwd=work)
    assert code == 0, err
    piped = work / "piped.yaml"
    piped.write_text(out, encoding="utf-8")
    code, out, err = run_encoded("cp874", "validate", piped, cwd=work)
    assert code == 0, out + err


class FakeTerminal(io.TextIOWrapper):
    def isatty(self):
        return True


@pytest.mark.parametrize("encoding", ["cp1252", "ascii"])
def test_a_terminal_keeps_its_encoding_and_escapes_what_it_cannot_show(encoding):
    raw = io.BytesIO()
    stream = FakeTerminal(raw, encoding=encoding, errors="strict")
    configure_stream(stream)
    stream.write("x.yaml:3:5: error: ชื่อ ok\n")
    stream.flush()
    assert raw.getvalue() == b"x.yaml:3:5: error: \\u0e0a\\u0e37\\u0e48\\u0e2d ok\n"


def test_a_terminal_that_holds_thai_shows_thai():
    raw = io.BytesIO()
    stream = FakeTerminal(raw, encoding="cp874", errors="strict")
    configure_stream(stream)
    stream.write("ชื่อ \u2713\n")  # a check mark cp874 lacks: escaped, the Thai stays
    stream.flush()
    assert raw.getvalue() == "ชื่อ ".encode("cp874") + b"\\u2713\n"


def test_a_file_or_pipe_becomes_utf8():
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="cp1252", errors="strict")
    configure_stream(stream)
    stream.write("ชื่อ\n")
    stream.flush()
    assert raw.getvalue() == "ชื่อ\n".encode()


def test_without_the_fix_the_process_would_fail():
    """The check above can fail: Python itself cannot print Thai to an ascii pipe."""
    result = subprocess.run([sys.executable, "-c", "print('ชื่อ')"], env={**os.environ, "PYTHONIOENCODING": "ascii"},
                            capture_output=True, cwd=ROOT)
    assert result.returncode != 0 and b"UnicodeEncodeError" in result.stderr
