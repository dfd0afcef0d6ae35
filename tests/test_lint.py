"""itareport lint: each check, where findings are located, the allow-list, exit codes, and PyThaiNLP
kept offline, read-only and out of the user's home."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import unicodedata
from pathlib import Path

import pytest

from helpers import DATA, ROOT, run_cli, run_process
from itareport.lint import check_text, lint_file, load_dictionary

HEADER = "version: 1\nagency: {name: เทศบาลตำบลโคกสูงสัมพันธ์}\nfiscal_year: 2568\n"


@pytest.fixture(scope="module")
def dictionary():
    return load_dictionary()


def kinds(text: str, dictionary) -> list[tuple[str, str, tuple]]:
    return [(f.kind, f.fragment, f.suggestions) for f in check_text(text, dictionary)]


@pytest.mark.parametrize("text, expected", [
    ("ประชาสัมพันธ์ให้บุคคลภายใรับทราบ", ("unknown-word", "บุคคลภายใ", "บุคคลภายใน")),   # a whole word
    ("จัดอบรมภายใหน่วยงาน", ("unknown-word", "ภายใ", "ภายใน")),
    ("ส่งเสริมกิจกรรรมของหน่วยงาน", ("near-word", "กิจกรรรม", "กิจกรรม")),
    ("ช่องทางที่คุ่มครองผู้ให้ข้อมูล", ("near-word", "คุ่มครอง", "คุ้มครอง")),
    ("ประชาสัมพันธ์ให้สาธารณะชนรับทราบ", ("near-word", "สาธารณะชน", "สาธารณชน")),
    ("แผนปฏิบัติการ การการ ทุจริต", ("doubled", "การการ", "การ")),
    ("เรื่องร้องเรียนการทุจริตและประพฤติมิ ชอบ", ("split-word", "ประพฤติมิ ชอบ", "ประพฤติมิชอบ")),
    ("<p>จัดทำคู่มือ", ("markup", "<p>", None)),
    ("ตัวชี้วัด O๒๖ และ O27", ("mixed-digits", "O๒๖", "O26")),
    ("จัดประชุม,, ชี้แจง", ("punctuation", ",,", ",")),
    ("ต่าง ๆ ๆ", ("punctuation", "ๆ ๆ", "ๆ")),
    ("หน่วยงานภายnน", ("look-alike", "หน่วยงานภายnน", None)),
    ("เเผนปฏิบัติการ", ("look-alike", "เเผนปฏิบัติการ", "แผนปฏิบัติการ")),
    ("ภาย\u200bใน", ("invisible", "ภาย<U+200B>ใน", "ภายใน")),
])
def test_each_check_finds_its_damage_with_a_suggestion(dictionary, text, expected):
    kind, fragment, suggestion = expected
    found = check_text(text, dictionary)
    assert [(f.kind, f.fragment) for f in found] == [(kind, fragment)], found
    if suggestion is None:
        assert found[0].suggestions == ()
    else:
        assert found[0].suggestions[0] == suggestion
    assert text[found[0].start:found[0].end].replace("\u200b", "<U+200B>") == fragment


@pytest.mark.parametrize("text", [
    "ลดโอกาสในการเกิดทุจริต คู่มือดังกล่าวช่วยให้เจ้าหน้าที่สามารถระบุและประเมินความเสี่ยงการทุจริตได้",
    "ประจำปีงบประมาณ พ.ศ. ๒๕๖๘ ให้บุคลากรภายในหน่วยงานทราบ",
    "นโยบายไม่รับของขวัญ (No Gift Policy) ผ่านช่องทางออนไลน์ (Line, Facebook) ตัวชี้วัด O26 ปี 2568",
    "ดูที่ https://www.example.go.th/ita//o26 และ Dos & Don't ต่าง ๆ ฯลฯ ...",
    "มาตรการการใช้ทรัพย์สินของทางราชการ",
])
def test_good_text_has_no_findings(dictionary, text):
    assert check_text(text, dictionary) == []


def locate(source: str, fragment: str) -> tuple[int, int]:
    at = source.index(fragment)
    assert source.count(fragment) == 1
    return source.count("\n", 0, at) + 1, at - source.rfind("\n", 0, at)


@pytest.mark.parametrize("title", [
    "จัดทำกิจกรรรมเสริมสร้าง",                                   # plain
    "'ที่ ''คุณ'' จัดทำกิจกรรรมเสริมสร้าง'",                          # single-quoted, '' inside
    '"Dos & Don\'t: จัดทำกิจกรรรมเสริมสร้าง"',                       # double-quoted
    ">-\n      ส่งเสริมคุณธรรมและจริยธรรมภายในหน่วยงาน\n      จัดทำกิจกรรรมเสริมสร้าง",  # folded, 2nd line
    "|\n      ส่งเสริมคุณธรรม\n        จัดทำกิจกรรรมเสริมสร้าง",                     # literal, indented more
    "ส่งเสริมคุณธรรมและจริยธรรม\n      จัดทำกิจกรรรมเสริมสร้าง",                  # plain over two lines
])
def test_a_finding_points_at_its_fragment_in_every_scalar_style(tmp_path, title):
    path = tmp_path / "styles.yaml"
    source = HEADER + "measures:\n  - title: " + title + "\n    owner: สำนักปลัด\n"
    path.write_text(source, encoding="utf-8")
    found = lint_file(path).findings
    assert len(found) == 1, found
    line, col = locate(source, "กิจกรรรม")
    assert (found[0].line, found[0].col) == (line, col), (found[0], source)
    assert found[0].path == "measures[1].title"
    assert "near-word: 'กิจกรรรม'" in found[0].message and "'กิจกรรม'" in found[0].message


@pytest.mark.parametrize("title", [
    '"\\u0e1b\\u0e23\\u0e30\\u0e0a\\u0e38\\u0e21 กิจกรรรมเสริมสร้าง"',   # escapes of a double-quoted text are read
    '"ผู้บริหาร\\tที่ปรึกษา\\\\ \\"กิจกรรรมเสริมสร้าง"',
    '"ผู้บริหาร\\\n      กิจกรรรมเสริมสร้าง"',          # an escaped line break
])
def test_a_finding_after_escapes_points_at_its_fragment(tmp_path, title):
    path = tmp_path / "escape.yaml"
    source = HEADER + "measures:\n  - title: " + title + "\n"
    path.write_text(source, encoding="utf-8")
    found = lint_file(path).findings
    assert [(d.line, d.col) for d in found] == [locate(source, "กิจกรรรม")], found


def write_unknown_word_file(folder: Path) -> Path:
    path = folder / "agency.yaml"
    path.write_text(HEADER + "measures:\n  - title: ประชุมที่บ้านฆฌฒ\n", encoding="utf-8")
    return path


def test_the_allow_list_beside_the_data_file_silences_the_agencys_words(tmp_path):
    path = write_unknown_word_file(tmp_path)
    found = lint_file(path).findings
    assert [d.message.split(" is ")[0] for d in found] == ["unknown-word: 'ฆฌฒ'"]
    assert found[0].message.endswith(f"(if it is right, add it to {tmp_path / 'agency.words.txt'})")
    (tmp_path / "agency.words.txt").write_text("# names\nฆฌฒ  # a village\n", encoding="utf-8")
    assert lint_file(path).findings == []
    (tmp_path / "agency.words.txt").unlink()
    (tmp_path / "words.txt").write_text("ฆฌฒ\n", encoding="utf-8")
    assert lint_file(path).findings == []


def test_comments_and_keys_are_not_linted(tmp_path):
    path = tmp_path / "comments.yaml"
    path.write_text(HEADER + "# ต้นฉบับ: กิจกรรรม <p>\nmeasures:\n  - title: กิจกรรม  # คุ่มครอง\n", encoding="utf-8")
    assert lint_file(path).findings == []


def test_cli_exit_codes_and_output(tmp_path):
    clean = tmp_path / "clean.yaml"
    clean.write_text(HEADER + "measures:\n  - title: การป้องกันการทุจริต\n", encoding="utf-8")
    dirty = write_unknown_word_file(tmp_path)
    broken = tmp_path / "broken.yaml"
    broken.write_text("measures: [\n", encoding="utf-8")
    result = run_cli("lint", clean)
    assert (result.returncode, result.stdout.strip()) == (0, "OK: nothing found in 1 file"), result.stderr
    result = run_cli("lint", clean, dirty)
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [
        f"{dirty}:5:25: warning: measures[1].title: unknown-word: 'ฆฌฒ' is not in the Thai dictionary "
        f"(if it is right, add it to {tmp_path / 'agency.words.txt'}) [ITA401]",
        " 5 |   - title: ประชุมที่บ้านฆฌฒ",
        "   |                     ^",
        "FAILED: 1 finding in 2 files"]
    result = run_cli("lint", broken)
    assert result.returncode == 1 and f"{broken}:2:1: error: YAML syntax error" in result.stdout, result.stdout
    result = run_cli("lint", tmp_path / "missing.yaml")
    assert result.returncode == 2 and "missing.yaml: no such file" in result.stderr
    (tmp_path / "empty").mkdir()
    result = run_cli("lint", cwd=tmp_path / "empty")
    assert result.returncode == 2 and "neither data/*.yaml nor a data file" in result.stderr


def test_validate_lint_adds_the_findings_as_warnings(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text(HEADER + "measures:\n  - title: <p>กิจกรรรม\n    steps: [ประชุม]\n    owner: สำนักปลัด\n"
                             "    period: fiscal-year\n    results: [ประชุม]\n    outcomes: [ประชุม]\n",
                    encoding="utf-8")
    plain = json.loads(run_cli("validate", "--format", "json", path).stdout)
    linted = run_cli("validate", "--lint", "--format", "json", path)
    assert linted.returncode == 0, linted.stderr
    extra = [d for d in json.loads(linted.stdout)["files"][0]["diagnostics"]
             if d not in plain["files"][0]["diagnostics"]]
    # the markup is validate's own warning already: --lint does not repeat it
    assert [(d["line"], d["col"], d["severity"], d["message"].split(" looks")[0]) for d in extra] == [
        (5, 15, "warning", "near-word: 'กิจกรรรม'")]
    assert run_cli("validate", "--lint", "--strict", path).returncode == 1
    undecodable = tmp_path / "latin1.yaml"
    undecodable.write_bytes(b"version: 1\ntitle: \xff\n")
    both = run_cli("validate", "--lint", undecodable, path)
    assert both.returncode == 1 and both.stdout.splitlines()[-1] == "FAILED: 1 error, 2 warnings in 2 files", \
        both.stdout + both.stderr


FAKE_MISSING = "raise ModuleNotFoundError(\"No module named 'pythainlp'\", name='pythainlp')\n"


@pytest.mark.parametrize("command", [["lint"], ["validate", "--lint"]])
def test_without_the_thai_extra_lint_says_how_to_install_it(tmp_path, command):
    (tmp_path / "pythainlp.py").write_text(FAKE_MISSING, encoding="utf-8")
    result = run_process(*command, DATA, env={"PYTHONPATH": os.pathsep.join([str(tmp_path), os.environ.get("PYTHONPATH", "")])})  # a fresh process: the import fails
    assert result.returncode == 2, result.stdout + result.stderr
    assert 'pip install ".[thai]" in the itareport folder' in result.stderr
    assert "Traceback" not in result.stderr


GUARDED = textwrap.dedent("""
    import sys
    events = []
    def hook(event, args):
        if event.startswith("socket.") or event == "urllib.Request":
            events.append(event)
            raise RuntimeError("network use: " + event)
    sys.addaudithook(hook)
    from itareport.cli import main
    sys.argv = ["itareport", *sys.argv[1:]]
    try:
        main()
    except SystemExit as exc:
        code = exc.code
    print("EVENTS", events, "EXIT", code)
