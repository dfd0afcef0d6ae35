"""Messages in Thai and English: the catalog is complete and compiled, the language is chosen as
documented (Windows included), and messages, summaries and help come out in the language chosen."""

from __future__ import annotations

import re
import string

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from helpers import DATA, ROOT, invoke
from itareport.i18n import detect_language, language, set_language

PACKAGE = ROOT / "src" / "itareport"
PO = PACKAGE / "locale" / "th" / "LC_MESSAGES" / "itareport.po"
MO = PO.with_suffix(".mo")
THAI = re.compile("[\u0e01-\u0e5b]")


def _po():
    with open(PO, "rb") as handle:
        return read_po(handle, locale="th")


def _code_messages() -> set:
    """Every message marked in the code, as tools/catalog.py extracts it."""
    keywords = {"_": None, "N_": None, "ngettext": (1, 2), "M_": None, "Mn_": (1, 2)}
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
            str(PACKAGE), keywords=keywords, comment_tags=()):
        found.add(message if isinstance(message, str) else tuple(message))
    return found


def _fields(text: str) -> set:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name is not None}


def test_every_message_in_the_code_is_in_the_catalog_with_its_thai():
    catalog, in_code = _po(), _code_messages()
    in_catalog = {m.id: m.string for m in catalog if m.id}
    missing = [m for m in in_code if m not in in_catalog]
    assert not missing, f"not in the .po (run python tools/catalog.py): {missing}"
    untranslated = [m for m, s in in_catalog.items() if not (s if isinstance(s, str) else all(s))]
    assert not untranslated, f"no Thai for: {untranslated}"
    obsolete = [m for m in in_catalog if m not in in_code]
    assert not obsolete, f"in the .po but no longer in the code: {obsolete}"


def test_thai_keeps_every_placeholder_and_is_thai():
    for m in _po():
        if not m.id:
            continue
        ids = [m.id] if isinstance(m.id, str) else list(m.id)
        strings = [m.string] if isinstance(m.string, str) else list(m.string)
        for s in strings:
            assert _fields(s) <= set().union(*map(_fields, ids)), (m.id, s)
            assert _fields(ids[0]) <= _fields(s) or len(ids) > 1, (m.id, s)
        if THAI.search("".join(ids)) is None and re.search("[a-z]{4}", ids[0]):
            assert THAI.search(strings[0]), f"not translated into Thai: {m.id!r}"


def test_compiled_catalog_is_not_stale():
    def plain(value):
        return value if isinstance(value, str) else tuple(value)

    with open(MO, "rb") as handle:
        compiled = {plain(m.id): plain(m.string) for m in read_mo(handle) if m.id}
    source = {plain(m.id): plain(m.string) for m in _po() if m.id}
    assert compiled == source, "the .mo differs from the .po: run python tools/catalog.py compile"


@pytest.mark.parametrize("argv, env, system, expected", [
    ([], {}, (None, None), "en"),
    ([], {"LANG": "th_TH.UTF-8"}, (None, None), "th"),
    ([], {"LC_ALL": "th_TH.UTF-8", "LANG": "en_US.UTF-8"}, (None, None), "th"),
    ([], {"LC_MESSAGES": "en_US.UTF-8", "LANG": "th_TH.UTF-8"}, (None, None), "en"),
    ([], {"LANGUAGE": "th:en"}, (None, None), "th"),
    ([], {"LANG": "C.UTF-8"}, ("th_TH", "UTF-8"), "en"),
    ([], {"ITAREPORT_LANG": "th", "LANG": "en_US.UTF-8"}, (None, None), "th"),
    ([], {"ITAREPORT_LANG": "en", "LANG": "th_TH.UTF-8"}, (None, None), "en"),
    (["validate", "--lang", "en"], {"ITAREPORT_LANG": "th"}, (None, None), "en"),
    (["--lang=th", "build"], {}, (None, None), "th"),
    # Windows: no LANG; the user's locale is named in full
    ([], {}, ("Thai_Thailand", "874"), "th"),
    ([], {}, ("th_TH", "cp874"), "th"),
    ([], {}, ("English_United States", "1252"), "en"),
])
def test_language_choice(argv, env, system, expected):
    assert detect_language(argv, env, lambda: system) == expected


def test_windows_locale_picks_thai_through_the_cli(monkeypatch):
    import locale

    from itareport import cli

    for name in ("ITAREPORT_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(locale, "getlocale", lambda *a: ("Thai_Thailand", "874"))
    try:
        command = cli.make_command(detect_language(["--help"]))
        assert language() == "th"
        assert THAI.search(command.get_help(command.make_context("itareport", ["--help"], resilient_parsing=True)))
    finally:
        set_language("en")


BAD = """\
version: 1
agency:
  name: เทศบาลตำบลทดสอบ
fiscal_year: 2025
measures:
  - title: มาตรการ <b>ทดสอบ</b>
    ower: สำนักปลัด
    steps: []
    period: {from: 2567-13, to: 2568-09}
    results: []
    outcomes: [ลดโอกาสการทุจริต]
  - title: "   "
    steps: [ขั้นตอน]
    owner: กองคลัง
    period: ทั้งปี
    outcomes: [a]
    outcomes: [b]
"""


def _diagnostic_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("bad.yaml:")]


