"""Thai typography: a no-break space joins "พ.ศ." and "ร้อยละ" to their number, and a number to
the unit word after it, in every format (applied once, in the view)."""

from __future__ import annotations

import pytest

from helpers import body_paragraphs, table_rows, write_data
from itareport.build import BuildOptions, build_file
from itareport.thai import no_break_spaces

NBSP = "\u00a0"


@pytest.mark.parametrize("text, expected", [
    ("ตุลาคม พ.ศ. ๒๕๖๗ - กันยายน พ.ศ. ๒๕๖๘", f"ตุลาคม พ.ศ.{NBSP}๒๕๖๗ - กันยายน พ.ศ.{NBSP}๒๕๖๘"),
    ("ไม่น้อยกว่าร้อยละ 80 ของ", f"ไม่น้อยกว่าร้อยละ{NBSP}80 ของ"),
    ("มีผู้เข้าร่วม ๔๕ คน จำนวน 1,250.50 บาท", f"มีผู้เข้าร่วม ๔๕{NBSP}คน จำนวน 1,250.50{NBSP}บาท"),
    ("ปี 2568 และ พ.ศ. ....", "ปี 2568 และ พ.ศ. ...."),       # no number: left alone
    ("ISO 9001 ร้อยละ", "ISO 9001 ร้อยละ"),
])
def test_no_break_spaces(text, expected):
    assert no_break_spaces(text) == expected


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    work = tmp_path_factory.mktemp("typo")

    def change(data):
        data["measures"][0]["results"] = ["มีผู้เข้าร่วม 45 คน คิดเป็นร้อยละ 90"]

    source = write_data(work / "typo.yaml", change)
    (work / "out").mkdir()
    build_file(source, BuildOptions(output=work / "out", formats=("docx", "html", "md"), many=True))
    return {fmt: work / "out" / f"typo.{fmt}" for fmt in ("docx", "html", "md")}


def test_docx(outputs):
    assert f"ประจำปีงบประมาณ พ.ศ.{NBSP}๒๕๖๘" in body_paragraphs(outputs["docx"])
    row = table_rows(outputs["docx"])[1]
    assert row[3] == [f"ปีงบประมาณ พ.ศ.{NBSP}๒๕๖๘"]
    assert row[4] == [f"-\tมีผู้เข้าร่วม ๔๕{NBSP}คน คิดเป็นร้อยละ{NBSP}๙๐"]


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_html_and_markdown(outputs, fmt):
    text = outputs[fmt].read_text(encoding="utf-8")
    assert f"ปีงบประมาณ พ.ศ.{NBSP}๒๕๖๘" in text and "พ.ศ. ๒๕๖๘" not in text
    assert f"มีผู้เข้าร่วม ๔๕{NBSP}คน คิดเป็นร้อยละ{NBSP}๙๐" in text
