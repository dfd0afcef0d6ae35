"""The Thai dictionary lint and import share (thai_dictionary.py): its lists, its one-edit search,
the agency's allow-list, and import without the optional PyThaiNLP extra."""

from __future__ import annotations

import ast

import pytest

from helpers import ROOT
from itareport import thai_dictionary
from itareport.importer import thaifix
from itareport.thai_dictionary import ThaiExtraMissing, dictionary_for, load_dictionary


@pytest.fixture(scope="module")
def dictionary():
    return load_dictionary()


def test_official_spellings_frequencies_and_lists(dictionary):
    assert dictionary.known("สัมพันธ") and not dictionary.official("สัมพันธ")   # PyThaiNLP lists it; the ORST does not
    assert dictionary.official("ประชาสัมพันธ์") and dictionary.official("โอกาส") and not dictionary.official("โอกาศ")
    assert dictionary.frequency("ต้อง") > 100 * dictionary.frequency("ตอง") > 0
    assert dictionary.frequency("สาธารณชน") > 0        # the textbook corpus fills what the national one lacks
    assert not dictionary.known("น.") and dictionary.is_abbreviation("อบต") and dictionary.is_abbreviation("โทร")
    assert dictionary.slips["ตู"] == "ตู้"


@pytest.mark.parametrize("written, expected", [
    ("กิจกรรรม", {"กิจกรรม"}),           # a letter twice
    ("คุ่มครอง", {"คุ้มครอง"}),          # a tone mark changed
    ("ขอมูล", {"ข้อมูล"}),              # a tone mark left out
    ("ประสบการ", {"ประสบการณ์"}),        # a silent letter left out ...
    ("สวัสดิการณ์", {"สวัสดิการ"}),      # ... or added
    ("ผู้บิรหาร", {"ผู้บริหาร"}),         # two letters swapped
])
def test_one_edit_finds_the_word(dictionary, written, expected):
    assert expected <= dictionary.one_edit(written)
    assert written not in dictionary.one_edit(written)


def test_the_allow_list_beside_a_data_file_is_part_of_its_dictionary(tmp_path):
    data = tmp_path / "agency.yaml"
    data.write_text("version: 1\n", encoding="utf-8")
    assert not dictionary_for(data).known("ฆฌฒ")
    (tmp_path / "agency.words.txt").write_text("ฆฌฒ  # a village\n", encoding="utf-8")
    assert dictionary_for(data).known("ฆฌฒ") and dictionary_for(data).official("ฆฌฒ")


def test_import_respells_without_the_thai_extra(monkeypatch):
    def missing(allowed=frozenset()):
        raise ThaiExtraMissing("no PyThaiNLP")

    monkeypatch.setattr(thai_dictionary, "load_dictionary", missing)
    assert thai_dictionary.optional_dictionary() is None
    assert thaifix.respell("ผู)บริหาร") == "ผู้บริหาร"     # the rule alone: ')' between Thai letters is mai tho


def test_import_does_not_import_lint():
    source = (ROOT / "src" / "itareport" / "importer" / "thaifix.py").read_text(encoding="utf-8")
    imported = {node.module for node in ast.walk(ast.parse(source)) if isinstance(node, ast.ImportFrom)}
    assert "thai_dictionary" in imported and not any(m and m.startswith("lint") for m in imported)