def test_validate_messages_in_both_languages_with_the_same_codes(tmp_path):
    (tmp_path / "bad.yaml").write_text(BAD, encoding="utf-8")
    en = invoke("validate", "bad.yaml", lang="en", cwd=tmp_path)
    th = invoke("validate", "bad.yaml", lang="th", cwd=tmp_path)
    assert en.exit_code == th.exit_code == 1
    en_lines, th_lines = _diagnostic_lines(en.stdout), _diagnostic_lines(th.stdout)
    assert len(en_lines) == len(th_lines) >= 7
    code = re.compile(r"\[(ITA\d{3})\]$")
    assert [code.search(x).group(1) for x in en_lines] == [code.search(x).group(1) for x in th_lines]
    for en_line, th_line in zip(en_lines, th_lines, strict=False):
        # FILE:LINE:COL first and the YAML path unchanged; the message itself in Thai
        assert en_line.split(": ")[0] == th_line.split(": ")[0]
        assert THAI.search(th_line.split("] ")[-1])
        assert en_line != th_line
    joined = "\n".join(th_lines)
    for thai in ("ข้อผิดพลาด: fiscal_year: ต้องเป็นปี พ.ศ. ไม่ใช่ปี ค.ศ.", "ไม่รู้จักหัวข้อ 'ower' (หมายถึง 'owner' หรือไม่)",
                 "ไม่มีหัวข้อ 'owner' ซึ่งต้องมี", "ต้องมีอย่างน้อย 1 ข้อ แต่รายการว่าง", "ต้องเป็น ปี พ.ศ.-เดือน",
                 "หัวข้อ 'outcomes' ซ้ำ", "คำเตือน: measures[1].title: พบโค้ด '<b>'"):
        assert thai in joined, thai
    assert th.stdout.splitlines()[-1].startswith("ไม่ผ่าน: ข้อผิดพลาด ")
    assert en.stdout.splitlines()[-1].startswith("FAILED: ")


def test_file_level_messages_in_thai(tmp_path):
    (tmp_path / "tis.yaml").write_bytes("agency: เทศบาล\n".encode("cp874"))
    (tmp_path / "empty.yaml").write_text("# nothing\n", encoding="utf-8")
    (tmp_path / "tag.yaml").write_text("a: !!python/name:os.system x\n", encoding="utf-8")
    result = invoke("validate", "tis.yaml", "empty.yaml", "tag.yaml", "missing.yaml", lang="th", cwd=tmp_path)
    out = result.stdout + result.stderr
    assert "ไฟล์นี้น่าจะบันทึกแบบภาษาไทย TIS-620 / Windows-874) ให้บันทึกไฟล์ใหม่เป็น UTF-8 [ITA101]" in out
    assert "ไฟล์ไม่มีข้อมูล" in out and "[ITA104]" in out
    assert "ใช้แท็ก 'tag:yaml.org,2002:python/name:os.system' ไม่ได้" in out and "[ITA105]" in out
    assert "missing.yaml: ไม่พบไฟล์นี้" in out
    assert result.stdout.splitlines()[-1] == ("ไม่ผ่าน: มีไฟล์ที่อ่านไม่ได้ 1 ไฟล์ และพบข้อผิดพลาด 8 รายการ "
                                              "คำเตือน 0 รายการ ในอีก 3 ไฟล์")


def test_cli_errors_and_build_messages_in_thai(tmp_path):
    result = invoke("init", "--year", "๒๕๖๙x", lang="th", cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stderr.strip() == "itareport: ข้อผิดพลาด: --year ๒๕๖๙x: ต้องเป็นตัวเลข เช่น 2569 (ใช้เลขไทย ๒๕๖๙ ก็ได้)"
    result = invoke("build", DATA, "-o", "out/", "-f", "md", lang="th", cwd=tmp_path)
    assert result.exit_code == 0 and result.stdout.strip() == "เขียนไฟล์ out/measures_2568.md แล้ว"
    result = invoke("build", DATA, "-f", "xls", lang="th", cwd=tmp_path)
    assert "--format: ต้องเป็น docx, pdf, html, md หรือ xlsx แต่พบ 'xls'" in result.stderr


COMMANDS = [["validate"], ["build"], ["lint"], ["import"], ["init"], ["new-year"], ["schema"], ["templates"],
            ["templates", "export"], []]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "itareport")
def test_help_of_every_command_and_option_in_thai(command):
    th = invoke(*command, "--help", lang="th")
    en = invoke(*command, "--help", lang="en")
    assert th.exit_code == en.exit_code == 0
    assert th.stdout.startswith("วิธีใช้: itareport") and en.stdout.startswith("Usage: itareport")
    assert "แสดงคำอธิบายนี้ แล้วจบ" in th.stdout and "Show this message and exit." in en.stdout
    # every option's help (the text after the option's name) is Thai, every English one is gone
    options = [line for line in th.stdout.splitlines() if line.lstrip().startswith("-")]
    assert options and all(THAI.search(line) for line in options), options
    english = [line.strip() for line in en.stdout.splitlines() if line.lstrip().startswith("--")]
    for line in english:
        assert line not in th.stdout


def test_thai_help_has_thai_examples():
    assert "--year ๒๕๖๙" in invoke("init", "--help", lang="th").stdout
    assert "--to ๒๕๖๙" in invoke("new-year", "--help", lang="th").stdout
