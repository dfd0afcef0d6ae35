"""The YAML writer used by import, init and new-year: any text reads back as itself.

Random texts go through yaml_writer.dump_yaml and come back through itareport.loader.load_text
(and PyYAML's safe_load) unchanged; texts YAML would take for something else are quoted.
"""

import re

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from itareport.loader import load_text
from itareport.yaml_writer import BLANK, dump_yaml, is_plain_safe, quote, scalar

THAI = st.characters(min_codepoint=0x0E01, max_codepoint=0x0E5B)
TRICKY = st.sampled_from([*list(": #-?,[]{}&*!|>'\"%@`~\\\t\n\r\x85\u2028\u2029\ufeff\x00\x07\x1b\x7f\x9f\xa0"), "yes", "no", "on", "off", "null", "~", "true", "1.10", "0x1F", "1e3", "2567-10-01", "12:30", "<<", "=", ".inf", ".nan", "0o17", "+1", "---", "...", "- ", "? ", ": "])
TEXTS = st.one_of(
    st.text(),
    st.text(st.one_of(THAI, st.characters(min_codepoint=0x20, max_codepoint=0x7E))),
    st.lists(st.one_of(TRICKY, st.text(THAI, max_size=3)), max_size=6).map("".join),
)


def reread(text):
    loaded = load_text(text, "t.yaml")
    assert not loaded.diagnostics, [d.format() for d in loaded.diagnostics]
    return loaded.data


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_any_text_round_trips_through_the_writer_and_the_loader(text):
    data = {"title": text, "steps": [text, "x"], "period": {"from": text}}
    written = dump_yaml(data)
    assert reread(written) == data
    assert yaml.safe_load(written) == data  # a plain YAML reader sees texts too, not dates or booleans


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_plain_texts_are_not_numbers_booleans_or_nulls_for_yaml_1_2_readers(text):
    if is_plain_safe(text):
        assert not re.fullmatch(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|0x[0-9a-fA-F]+|0o[0-7]+"
                                r"|true|false|null|True|False|Null|TRUE|FALSE|NULL|~", text)
        assert scalar(text) == text


@pytest.mark.parametrize("text", ["yes", "No", "on", "OFF", "null", "~", "", " ", "1.10", "2568", "๒๕๖๘x: y",
                                  "2567-10-01", "12:30", "- ข้อ", "a #b", "a: b", "ข้อความ:", "#ก", "&anchor",
                                  "*alias", "!tag", "'ก'", '"ก"', "[ก]", "{ก}", "%ก", "@ก", "`ก", "|ก", ">ก",
                                  "ก ", " ก", "ก\nข", "ก\tข", "=", "<<", "0x10", "1e3", ".5"])
def test_texts_yaml_would_misread_are_quoted(text):
    written = scalar(text)
    assert written.startswith('"'), written
    assert reread(f"k: {written}\n") == {"k": text}


@pytest.mark.parametrize("text", ["การป้องกันการทุจริต", "Dos & Don't", "๒๕๖๗-๑๐", "2567-10", "O26",
                                  "ร้อยละ ๘๐ (Line, Facebook)", "คู่มือ/แนวทาง - ฉบับที่ 2", "No Gift Policy"])
def test_ordinary_texts_stay_plain_and_thai_is_not_escaped(text):
    assert scalar(text) == text


def test_numbers_and_escapes():
    assert scalar(2568) == "2568" and scalar(True) == "true"
    assert quote("ก\x85ข\u2028\x00\x1b") == '"ก\\Nข\\L\\0\\x1B"'


def test_block_layout_with_comments_blank_lines_and_empty_lists():
    data = {"version": 1, "agency": {"name": "เทศบาล", "district": None},
            "measures": [{"title": "ก", "steps": ["๑", "yes"], "results": [], "period": {"from": "2567-10"}},
                         {"title": "ข", "activities": [{"title": "ค", "steps": ["x"]}]}]}
    comments = {("measures", 0): ["๑."], ("measures", 1): [BLANK, "๒.\nสองบรรทัด"],
                ("measures", 1, "activities", 0, "title"): ["ชื่อกิจกรรม"]}
    text = dump_yaml(data, comments, ["# yaml-language-server: $schema=x.json", "หัว"])
    assert text == """\
# yaml-language-server: $schema=x.json
# หัว
version: 1
agency:
  name: เทศบาล
measures:
  # ๑.
  - title: ก
    steps:
      - ๑
      - "yes"
    results: []
    period:
      from: 2567-10

  # ๒.
  # สองบรรทัด
  - title: ข
    activities:
      # ชื่อกิจกรรม
      - title: ค
        steps:
          - x
"""
    assert reread(text) == {"version": "1", "agency": {"name": "เทศบาล"}, "measures": [
        {"title": "ก", "steps": ["๑", "yes"], "results": [], "period": {"from": "2567-10"}},
        {"title": "ข", "activities": [{"title": "ค", "steps": ["x"]}]}]}
