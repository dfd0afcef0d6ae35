"""Broken and hostile input through the real CLI (`python -m itareport build`, in a subprocess).

Every refused case: the exit code, one exact located message (FILE:LINE:COL when the problem
is inside the file, the path named otherwise), no traceback, nothing written or removed in
the folder, and the previous report there byte-for-byte as it was. The cases that are not
errors (template syntax and HTML in texts, a 20,000-character cell, 5,000 measures) build,
and their text comes out literally.
"""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
import textwrap
from html.parser import HTMLParser
from pathlib import Path

import pytest

from helpers import body_paragraphs, run_cli, table_rows, without_codes

BASE = textwrap.dedent("""\
    version: 1
    agency:
      name: เทศบาลตำบลทดสอบ
      district: เมือง
      province: ขอนแก่น
    fiscal_year: 2568
    ita_indicator: O26
    numerals: thai
    intro: รายงานผลการดำเนินการ
    signers:
      - name: นายทดสอบ ใจดี
        position: นายกเทศมนตรี
    measures:
      - title: การป้องกันการทุจริต
        details: [รายละเอียด]
        steps: [จัดทำคู่มือ]
        owner: สำนักปลัด
        period: {from: 2567-10, to: 2568-09}
        results: [ดำเนินการแล้ว]
        outcomes: [ลดโอกาสการทุจริต]
      - title: มาตรการที่มีหลายกิจกรรม
        activities:
          - title: กิจกรรมที่หนึ่ง
            steps: [ขั้นตอน]
            owner: กองคลัง
            period: fiscal-year
            results: [ผล]
            outcomes: [ผลลัพธ์]
    """)

OLD_REPORT = b"PK\x03\x04 the report built last time: it must survive a failed build byte for byte"
NO_DATA = "the file has no data: expected a mapping with version, agency, fiscal_year and measures"
NOT_UTF8 = "expected UTF-8 text, found byte"


def mutate(old: str, new: str) -> str:
    assert BASE.count(old) == 1, old
    return BASE.replace(old, new)


def snapshot(folder: Path) -> dict:
    """Every file and folder under folder: relative path -> bytes (None for a folder or link)."""
    out = {}
    for path in sorted(folder.rglob("*")):
        rel = str(path.relative_to(folder))
        out[rel] = path.read_bytes() if path.is_file() and not path.is_symlink() else None
    return out


def refused(tmp_path: Path, *args, code: int, message, outputs=("x.docx",), run=run_cli):
    """`itareport build ARGS` in tmp_path, where the outputs already exist, must fail cleanly.

    message: a line stderr must hold exactly (str), or a pattern one of its lines must match.
    """
    for name in outputs:
        target = tmp_path / name
        if target.parent.is_dir() and not target.exists():
            target.write_bytes(OLD_REPORT)
    before = snapshot(tmp_path)
    result = run("build", *args, cwd=tmp_path, timeout=120)
    both = result.stdout + result.stderr
    assert result.returncode == code, both
    assert "Traceback" not in both and "internal error" not in both, both
    assert "wrote" not in result.stdout, both
    lines = without_codes(result.stderr.splitlines())
    if isinstance(message, str):
        assert message in lines, both
    else:
        assert any(message.search(line) for line in lines), both
    assert snapshot(tmp_path) == before, "the folder changed"
    for name in outputs:
        if (tmp_path / name).is_file():
            assert (tmp_path / name).read_bytes() in (OLD_REPORT, before.get(name))
    return result