""")


def test_lint_uses_no_network_and_writes_nothing_in_home(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHAINLP_")}
    env.update(HOME=str(home), USERPROFILE=str(home), CI="true", PYTHONIOENCODING="utf-8")
    path = write_unknown_word_file(tmp_path)
    result = subprocess.run([sys.executable, "-c", GUARDED, "lint", str(path)], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.stdout.splitlines()[-1] == "EVENTS [] EXIT 1", result.stdout + result.stderr
    assert list(home.iterdir()) == []


def test_validate_without_lint_does_not_import_pythainlp():
    code = ("import sys\nfrom itareport.cli import main\nsys.argv = ['itareport', 'validate', sys.argv[1]]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\nprint('LOADED', 'pythainlp' in sys.modules)\n")
    result = subprocess.run([sys.executable, "-c", code, str(DATA)], cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "CI": "true", "PYTHONIOENCODING": "utf-8"}, timeout=300)
    assert result.stdout.splitlines()[-1] == "LOADED False", result.stdout + result.stderr


# --- issue 23: the typos officers make, abbreviations that stay quiet, the caret ------------------

@pytest.mark.parametrize("text, expected", [
    ("ประชาสัมพันธข่าวสารให้ประชาชนทราบ", ("near-word", "ประชาสัมพันธ", "ประชาสัมพันธ์")),   # no ์
    ("จัดกิจกรรมอนุรักษทรัพยากรธรรมชาติ", ("near-word", "อนุรักษ", "อนุรักษ์")),
    ("ติดตั้งตูรับเรื่องร้องเรียน", ("near-word", "ตู", "ตู้")),                                # a lost tone mark
    ("ตรวจสอบความถูกตองของเอกสาร", ("near-word", "ความถูกตอง", "ความถูกต้อง")),
    ("เจ้าหน้าที่่ทุกคนลงนามรับทราบ", ("unknown-word", "เจ้าหน้าที่่", "เจ้าหน้าที่")),  # a doubled one
    ("ชี้แจงแนวทางการใช้งบประมาน.", ("near-word", "งบประมาน", "งบประมาณ")),                  # before "."
    ("กองช่างรับผิดชอบการจัดทำโครงกาน.", ("near-word", "โครงกาน", "โครงการ")),
    ("ส่งหนังสือแจ้งเวียนไปยังทุกหนว่ยงาน.", ("unknown-word", "หนว่ยงาน", "หน่วยงาน")),      # the whole word
    ("ผู้รับผิดชอบโครงการ (สำนักปลัต)", ("unknown-word", "ปลัต", "ปลัด")),                     # before ")"
    ("จัดกิจกรรมส่งเสริม กข คุณธรรม", ("stray-letters", "กข", "")),
    ("แจ้งบุคลากรภายในหน่วยงาน d ทราบทั่วกัน", ("stray-letters", "d", "")),
    ("เผยแพร่ข้อมูลบนเว็บไซต์ขfองหน่วยงาน", ("look-alike", "ขfอง", "ของ")),
    ("ไม่ปรากฎข้อร้องเรียนในรอบปี", ("unknown-word", "ปรากฎ", "ปรากฏ")),
    ("เปิดโอกาศให้ประชาชนแสดงความคิดเห็น", ("near-word", "เปิดโอกาศ", "เปิดโอกาส")),  # listed, not official
])
def test_the_typos_officers_make_are_found_with_the_whole_word(dictionary, text, expected):
    kind, fragment, suggestion = expected
    found = check_text(text, dictionary)
    assert [(f.kind, f.fragment, f.suggestions[:1]) for f in found] == [(kind, fragment, (suggestion,))], found
    assert text[found[0].start:found[0].end] == fragment


@pytest.mark.parametrize("text", [
    "ปลัดอบต. และนายก อบต ชุมแพ ประชุมร่วมกับ อปท. ในพื้นที่",                 # glued, without its stop
    "ตำบลโคกสูงอ.ชุมแพ จ.ขอนแก่น โทร. ๐ ๔๓๓๑ ๒๔๕๖ เวลา ๑๖.๓๐ น.",
    "ยื่นต่อสำนักงาน ป.ป.ช. ภายในปีงบประมาณพ.ศ.๒๕๖๘ ตามหนังสือ สถ.จ.ขก. ผอ.กองคลัง รับทราบ",
    "ดำเนินการแล้วเสร็จตามกำหนดเวลา. รายงานผลให้ผู้บริหารทราบ (สำนักปลัด)",      # real words before . and )
    "แบ่งเป็น กลุ่ม ก และ กลุ่ม ข ตามหนังสือ ที่ ขก ๐๐๒๓.๓/ว ๕๖๗๘",               # list letters and codes
    "สร้างสัมพันธภาพที่ดี ประชาสัมพันธ์ทุกวันศุกร์ ติดตั้งตู้รับเรื่องร้องเรียน",
    "ผลการประเมินอยู่ในระดับ A และ AA ตามเกณฑ์",
])
def test_abbreviations_codes_and_correct_words_stay_quiet(dictionary, text):
    assert check_text(text, dictionary) == []


def _display_columns(text: str) -> int:
    """Terminal columns of a text, counted here without snippet.py: Thai marks above and below take none."""
    return sum(0 if unicodedata.category(c) in ("Mn", "Me") else 1 for c in text)


@pytest.mark.parametrize("title", [
    "ผู้บริหารที่ปรึกษาเจ้าหน้าที่ทุกคนต้องปฏิบัติตามคู่มือกิจกรรรมเสริมสร้าง",     # marks all along the line
    "'ผู้บริหาร\tที่ปรึกษาเจ้าหน้าที่ทุกคนกิจกรรรมเสริมสร้าง'",                        # a tab before it
    "ผู้บริหารที่ปรึกษา" * 6 + "กิจกรรรมเสริมสร้าง",                                  # a long line: a window
])
def test_the_caret_sits_under_the_first_letter_of_the_finding(tmp_path, title):
    path = tmp_path / "caret.yaml"
    source = HEADER + "measures:\n  - title: " + title + "\n"
    path.write_text(source, encoding="utf-8")
    result = run_cli("lint", path)
    out = result.stdout.splitlines()
    at = next(i for i, line in enumerate(out) if "near-word: 'กิจกรรรม'" in line)
    shown, caret = out[at + 1], out[at + 2]
    assert shown.startswith(" 5 | ") and caret.endswith("^"), result.stdout
    assert ("\t" in title) == ("→   " in shown) and "\t" not in shown
    assert _display_columns(caret) - 1 == _display_columns(shown[:shown.index("กิจกรรรม")]), (shown, caret)
