"""YAML syntax errors explained (yaml_errors.py): each mistake, its advice, its place, and the caret under it."""

import pytest
import yaml

from helpers import run_cli
from itareport import loader
from itareport.snippet import caret_lines, source_lines

# (name, data file, code, the message after "YAML syntax error: ", the two caret lines)
MISTAKES = [
    ("tab indentation", "agency:\n\tname: x\n", "ITA150", "2:1",
     "a tab character; YAML indents with spaces only: replace the tab with spaces",
     [" 2 | →   name: x",      # the tab shown, the caret under it
      "   | ^"]),
    ("tab among spaces", "agency:\n  name: x\n\t district: y\n", "ITA150", "3:1",
     "a tab character; YAML indents with spaces only: replace the tab with spaces",
     [" 3 | →    district: y",
      "   | ^"]),
    ("': ' in a text", "intro: ผลการดำเนินการ: ดีมาก\n", "ITA151", "1:22",
     "': ' inside a text makes YAML read it as a key; put the whole text in quotes: "
     'intro: "ผลการดำเนินการ: ดีมาก"',
     [" 1 | intro: ผลการดำเนินการ: ดีมาก",
      "   |                     ^"]),
    ("': ' twice in a list item", "steps:\n  - ติดตามผล: รายงาน: ผู้บริหาร\n", "ITA151", "2:21",
     "': ' inside a text makes YAML read it as a key; put the whole text in quotes: "
     '- "ติดตามผล: รายงาน: ผู้บริหาร"',
     [" 2 |   - ติดตามผล: รายงาน: ผู้บริหาร",
      "   |                    ^"]),
    ("a key indented less", "agency:\n  name: x\n district: y\n", "ITA152", "3:2",
     "this line starts at column 2, in line with no key or list item above it; start it at column 3 (like "
     "line 2) or column 1 (like line 1)",
     [" 3 |  district: y",
      "   |  ^"]),
    ("a key indented more", "agency:\n  name: x\n    district: y\n", "ITA152", "3:5",
     "this line is indented more than the key above it, so YAML reads it as more of that key's text; start it "
     "at column 3 (like line 2) or column 1 (like line 1), or if it does go on with that text, put the whole "
     "text in quotes",
     [" 3 |     district: y",
      "   |     ^"]),
    ("a list item indented less", "measures:\n  - title: ก\n    steps:\n      - ข\n     - ค\n", "ITA152", "5:6",
     "this line starts at column 6, in line with no key or list item above it; start it at column 7 (like "
     "line 4) or column 5 (like line 3)",
     [" 5 |      - ค",
      "   |      ^"]),
    ("a key among list items", "steps:\n  - ก\n  owner: ข\n", "ITA152", "3:3",
     "this line stands among list items but does not start with '- '; add '- ', or start it at column 1 "
     "(like line 1)",
     [" 3 |   owner: ข",
      "   |   ^"]),
    ("a key without ':'", "agency:\n  name: x\n  district\n  province: y\n", "ITA153", "3:3",
     "expected 'key: value' or a list item '- text' on this line; add ': ' after the key, or if the line goes "
     "on with the text above, indent it more than that text's key",
     [" 3 |   district",
      "   |   ^"]),
    ("'-' without a space", "steps:\n  - ก\n  -ข\n", "ITA153", "3:3",
     "a list item needs a space after '-': write '- ข'",
     [" 3 |   -ข",
      "   |   ^"]),
    ("an unclosed double quote", 'version: 1\nintro: "รายงาน\nowner: x\n', "ITA154", "2:8",
     'the quote " opened here is never closed; add the closing " at the end of the text',
     [' 2 | intro: "รายงาน',
      "   |        ^"]),
    ("an unclosed single quote", "intro: 'รายงาน\n", "ITA154", "1:8",
     "the quote ' opened here is never closed; add the closing ' at the end of the text",
     [" 1 | intro: 'รายงาน",
      "   |        ^"]),
    ("an unclosed list", "version: 1\nsteps: [ก, ข\nowner: x\n", "ITA155", "2:8",
     "the '[' opened here is not closed; add ']' at the end of the list, or if '[' is part of the text, put "
     "the whole text in quotes",
     [" 2 | steps: [ก, ข",
      "   |        ^"]),
    ("an unclosed mapping", "period: {from: 2567-10\nowner: x\n", "ITA155", "1:9",
     "the '{' opened here is not closed; add '}' at the end of the list, or if '{' is part of the text, put "
     "the whole text in quotes",
     [" 1 | period: {from: 2567-10",
      "   |         ^"]),
    ("a text starting with '@'", "owner: @กองคลัง\n", "ITA156", "1:8",
     "a text cannot start with '@' unless it is in quotes; put the whole text in quotes: owner: \"@กองคลัง\"",
     [" 1 | owner: @กองคลัง",
      "   |        ^"]),
    ("a text starting with '%'", "intro: %ร้อยละ 80\n", "ITA156", "1:8",
     "a text cannot start with '%' unless it is in quotes; put the whole text in quotes: intro: \"%ร้อยละ 80\"",
     [" 1 | intro: %ร้อยละ 80",
      "   |        ^"]),
    ("a text starting with '*'", "owner: *กองคลัง ฝ่าย\n", "ITA156", "1:8",
     "a text cannot start with '*' unless it is in quotes; put the whole text in quotes: owner: \"*กองคลัง ฝ่าย\"",
     [" 1 | owner: *กองคลัง ฝ่าย",
      "   |        ^"]),
    ("a text starting with '&'", "owner: & ฝ่าย\n", "ITA156", "1:8",
     "a text cannot start with '&' unless it is in quotes; put the whole text in quotes: owner: \"& ฝ่าย\"",
     [" 1 | owner: & ฝ่าย",
      "   |        ^"]),
    ("a text starting with '!'", "intro: !สำคัญ มาก\n", "ITA156", "1:8",
     "a text cannot start with '!' unless it is in quotes; put the whole text in quotes: intro: \"!สำคัญ มาก\"",
     [" 1 | intro: !สำคัญ มาก",
      "   |        ^"]),
    ("a text starting with '|'", "intro: | ข้อความ\n", "ITA156", "1:8",
     "a text cannot start with '|' unless it is in quotes; put the whole text in quotes: intro: \"| ข้อความ\"",
     [" 1 | intro: | ข้อความ",
      "   |        ^"]),
    ("a text after a closing bracket", "title: [ด่วน] ประชุม\n", "ITA157", "1:15",
     "the text goes on after the closing ]; a text that starts with a quote or a bracket must be quoted as a "
     'whole: title: "[ด่วน] ประชุม"',
     [" 1 | title: [ด่วน] ประชุม",
      "   |              ^"]),
    ("a text after a closing quote", 'intro: "ก" ข\n', "ITA157", "1:12",
     "the text goes on after the closing \"; a text that starts with a quote or a bracket must be quoted as a "
     "whole: intro: '\"ก\" ข'",
     [' 1 | intro: "ก" ข',
      "   |            ^"]),
    ("a backslash in double quotes", 'owner: "C:\\งาน"\n', "ITA158", "1:11",
     "inside double quotes a backslash starts an escape such as \\n; write \\\\ for a backslash, or use single "
     "quotes 'like this'",
     [' 1 | owner: "C:\\งาน"',
      "   |           ^"]),
    ("a list item after its key", "steps: - ก\n", "ITA159", "1:8",
     "a list item '- ' cannot follow a key on the same line; start each item on a line of its own, indented "
     "under the key (or put the text in quotes if '- ' is part of it)",
     [" 1 | steps: - ก",
      "   |        ^"]),
    ("two documents", "version: 1\n---\nversion: 1\n", "ITA160", "2:1",
     "a data file holds one document, and a second one starts here; delete the '---' or '...' line and merge "
     "what follows into the data above",
     [" 2 | ---",
      "   | ^"]),
    ("text after '...'", "version: 1\n...\nowner: x\n", "ITA160", "3:1",
     "a data file holds one document, and a second one starts here; delete the '---' or '...' line and merge "
     "what follows into the data above",
     [" 3 | owner: x",
      "   | ^"]),
    ("an undefined alias", "version: 1\nowner: *agency\n", "ITA161", "2:8",
     "*agency refers to an anchor &agency that is not defined above; if '*' is part of the text, put the whole "
     "text in quotes",
     [" 2 | owner: *agency",
      "   |        ^"]),
    ("a missing value in a list", "steps: [ก, , ข]\n", "ITA162", "1:12",
     "expected a value here, found ','; write the value, or put a text that holds ',' in quotes",
     [" 1 | steps: [ก, , ข]",
      "   |            ^"]),
]


