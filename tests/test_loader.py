"""The loader: text stays text, every value is located, hostile YAML is refused with a location."""

import pytest

from itareport.errors import DataError, InputError
from itareport.loader import MAX_BYTES, load_text, read_source


def messages(loaded):
    return [d.format(code=False) for d in loaded.diagnostics]


def test_yaml_11_surprises_stay_text():
    loaded = load_text("no: yes\non: off\nversion: 1.10\nwhen: 2567-10-01\nempty:\nq: 'null'\n", "f.yaml")
    assert loaded.diagnostics == []
    assert loaded.data == {"no": "yes", "on": "off", "version": "1.10", "when": "2567-10-01",
                           "empty": None, "q": "null"}


def test_positions_of_values_and_keys_are_one_based():
    loaded = load_text("agency:\n  name: ก\nmeasures:\n  - title: x\n", "f.yaml")
    assert loaded.positions[("agency", "name")] == (2, 9)
    assert loaded.key_positions[("agency", "name")] == (2, 3)
    assert loaded.positions[("measures", 0, "title")] == (4, 12)


def test_duplicate_key_is_an_error_at_the_second_key():
    loaded = load_text("a: 1\nb: 2\na: 3\n", "f.yaml")
    assert messages(loaded) == ["f.yaml:3:1: error: a: duplicate key 'a' (first written at line 1); keep one"]
    assert loaded.data == {"a": "1", "b": "2"}


def test_billion_laughs_is_capped():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    loaded = load_text("\n".join(lines) + "\n", "bomb.yaml")
    assert loaded.data is None
    [diag] = loaded.diagnostics
    assert "values after expanding aliases" in diag.message
    assert diag.file == "bomb.yaml" and diag.line >= 1


def test_recursive_alias_is_refused():
    loaded = load_text("a: &x [1, *x]\n", "r.yaml")
    assert [d.message for d in loaded.diagnostics] == ["an alias refers to itself (recursive data)"]


def test_python_tags_are_never_constructed(tmp_path):
    marker = tmp_path / "pwned"
    loaded = load_text(f"a: !!python/object/apply:os.system ['touch {marker}']\n", "t.yaml")
    assert not marker.exists()
    assert messages(loaded) == [
        "t.yaml:1:4: error: a: tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed: "
        "only plain data (text, lists, mappings)"]


def test_syntax_error_is_located():
    loaded = load_text("a: [1, 2\nb: 3\n", "s.yaml")
    [diag] = loaded.diagnostics
    assert (diag.line, diag.col, diag.severity, diag.code) == (1, 4, "error", "ITA155")  # where '[' opened
    assert diag.message.startswith("YAML syntax error:")


def test_raw_control_characters_are_reported_and_parsing_goes_on():
    loaded = load_text("a: x\x07y\nb: [\n", "c.yaml")
    assert loaded.diagnostics[0].format(code=False) == \
        "c.yaml:1:5: error: control character U+0007 is not allowed; delete it"
    assert len(loaded.diagnostics) == 2  # and the syntax error after it


def test_empty_and_comment_only_files_have_no_data():
    for text in ("", "# only a comment\n"):
        loaded = load_text(text, "e.yaml")
        assert [d.message for d in loaded.diagnostics] == [
            "the file has no data: expected a mapping with version, agency, fiscal_year and measures"]


def test_bom_is_accepted_and_other_encodings_are_named(tmp_path):
    good = tmp_path / "bom.yaml"
    good.write_bytes("\ufeffa: ก\n".encode("utf-8"))
    assert read_source(good) == "a: ก\n"
    tis = tmp_path / "tis.yaml"
    tis.write_bytes("a: ก\n".encode("cp874"))
    with pytest.raises(DataError) as info:
        read_source(tis)
    assert info.value.diagnostics[0].format(code=False) == (
        f"{tis}:1:4: error: expected UTF-8 text, found byte 0xA1 (the file looks like Thai TIS-620 / "
        "Windows-874); save the file as UTF-8")
    utf16 = tmp_path / "u16.yaml"
    utf16.write_bytes("a: ก\n".encode("utf-16-le"))
    with pytest.raises(DataError) as info:
        read_source(utf16)
    assert "looks like UTF-16 without a byte order mark" in info.value.diagnostics[0].message


def test_size_cap_and_folders(tmp_path):
    big = tmp_path / "big.yaml"
    with open(big, "wb") as handle:
        handle.truncate(MAX_BYTES + 1)
    with pytest.raises(InputError, match="larger than the 25 MB limit"):
        read_source(big)
    with pytest.raises(InputError, match="is a folder"):
        read_source(tmp_path)
    with pytest.raises(InputError, match="no such file"):
        read_source(tmp_path / "missing.yaml")