def write(tmp_path: Path, content, name: str = "x.yaml") -> Path:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def test_the_base_data_builds(tmp_path):
    """The cases below break this file one thing at a time; unbroken, it builds."""
    write(tmp_path, BASE)
    result = run_cli("build", "x.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert len(table_rows(tmp_path / "x.docx")) == 3


# --- the file as a whole: emptiness, syntax, type, encodings, hostile YAML -------------------

def _billion_laughs() -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


WHOLE_FILE = [
    ("empty", b"", f"x.yaml:1:1: error: {NO_DATA}"),
    ("blank lines", "\n   \n\n", f"x.yaml:1:1: error: {NO_DATA}"),
    ("comments only", "# ข้อมูล\n# version: 1\n", f"x.yaml:1:1: error: {NO_DATA}"),
    ("null document", "---\n~\n", f"x.yaml:1:1: error: {NO_DATA}"),
    ("unclosed list", "version: 1\nagency: [a, b\nfiscal_year: 2568\n",
     "x.yaml:2:9: error: YAML syntax error: the '[' opened here is not closed; add ']' at the end of the list, or "
     "if '[' is part of the text, put the whole text in quotes"),
    ("bad indentation", "agency:\n  name: x\n district: y\n",
     "x.yaml:3:2: error: YAML syntax error: this line starts at column 2, in line with no key or list item above "
     "it; start it at column 3 (like line 2) or column 1 (like line 1)"),
    ("tab indentation", "agency:\n\tname: x\n",
     "x.yaml:2:1: error: YAML syntax error: a tab character; YAML indents with spaces only: replace the tab with "
     "spaces"),
    ("unterminated quote", 'version: 1\nintro: "abc\n',
     'x.yaml:2:8: error: YAML syntax error: the quote " opened here is never closed; add the closing " at the end '
     'of the text'),
    ("two documents", BASE + "---\n" + BASE,
     "x.yaml:29:1: error: YAML syntax error: a data file holds one document, and a second one starts here; delete "
     "the '---' or '...' line and merge what follows into the data above"),
    ("a list at the top", "- version: 1\n- agency: x\n",
     "x.yaml:1:1: error: expected a mapping with version, agency, fiscal_year and measures, got a list"),
    ("a text at the top", "รายงาน ITA\n",
     "x.yaml:1:1: error: expected a mapping with version, agency, fiscal_year and measures, got 'รายงาน ITA'"),
    ("billion laughs", _billion_laughs(),
     re.compile(r"^x\.yaml:\d+:\d+: error: .*more than 2,000,000 values after expanding aliases")),
    ("recursive alias", "measures: &m [title, *m]\n",
     "x.yaml:1:22: error: measures[2]: an alias refers to itself (recursive data)"),
    ("undefined alias", "version: 1\nagency: *agency\n",
     "x.yaml:2:9: error: YAML syntax error: *agency refers to an anchor &agency that is not defined above; if '*' "
     "is part of the text, put the whole text in quotes"),
    ("50,000 nested flow lists", "[" * 50_000 + "]" * 50_000 + "\n",
     re.compile(r"^x\.yaml:1:102: error: (\[1\]){101}: nested deeper than 100 levels$")),
    ("200,000 nested block lists", "- " * 200_000 + "x\n",
     re.compile(r"^x\.yaml:1:203: error: (\[1\]){101}: nested deeper than 100 levels$")),
    ("python object tag", mutate("intro: รายงานผลการดำเนินการ", "intro: !!python/object/new:os.getcwd []"),
     "x.yaml:9:8: error: intro: tag 'tag:yaml.org,2002:python/object/new:os.getcwd' is not allowed: "
     "only plain data (text, lists, mappings)"),
    ("python name tag", mutate("  name: เทศบาลตำบลทดสอบ", "  name: !!python/name:os.system ''"),
     "x.yaml:3:9: error: agency.name: tag 'tag:yaml.org,2002:python/name:os.system' is not allowed: "
     "only plain data (text, lists, mappings)"),
    ("local tag", mutate("    owner: สำนักปลัด", "    owner: !include owner.yaml"),
     "x.yaml:17:12: error: measures[1].owner: tag '!include' is not allowed: only plain data (text, lists, "
     "mappings)"),
    ("merge key", mutate("    owner: สำนักปลัด", "    <<: {owner: สำนักปลัด}"),
     "x.yaml:17:5: error: measures[1]: merge keys (<<) are not supported"),
    ("list as a key", mutate("ita_indicator: O26", "? [ita, indicator]\n: O26"),
     "x.yaml:7:3: error: expected a plain key, found a list or mapping"),
    ("binary garbage", bytes(random.Random(5).randrange(256) for _ in range(4096)),
     re.compile(r"^x\.yaml:\d+:\d+: error: expected UTF-8 text, found byte 0x[0-9A-F]{2}")),
    ("TIS-620", BASE.encode("cp874"),
     f"x.yaml:3:9: error: {NOT_UTF8} 0xE0 (the file looks like Thai TIS-620 / Windows-874); save the file as UTF-8"),
    ("UTF-16 without BOM", BASE.encode("utf-16-le"),
     "x.yaml:1:1: error: expected UTF-8 text, found NUL bytes (the file looks like UTF-16 without a byte order "
     "mark); save the file as UTF-8"),
    ("UTF-16 with BOM", BASE.encode("utf-16"),
     "x.yaml:1:1: error: expected UTF-8 text, found UTF-16 (byte order mark); save the file as UTF-8"),
    ("CESU-8 surrogate bytes", mutate("O26", "O26 \U0001F600").replace("\U0001F600", "\udc00")
     .encode("utf-8", "surrogatepass"),
     "x.yaml:7:20: error: expected UTF-8 text, found byte 0xED; save the file as UTF-8"),
    ("NUL in a text", mutate("    owner: สำนักปลัด", "    owner: สำนัก\x00ปลัด"),
     "x.yaml:17:17: error: control character U+0000 is not allowed; delete it"),
    ("bell in a text", mutate("    owner: สำนักปลัด", "    owner: สำนัก\x07ปลัด"),
     "x.yaml:17:17: error: control character U+0007 is not allowed; delete it"),
    ("escape in a text", mutate("  name: เทศบาลตำบลทดสอบ", "  name: \x1b[31mเทศบาล"),
     "x.yaml:3:9: error: control character U+001B is not allowed; delete it"),
    ("C1 control in a text", mutate("  name: เทศบาลตำบลทดสอบ", "  name: เทศบาล\x9b"),
     "x.yaml:3:15: error: control character U+009B is not allowed; delete it"),
    ("escaped NUL in quotes", mutate("    owner: สำนักปลัด", '    owner: "สำนัก\\0ปลัด"'),
     "x.yaml:17:12: error: measures[1].owner: control character U+0000 is not allowed in text; delete it"),
    ("escaped bell in a list item", mutate("[จัดทำคู่มือ]", '["จัดทำ\\aคู่มือ"]'),
     "x.yaml:16:13: error: measures[1].steps[1]: control character U+0007 is not allowed in text; delete it"),
    ("escaped noncharacter", mutate("intro: รายงานผลการดำเนินการ", 'intro: "a\\uFFFEb"'),
     "x.yaml:9:8: error: intro: control character U+FFFE is not allowed in text; delete it"),
    ("escaped lone surrogate", mutate("intro: รายงานผลการดำเนินการ", 'intro: "\\ud800"'),
     "x.yaml:9:9: error: YAML syntax error: inside double quotes a backslash starts an escape such as \\n; write "
     "\\\\ for a backslash, or use single quotes 'like this'"),
]


@pytest.mark.parametrize("content, message", [c[1:] for c in WHOLE_FILE], ids=[c[0] for c in WHOLE_FILE])
def test_whole_file_problems_are_located(tmp_path, content, message):
    write(tmp_path, content)
    refused(tmp_path, "x.yaml", code=1, message=message)


def test_python_tags_never_run(tmp_path):
    marker = tmp_path / "pwned"
    text = mutate("intro: รายงานผลการดำเนินการ", f"intro: !!python/object/apply:os.system ['touch {marker}']")
    text += f"extra: !!python/object/apply:subprocess.call [[touch, {marker}]]\n"
    write(tmp_path, text)
    refused(tmp_path, "x.yaml", code=1,
            message="x.yaml:9:8: error: intro: tag 'tag:yaml.org,2002:python/object/apply:os.system' is not "
                    "allowed: only plain data (text, lists, mappings)")
    assert not marker.exists()
    result = run_cli("validate", "x.yaml", cwd=tmp_path)
    assert result.returncode == 1 and not marker.exists()


def test_a_50_mb_file_is_refused_without_reading_it(tmp_path):
    with open(tmp_path / "x.yaml", "wb") as handle:
        line = "  - ขั้นตอน\n".encode()
        handle.write(line * (50 * 1024 * 1024 // len(line) + 1))
    refused(tmp_path, "x.yaml", code=2,
            message="itareport: error: x.yaml: file is 50.0 MB, larger than the 25 MB limit for a data file")


# --- paths: the input, the output ----------------------------------------------------------

def test_endless_input_is_cut_off(tmp_path):
    refused(tmp_path, "/dev/zero", "-o", "x.docx", code=2,
            message="itareport: error: /dev/zero: larger than the 25 MB limit for a data file")


def test_folder_as_input(tmp_path):
    (tmp_path / "data.yaml").mkdir()
    refused(tmp_path, "data.yaml", "-o", "x.docx", code=2,
            message=re.compile(r"data\.yaml"))
    result = run_cli("validate", "data.yaml", cwd=tmp_path)  # a folder, taken as build takes it
    assert result.returncode == 2
    assert "itareport: error: data.yaml: no .yaml data files in this folder" in result.stderr


def test_missing_input(tmp_path):
    refused(tmp_path, "nope.yaml", "-o", "x.docx", code=2, message=re.compile(r"nope\.yaml.*(no such file|not found)"))


def test_symlink_loop_as_input(tmp_path):
    os.symlink("loop2.yaml", tmp_path / "loop1.yaml")
    os.symlink("loop1.yaml", tmp_path / "loop2.yaml")
    refused(tmp_path, "loop1.yaml", "-o", "x.docx", code=2,
            message="itareport: error: loop1.yaml: cannot read: too many symbolic links (a link loop)")


def test_output_folder_under_a_file(tmp_path):
    write(tmp_path, BASE)
    (tmp_path / "no").write_text("a file", encoding="utf-8")
    refused(tmp_path, "x.yaml", "-o", "no/such/folder/x.docx", code=2,
            message="itareport: error: no/such/folder/x.docx: 'no' is a file, not a folder")


def test_a_file_where_the_output_folder_should_be(tmp_path):
    """A regular file in the output's folder position: no write can go there, even as root."""
    write(tmp_path, BASE)
    write(tmp_path, b"just a file", "reports")
    refused(tmp_path, "x.yaml", "-o", "reports/x.docx", code=2,
            message="itareport: error: reports/x.docx: 'reports' is a file, not a folder")


def test_a_folder_even_root_cannot_write(tmp_path):
    """sysfs refuses new files to root too."""
    write(tmp_path, BASE)
    refused(tmp_path, "x.yaml", "-o", "/sys/x.docx", code=2,
            message="itareport: error: /sys/x.docx: cannot write in '/sys': permission denied")


def _in_read_only_mount(folder: Path):
    """run_cli, inside a private mount namespace where `folder` is a read-only bind mount.

    Tests run as root, and chmod does not stop root; a read-only mount does. The mount
    exists only inside the namespace of that one process (unshare -m), so nothing is left
    mounted if the test fails.
    """
    def run(*args, cwd, timeout):
        script = ('mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && shift && exec "$@"')
        return subprocess.run(["unshare", "-m", "sh", "-c", script, "sh", str(folder), sys.executable, "-m",
                               "itareport", *map(str, args)], cwd=cwd, capture_output=True, text=True,
                              timeout=timeout, env={**os.environ, "CI": "true"})
    return run


def test_read_only_output_folder(tmp_path):
    write(tmp_path, BASE)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "x.docx").write_bytes(OLD_REPORT)
    refused(tmp_path, "x.yaml", "-o", "out/x.docx", code=2, outputs=("out/x.docx",),
            message="itareport: error: out/x.docx: cannot write in 'out': the disk is read-only",
            run=_in_read_only_mount(tmp_path / "out"))


def test_output_equal_to_input(tmp_path):
    write(tmp_path, BASE, "x.docx")
    refused(tmp_path, "x.docx", "-o", "x.docx", code=2, outputs=(),
            message="itareport: error: x.docx: the output would overwrite the input data file; choose another -o")


def test_default_output_equal_to_input(tmp_path):
    """A data file named like a report: its default output is itself."""
    write(tmp_path, BASE, "x.docx")
    refused(tmp_path, "x.docx", code=2, outputs=(),
            message="itareport: error: x.docx: the output would overwrite the input data file; choose another -o")


def test_output_is_the_input_through_a_link(tmp_path):
    write(tmp_path, BASE)
    os.symlink("x.yaml", tmp_path / "link.docx")
    os.link(tmp_path / "x.yaml", tmp_path / "hard.docx")
    for name in ("link.docx", "hard.docx"):
        refused(tmp_path, "x.yaml", "-o", name, code=2, outputs=(),
                message=f"itareport: error: {name}: the output would overwrite the input data file; choose another -o")


def test_output_with_a_data_suffix_is_refused(tmp_path):
    write(tmp_path, BASE)
    write(tmp_path, BASE, "other.yaml")
    refused(tmp_path, "x.yaml", "-o", "other.yaml", code=2,
            message="itareport: error: other.yaml: expected an output path ending in .docx, got '.yaml'")


def test_a_word_file_given_as_the_data(tmp_path):
    """The previous report passed by mistake: binary, and its default output would be itself."""
    (tmp_path / "x.docx").write_bytes(OLD_REPORT)
    refused(tmp_path, "x.docx", "-o", "new.docx", code=1,
            message=re.compile(r"^x\.docx:1:\d+: error: (expected UTF-8 text, found byte|control character)"))


def test_unknown_format(tmp_path):
    write(tmp_path, BASE)
    refused(tmp_path, "x.yaml", "--format", "odt", code=2,
            message="itareport: error: --format: expected docx, pdf, html, md or xlsx, got 'odt'")


def test_missing_templates_folder(tmp_path):
    write(tmp_path, BASE)
    refused(tmp_path, "x.yaml", "--templates", "mine", code=2,
            message="itareport: error: mine: the templates folder does not exist")


def test_a_user_template_cannot_escape_its_sandbox(tmp_path):
    write(tmp_path, BASE)
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "title.txt.j2").write_text(
        "{{ agency.__class__.__mro__[1].__subclasses__() }}\n", encoding="utf-8")
    refused(tmp_path, "x.yaml", "--templates", "mine", code=2,
            message=re.compile(r"^itareport: error: .*title\.txt\.j2.*template error"))


# --- the schema: each required key missing in turn, each field with each wrong type -------------

MISSING = [
    ("version: 1\n", "", "x.yaml:1:1: error: version: required key 'version' is missing"),
    ("agency:\n  name: เทศบาลตำบลทดสอบ\n  district: เมือง\n  province: ขอนแก่น\n", "",
     "x.yaml:1:1: error: agency: required key 'agency' is missing"),
    ("  name: เทศบาลตำบลทดสอบ\n", "", "x.yaml:3:3: error: agency.name: required key 'name' is missing"),
    ("fiscal_year: 2568\n", "", "x.yaml:1:1: error: fiscal_year: required key 'fiscal_year' is missing"),
    (BASE[BASE.index("measures:"):], "", "x.yaml:1:1: error: measures: required key 'measures' is missing"),
    ("  - name: นายทดสอบ ใจดี\n    position", "  - position",
     "x.yaml:11:5: error: signers[1].name: required key 'name' is missing"),
    ("    position: นายกเทศมนตรี\n", "", "x.yaml:11:5: error: signers[1].position: required key 'position' is missing"),
    ("  - title: การป้องกันการทุจริต\n    details", "  - details",
     "x.yaml:14:5: error: measures[1].title: required key 'title' is missing"),
    ("    steps: [จัดทำคู่มือ]\n", "", "x.yaml:14:5: error: measures[1].steps: required key 'steps' is missing"),
    ("    owner: สำนักปลัด\n", "", "x.yaml:14:5: error: measures[1].owner: required key 'owner' is missing"),
    ("    period: {from: 2567-10, to: 2568-09}\n", "",
     "x.yaml:14:5: error: measures[1].period: required key 'period' is missing"),
    ("{from: 2567-10, to", "{to", "x.yaml:18:13: error: measures[1].period.from: required key 'from' is missing"),
    (", to: 2568-09}", "}", "x.yaml:18:13: error: measures[1].period.to: required key 'to' is missing"),
    ("  - title: มาตรการที่มีหลายกิจกรรม\n    activities", "  - activities",
     "x.yaml:21:5: error: measures[2].title: required key 'title' is missing"),
    ("      - title: กิจกรรมที่หนึ่ง\n        steps", "      - steps",
     "x.yaml:23:9: error: measures[2].activities[1].title: required key 'title' is missing"),
    ("        steps: [ขั้นตอน]\n", "",
     "x.yaml:23:9: error: measures[2].activities[1].steps: required key 'steps' is missing"),
    ("        owner: กองคลัง\n", "",
     "x.yaml:23:9: error: measures[2].activities[1].owner: required key 'owner' is missing"),
    ("        period: fiscal-year\n", "",
     "x.yaml:23:9: error: measures[2].activities[1].period: required key 'period' is missing"),
]


@pytest.mark.parametrize("old, new, message", MISSING, ids=[m[2].split(": ")[2] for m in MISSING])
def test_each_required_key_missing(tmp_path, old, new, message):
    write(tmp_path, mutate(old, new))
    refused(tmp_path, "x.yaml", code=1, message=message)


WRONG_TYPES = [
    ("version: 1", "version: 2",
     "x.yaml:1:10: error: version: expected version 1 (the only version this itareport reads), got '2'"),
    ("version: 1", "version: [1]",
     "x.yaml:1:10: error: version: expected version 1 (the only version this itareport reads), got a list"),
    ("version: 1", "version: หนึ่ง",
     "x.yaml:1:10: error: version: expected version 1 (the only version this itareport reads), got 'หนึ่ง'"),
    ("agency:\n  name: เทศบาลตำบลทดสอบ\n  district: เมือง\n  province: ขอนแก่น", "agency: เทศบาลตำบลทดสอบ",
     "x.yaml:2:9: error: agency: expected a mapping (lines of 'key: value'), got 'เทศบาลตำบลทดสอบ'"),
    ("agency:\n  name: เทศบาลตำบลทดสอบ\n  district: เมือง\n  province: ขอนแก่น", "agency: [เทศบาลตำบลทดสอบ]",
     "x.yaml:2:9: error: agency: expected a mapping (lines of 'key: value'), got a list"),
    ("  name: เทศบาลตำบลทดสอบ", "  name: [เทศบาลตำบลทดสอบ]", "x.yaml:3:9: error: agency.name: expected text, got a list"),
    ("  name: เทศบาลตำบลทดสอบ", "  name: {th: เทศบาล}", "x.yaml:3:9: error: agency.name: expected text, got a mapping"),
    ("  name: เทศบาลตำบลทดสอบ", "  name:",
     "x.yaml:3:8: error: agency.name: expected text, got nothing (an empty value)"),
    ("  name: เทศบาลตำบลทดสอบ", '  name: ""', "x.yaml:3:9: error: agency.name: expected text, got an empty text"),
    ("  district: เมือง", "  district: [เมือง]", "x.yaml:4:13: error: agency.district: expected text, got a list"),
    ("  province: ขอนแก่น", "  province: {a: b}", "x.yaml:5:13: error: agency.province: expected text, got a mapping"),
    ("fiscal_year: 2568", "fiscal_year: [2568]",
     "x.yaml:6:14: error: fiscal_year: expected a Buddhist-era year such as 2568, got a list"),
    ("fiscal_year: 2568", "fiscal_year: สองห้าหกแปด",
     "x.yaml:6:14: error: fiscal_year: expected a Buddhist-era year such as 2568, got 'สองห้าหกแปด'"),
    ("fiscal_year: 2568", "fiscal_year: 2568.5",
     "x.yaml:6:14: error: fiscal_year: expected a Buddhist-era year such as 2568, got '2568.5'"),
    ("fiscal_year: 2568", "fiscal_year: 25680",
     "x.yaml:6:14: error: fiscal_year: expected a Buddhist-era year such as 2568, got '25680'"),
    ("fiscal_year: 2568", "fiscal_year:",
     "x.yaml:6:13: error: fiscal_year: expected a Buddhist-era year such as 2568, got nothing (an empty value)"),
    ("ita_indicator: O26", "ita_indicator: [O26]", "x.yaml:7:16: error: ita_indicator: expected text, got a list"),
    ("numerals: thai", "numerals: roman", "x.yaml:8:11: error: numerals: expected 'thai' or 'arabic', got 'roman'"),
    ("numerals: thai", "numerals: [thai]", "x.yaml:8:11: error: numerals: expected 'thai' or 'arabic', got a list"),
    ("intro: รายงานผลการดำเนินการ", "intro: {a: b}", "x.yaml:9:8: error: intro: expected text, got a mapping"),
    ("signers:\n  - name: นายทดสอบ ใจดี\n    position: นายกเทศมนตรี", "signers: นายทดสอบ ใจดี",
     "x.yaml:10:10: error: signers: expected a list (lines starting with '- '), got 'นายทดสอบ ใจดี'"),
    ("signers:\n  - name: นายทดสอบ ใจดี\n    position: นายกเทศมนตรี", "signers: {name: นายทดสอบ, position: นายก}",
     "x.yaml:10:10: error: signers: expected a list (lines starting with '- '), got a mapping"),
    ("  - name: นายทดสอบ ใจดี\n    position: นายกเทศมนตรี", "  - นายทดสอบ ใจดี",
     "x.yaml:11:5: error: signers[1]: expected a mapping (lines of 'key: value'), got 'นายทดสอบ ใจดี'"),
    ("    position: นายกเทศมนตรี", "    position: {นายก: ปลัด}",
     "x.yaml:12:15: error: signers[1].position: expected a list (lines starting with '- '), got a mapping"),
    ("    position: นายกเทศมนตรี", "    position: []",
     "x.yaml:12:15: error: signers[1].position: expected at least one item, got an empty list"),
    ("measures:\n", "measures: มาตรการ\nmore:\n",
     "x.yaml:13:11: error: measures: expected a list (lines starting with '- '), got 'มาตรการ'"),
    ("measures:\n", "measures: []\nmore:\n", "x.yaml:13:11: error: measures: expected at least one item, got an empty list"),
    ("  - title: การป้องกันการทุจริต", "  - title: [การป้องกันการทุจริต]",
     "x.yaml:14:12: error: measures[1].title: expected text, got a list"),
    ("  - title: การป้องกันการทุจริต", '  - title: "   "',
     "x.yaml:14:12: error: measures[1].title: expected text, got an empty text"),
    ("    details: [รายละเอียด]", "    details: {a: b}",
     "x.yaml:15:14: error: measures[1].details: expected a list (lines starting with '- '), got a mapping"),
    ("    steps: [จัดทำคู่มือ]", "    steps: []",
     "x.yaml:16:12: error: measures[1].steps: expected at least one item, got an empty list"),
    ("    steps: [จัดทำคู่มือ]", "    steps: {a: b}",
     "x.yaml:16:12: error: measures[1].steps: expected a list (lines starting with '- '), got a mapping"),
    ("    steps: [จัดทำคู่มือ]", "    steps: [[จัดทำคู่มือ]]",
     "x.yaml:16:13: error: measures[1].steps[1]: expected text, got a list"),
    ("    steps: [จัดทำคู่มือ]", "    steps: [จัดทำ, {a: b}]",
     "x.yaml:16:20: error: measures[1].steps[2]: expected text, got a mapping"),
    ("    steps: [จัดทำคู่มือ]", '    steps: [จัดทำ, ""]',
     "x.yaml:16:20: error: measures[1].steps[2]: expected text, got an empty text"),
    ("    owner: สำนักปลัด", "    owner: [สำนักปลัด, กองคลัง]",
     "x.yaml:17:12: error: measures[1].owner: expected text, got a list"),
    ("    owner: สำนักปลัด", "    owner:",
     "x.yaml:17:11: error: measures[1].owner: expected text, got nothing (an empty value)"),
    ("    period: {from: 2567-10, to: 2568-09}", "    period: ทุกไตรมาส",
     "x.yaml:18:13: error: measures[1].period: cannot read the period 'ทุกไตรมาส'; write the months it covers as "
     "{from: 2567-10, to: 2568-09} (YYYY-MM in B.E.), or 'fiscal-year' for the whole fiscal year"),
    ("    period: {from: 2567-10, to: 2568-09}", "    period: [2567-10, 2568-09]",
     "x.yaml:18:13: error: measures[1].period: expected 'fiscal-year' (or 'ปีงบประมาณ') or a mapping {from: YYYY-MM, to: YYYY-MM}, "
     "got a list"),
    ("    period: {from: 2567-10, to: 2568-09}", "    period:",
     "x.yaml:18:12: error: measures[1].period: expected 'fiscal-year' (or 'ปีงบประมาณ') or a mapping {from: YYYY-MM, to: YYYY-MM}, "
     "got nothing (an empty value)"),
    ("{from: 2567-10,", "{from: 2567-13,",
     "x.yaml:18:20: error: measures[1].period.from: expected YYYY-MM in Buddhist era (e.g. 2567-10); the month "
     "must be 01 to 12, got '2567-13'"),
    ("{from: 2567-10,", "{from: 2567-10-01,",
     "x.yaml:18:20: error: measures[1].period.from: expected YYYY-MM in Buddhist era (e.g. 2567-10), without a "
     "day, got '2567-10-01' (did you mean 2567-10?)"),
    ("{from: 2567-10,", "{from: ตุลาคม,",
     "x.yaml:18:20: error: measures[1].period.from: expected YYYY-MM in Buddhist era (e.g. 2567-10), got 'ตุลาคม'"),
    ("{from: 2567-10,", "{from: [2567-10],",
     "x.yaml:18:20: error: measures[1].period.from: expected YYYY-MM in Buddhist era (e.g. 2567-10), got a list"),
    ("    results: [ดำเนินการแล้ว]", "    results: {a: b}",
     "x.yaml:19:14: error: measures[1].results: expected a list (lines starting with '- '), got a mapping"),
    ("    outcomes: [ลดโอกาสการทุจริต]", "    outcomes: [[a]]",
     "x.yaml:20:16: error: measures[1].outcomes[1]: expected text, got a list"),
    ("    activities:\n", "    activities: กิจกรรม\n    more:\n",
     "x.yaml:22:17: error: measures[2].activities: expected a list (lines starting with '- '), got 'กิจกรรม'"),
    ("    activities:\n", "    activities: []\n    more:\n",
     "x.yaml:22:17: error: measures[2].activities: expected at least one item, got an empty list"),
    ("        period: fiscal-year", "        period: whole-year",
     "x.yaml:26:17: error: measures[2].activities[1].period: cannot read the period 'whole-year'; write the months "
     "it covers as {from: 2567-10, to: 2568-09} (YYYY-MM in B.E.), or 'fiscal-year' for the whole fiscal year"),
]


@pytest.mark.parametrize("old, new, message", WRONG_TYPES, ids=[f"{w[1].strip()[:24]}" for w in WRONG_TYPES])
def test_each_field_with_a_wrong_type(tmp_path, old, new, message):
    write(tmp_path, mutate(old, new))
    refused(tmp_path, "x.yaml", code=1, message=message)


SEMANTIC = [
    ("duplicate top-level key", "ita_indicator: O26\n", "ita_indicator: O26\nita_indicator: O27\n",
     "x.yaml:8:1: error: ita_indicator: duplicate key 'ita_indicator' (first written at line 7); keep one"),
    ("duplicate key in a measure", "    owner: สำนักปลัด\n", "    owner: สำนักปลัด\n    owner: กองคลัง\n",
     "x.yaml:18:5: error: measures[1].owner: duplicate key 'owner' (first written at line 17); keep one"),
    ("unknown top-level key", "ita_indicator: O26\n", "ita_indicator: O26\nita_indicater: O26\n",
     "x.yaml:8:1: error: ita_indicater: unknown key 'ita_indicater' (did you mean 'ita_indicator'?); expected one "
     "of: version, agency, fiscal_year, ita_indicator, numerals, title_numerals, title, intro, show_indicator, "
     "signers, date, measures, kind, round, columns, ita_results, review"),
    ("unknown key in a measure", "    owner: สำนักปลัด\n", "    owner: สำนักปลัด\n    owners: กองคลัง\n",
     "x.yaml:18:5: error: measures[1].owners: unknown key 'owners' (did you mean 'owner'?); expected one of: title, "
     "details, steps, owner, period, results, outcomes"),
    ("unknown key in a period", "{from: 2567-10,", "{from: 2567-10, until: 2568-09,",
     "x.yaml:18:29: error: measures[1].period.until: unknown key 'until'; expected one of: from, to"),
    ("activity keys on a grouped measure", "  - title: มาตรการที่มีหลายกิจกรรม\n",
     "  - title: มาตรการที่มีหลายกิจกรรม\n    owner: กองคลัง\n",
     "x.yaml:22:5: error: measures[2].owner: unknown key 'owner': a measure with activities keeps steps, owner, "
     "period, results and outcomes inside each activity"),
    ("Christian-era fiscal year", "fiscal_year: 2568", "fiscal_year: 2025",
     "x.yaml:6:14: error: fiscal_year: expected a Buddhist-era year (พ.ศ.), not a Christian-era one, got '2025' "
     "(did you mean 2568?)"),
    ("Christian-era month", "{from: 2567-10,", "{from: 2024-10,",
     "x.yaml:18:20: error: measures[1].period.from: expected YYYY-MM in Buddhist era (e.g. 2567-10), got '2024-10' "
     "(did you mean 2567-10?)"),
    ("reversed period", "{from: 2567-10, to: 2568-09}", "{from: 2568-09, to: 2567-10}",
     "x.yaml:18:13: error: measures[1].period: expected 'from' before 'to', got a period that starts in 2568-09 and "
     "ends in 2567-10 (swap them?)"),
    ("warning made fatal by --strict", "    results: [ดำเนินการแล้ว]\n", "",
     "x.yaml:14:5: warning: measures[1]: no results yet: fill them in before the report is published"),
]


@pytest.mark.parametrize("old, new, message", [s[1:] for s in SEMANTIC], ids=[s[0] for s in SEMANTIC])
def test_duplicates_unknown_keys_eras_and_periods(tmp_path, old, new, message):
    write(tmp_path, mutate(old, new))
    refused(tmp_path, "x.yaml", "--strict", code=1, message=message)


def test_thousands_of_errors_are_all_listed(tmp_path):
    measure = "  - title: ม\n    steps: [ข]\n    owner: ค\n    period: {from: 2568-09, to: 2567-10}\n"
    write(tmp_path, BASE[:BASE.index("measures:")] + "measures:\n" + measure * 2000)
    result = refused(tmp_path, "x.yaml", code=1, message=re.compile(r"^x\.yaml:8013:13: error: measures\[2000\]\.period: "))
    assert result.stderr.count(": error: ") == 2000


# --- accepted: kept literally in every format ----------------------------------------------

LITERAL = "{{ 7*7 }} {% if x %}y{% endif %} {# c #} <b>bold</b> <script>alert(1)</script> &amp; | * _ ` [a](b)"


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.chunks = []

    def handle_data(self, data):
        self.chunks.append(data)


def test_template_syntax_and_html_in_texts_are_kept_literally_in_every_format(tmp_path):
    text = BASE.replace("numerals: thai", "numerals: arabic")
    for value in ("เทศบาลตำบลทดสอบ", "จัดทำคู่มือ", "สำนักปลัด", "ดำเนินการแล้ว", "ลดโอกาสการทุจริต",
                  "การป้องกันการทุจริต", "รายงานผลการดำเนินการ", "นายทดสอบ ใจดี", "กิจกรรมที่หนึ่ง"):
        text = text.replace(value, f"'{value} {LITERAL}'")
    write(tmp_path, text)
    result = run_cli("build", "x.yaml", "--format", "docx,html,md", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "warning:" in result.stderr and "printed literally" in result.stderr  # markup is flagged, not dropped
    rows = table_rows(tmp_path / "x.docx")
    assert rows[1][0][0] == f"1.\tการป้องกันการทุจริต {LITERAL}"
    assert rows[1][1] == [f"1.\tจัดทำคู่มือ {LITERAL}"]
    assert rows[1][2] == [f"สำนักปลัด {LITERAL}"]
    assert rows[2][0][1] == f"-\tกิจกรรมที่หนึ่ง {LITERAL}"
    paragraphs = body_paragraphs(tmp_path / "x.docx")
    assert f"รายงานผลการดำเนินการ {LITERAL}" in paragraphs
    signature = [line for cell in table_rows(tmp_path / "x.docx", 1)[0] for line in cell]
    assert f"(นายทดสอบ ใจดี {LITERAL})" in signature

    page = (tmp_path / "x.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "<b>bold" not in page
    parser = _Text()
    parser.feed(page)
    shown = "".join(parser.chunks)
    for value in ("จัดทำคู่มือ", "สำนักปลัด", "รายงานผลการดำเนินการ", "(นายทดสอบ ใจดี"):
        assert f"{value} {LITERAL}" in shown
    assert shown.count(LITERAL) >= 9

    markdown = (tmp_path / "x.md").read_text(encoding="utf-8")
    unescaped = re.sub(r"\\(.)", r"\1", markdown)
    assert unescaped.count(LITERAL) >= 9
    assert "<script>" not in markdown and "| y{%" not in markdown


def test_a_20000_character_cell_comes_out_whole(tmp_path):
    long_text = ("การป้องกันการทุจริต ABC def 12345 " * 700)[:20_000].strip()
    write(tmp_path, mutate("    owner: สำนักปลัด", f"    owner: '{long_text}'").replace("numerals: thai", "numerals: arabic"))
    result = run_cli("build", "x.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert table_rows(tmp_path / "x.docx")[1][2] == [long_text]


def test_5000_measures_build(tmp_path):
    measure = textwrap.dedent("""\
          - title: มาตรการที่ {i}
            steps: [ขั้นตอนที่ {i}, ขั้นตอนถัดไป]
            owner: สำนักปลัด
            period: fiscal-year
            results: [ผลการดำเนินการ {i}]
            outcomes: [ผลลัพธ์ {i}]
        """)
    write(tmp_path, BASE[:BASE.index("measures:")] + "measures:\n" + "".join(measure.format(i=i) for i in range(1, 5001)))
    result = run_cli("build", "x.yaml", cwd=tmp_path, timeout=600)
    assert result.returncode == 0, result.stderr
    rows = table_rows(tmp_path / "x.docx")
    assert len(rows) == 5001
    assert rows[5000][0] == ["๕๐๐๐.\tมาตรการที่ ๕๐๐๐"]
    assert rows[5000][1] == ["๑.\tขั้นตอนที่ ๕๐๐๐", "๒.\tขั้นตอนถัดไป"]
