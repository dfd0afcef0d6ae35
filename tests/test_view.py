"""The view: its columns with their types, and an agency's broken template explained in the user's
language with the template's file and line."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers import VALID
from itareport.errors import ItareportError
from itareport.i18n import language, set_language
from itareport.kinds import DEFAULT_KIND, KINDS, Col
from itareport.loader import load_text
from itareport.validate import validate_loaded
from itareport.view import build_view

COLUMNS = """\
columns:
  - {key: title, header: มาตรการ}
  - {key: budget, header: งบประมาณ 2568, type: money, total: true, width: 2}
  - {key: period, header: ระยะเวลา, type: period}
"""


def report(text: str = VALID):
    checked = validate_loaded(load_text(text, "x.yaml"))
    assert checked.ok, checked.diagnostics
    return checked.report


def test_the_view_knows_each_column_type_share_and_total():
    view = build_view(report())
    assert view.columns == [Col(c.key, c.header, c.type, c.share, c.total) for c in KINDS[DEFAULT_KIND].columns]
    assert [c.type for c in view.columns] == ["text", "numbered", "text", "period", "list", "list"]
    declared = build_view(report(VALID.split("measures:")[0] + COLUMNS + "measures:\n"
                                 "  - {title: มาตรการ, budget: '1,500', period: fiscal-year}\n"))
    assert [(c.key, c.header, c.type, c.total) for c in declared.columns] == [
        ("title", "มาตรการ", "text", False), ("budget", "งบประมาณ ๒๕๖๘", "money", True),
        ("period", "ระยะเวลา", "period", False)]
    assert declared.headers == [c.header for c in declared.columns]
    assert declared.shares == [c.share for c in declared.columns] and abs(sum(declared.shares) - 1) < 1e-9
    assert declared.shares[1] == pytest.approx(2 / (1.6 + 2 + 0.9))
    assert declared.rows[-1].total and declared.rows[-1].cells[1][0].text == "๑,๕๐๐"


@pytest.fixture
def thai() -> Iterator[None]:
    before = language()
    set_language("th")
    yield
    set_language(before)


BROKEN = {   # a title template of the agency's own, and the line Jinja2 stops at
    "syntax": ("ok\n{{ agency.name \n", 2),
    "undefined": ("ok\nok\n{{ agency.nme }}\n", 3),
    "sandbox": ("{{ agency.__class__.__mro__[1].__subclasses__() }}\n", 1),
    "type": ("{{ fiscal_year + 'x' }}\n", 1),
}
EXPLAINED = {
    "en": {"syntax": "the template is not written as Jinja2 expects", "undefined": "a value it is not given",
           "sandbox": "tries something templates may not do", "type": "could not be filled in"},
    "th": {"syntax": "แม่แบบเขียนไม่ถูกตามรูปแบบของ Jinja2", "undefined": "แม่แบบใช้ค่าที่ไม่มีให้",
           "sandbox": "แม่แบบพยายามทำสิ่งที่แม่แบบทำไม่ได้", "type": "เติมข้อมูลลงในแม่แบบไม่ได้"},
}


def _error(tmp_path: Path, template: str) -> str:
    mine = tmp_path / "mine"
    mine.mkdir(exist_ok=True)
    (mine / "title.txt.j2").write_text(template, encoding="utf-8")
    with pytest.raises(ItareportError) as caught:
        build_view(report(), mine)
    return str(caught.value)


@pytest.mark.parametrize("case", BROKEN)
def test_a_broken_template_is_explained_in_english_at_its_file_and_line(case, tmp_path):
    template, line = BROKEN[case]
    message = _error(tmp_path, template)
    assert message.startswith(f"{tmp_path / 'mine' / 'title.txt.j2'}:{line}: template error: ")
    assert EXPLAINED["en"][case] in message and "(Jinja2: " in message


@pytest.mark.parametrize("case", BROKEN)
def test_a_broken_template_is_explained_in_thai_at_its_file_and_line(case, tmp_path, thai):
    template, line = BROKEN[case]
    message = _error(tmp_path, template)
    where = f"{tmp_path / 'mine' / 'title.txt.j2'}:{line}: "
    assert message.startswith(where + "แม่แบบผิดพลาด: ") and EXPLAINED["th"][case] in message
    # Jinja2's own English words come only inside the bracket that says they are Jinja2's
    said = re.fullmatch(r"(.*)\(ข้อความจาก Jinja2: (.*)\)(.*)", message.removeprefix(where), re.S)
    assert said, message
    ours = said.group(1) + said.group(3)
    assert not re.search(r"[A-Za-z]", ours.replace("Jinja2", "")), ours