@pytest.fixture(params=["libyaml", "pyyaml"])
def yaml_parser(request, monkeypatch):
    """The same advice whether PyYAML runs on libyaml (its own words differ) or on its pure-Python parser."""
    if request.param == "pyyaml":
        monkeypatch.setattr(loader, "_Loader", yaml.SafeLoader)
    elif not yaml.__with_libyaml__:
        pytest.fail("PyYAML was installed without libyaml")
    return request.param


@pytest.mark.parametrize("name, text, code, where, message, carets", MISTAKES, ids=[m[0] for m in MISTAKES])
def test_each_mistake_is_explained_where_it_is(yaml_parser, name, text, code, where, message, carets):
    loaded = loader.load_text(text, "x.yaml")
    [d] = loaded.diagnostics
    assert (d.code, f"{d.line}:{d.col}", d.message) == (code, where, "YAML syntax error: " + message)
    assert caret_lines(d.line, d.col, source_lines(text)[d.line - 1]) == carets


def test_the_suggested_quoting_loads():
    """The fix the message proposes is valid YAML that reads back as the text written."""
    for text, expected in (("intro: ผลการดำเนินการ: ดีมาก\n", "ผลการดำเนินการ: ดีมาก"),
                           ("owner: @กองคลัง\n", "@กองคลัง"),
                           ('intro: "ก" ข\n', '"ก" ข'),
                           ("title: [ด่วน] ประชุม\n", "[ด่วน] ประชุม")):
        message = loader.load_text(text, "x.yaml").diagnostics[0].message
        fixed = message.rsplit("quotes: ", 1)[1] if "quotes: " in message else message.rsplit("whole: ", 1)[1]
        assert list(yaml.safe_load(fixed).values()) == [expected]


def test_validate_prints_the_source_line_and_caret(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("version: 1\nagency:\n  name: เทศบาล\nintro: ผลการดำเนินการ: ดีมาก\n", encoding="utf-8")
    result = run_cli("validate", path)
    assert result.returncode == 1
    assert result.stdout.splitlines()[:3] == [
        f"{path}:4:22: error: YAML syntax error: ': ' inside a text makes YAML read it as a key; put the whole "
        'text in quotes: intro: "ผลการดำเนินการ: ดีมาก" [ITA151]',
        " 4 | intro: ผลการดำเนินการ: ดีมาก",
        "   |                     ^"]
    as_json = run_cli("validate", path, "--format", "json")
    assert "^" not in as_json.stdout and " 4 | " not in as_json.stdout   # JSON unchanged


@pytest.mark.parametrize("line, col, expected", [
    ("\tname: x", 2, [" 7 | →   name: x", "   |     ^"]),                  # a tab shows as an arrow ...
    ("\tname: x", 1, [" 7 | →   name: x", "   | ^"]),                      # ... with the caret under it
    ("a: 'ก\tข'", 6, [" 7 | a: 'ก→   ข'", "   |      ^"]),
    ("- กำกับ ติดตาม", 9, [" 7 | - กำกับ ติดตาม", "   |        ^"]),         # vowels above take no column
    ("名前: x", 3, [" 7 | 名前: x", "   |     ^"]),                           # wide characters take two
    ("a\x1b[31mb", 2, [" 7 | a\ufffd[31mb", "   |  ^"]),                    # no terminal escapes printed
])
def test_caret_lines(line, col, expected):
    assert caret_lines(7, col, line) == expected


def test_a_long_line_is_shown_around_the_caret():
    shown, caret = caret_lines(1, 500, "ก" * 1000)
    assert shown.startswith(" 1 | ...") and shown.endswith("...") and len(shown) < 120
    assert caret.index("^") == shown.index("ก") + 50
