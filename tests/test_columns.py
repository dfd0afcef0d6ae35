"""Property tests over random declared column sets, and the seed's six columns as one column set among others.

Random columns (built-in and agency keys, every type, random widths and totals) and rows
that fill them are written as YAML, validated, and drawn: the Word table reopened has the
declared headers, one cell per column under each, money with separators in the report's
digits and a total row that adds them up; the Markdown table has the same shape.
"""

from __future__ import annotations

import os
import tempfile
from decimal import Decimal
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import table_rows
from itareport.cells import STATUS_WORDS
from itareport.kinds import DEFAULT_KIND, KINDS
from itareport.loader import load_text
from itareport.render.docx import render_docx
from itareport.render.markdown import render_markdown
from itareport.thai import thai_numerals, to_arabic_digits, to_thai_digits
from itareport.validate import load_valid_report, validate_loaded
from itareport.view import base_document, build_view, render_template

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = int(os.environ.get("ITAREPORT_EXAMPLES", "30"))
PROFILE = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

def docx_rows(path: Path) -> list:
    """The first table's texts, no-break spaces (Thai typography on main) read as spaces."""
    return [[[text.replace("\xa0", " ") for text in cell] for cell in row] for row in table_rows(path)]


THAI_LETTERS = "".join(chr(c) for c in range(0x0E01, 0x0E2F))
WORD = st.text(alphabet=THAI_LETTERS + "abcXYZ", min_size=1, max_size=10)
TYPES_OF = {"title": ["text"], "owner": ["text"], "steps": ["list", "numbered", "text"],
            "results": ["list", "numbered"], "outcomes": ["list"], "status": ["status"], "period": ["period"]}
AGENCY_TYPES = ["text", "list", "numbered", "money", "number", "status", "period"]


@st.composite
def column_sets(draw):
    builtin = draw(st.lists(st.sampled_from(sorted(TYPES_OF)), unique=True, max_size=4))
    own = draw(st.lists(st.from_regex(r"[a-z][a-z0-9_]{0,6}", fullmatch=True), unique=True, max_size=4)
               .filter(lambda keys: not set(keys) & set(TYPES_OF) and "details" not in keys
                       and not {"target", "problems"} & set(keys)))
    columns = []
    for key in ["title"] + [k for k in builtin if k != "title"] + own:
        kind = draw(st.sampled_from(TYPES_OF.get(key, AGENCY_TYPES)))
        column = {"key": key, "header": draw(WORD), "type": kind}
        if kind in ("money", "number") and draw(st.booleans()):
            column["total"] = True
        if draw(st.booleans()):
            column["width"] = draw(st.sampled_from(["1", "2.5", "๓", 0.5]))
        columns.append(column)
    return columns


def money_texts():
    amounts = st.decimals(min_value=0, max_value=10 ** 7, places=2, allow_nan=False, allow_infinity=False)
    return amounts.flatmap(lambda d: st.sampled_from([f"{d:,}", f"{d}", to_thai_digits(f"{d:,}"),
                                                      to_thai_digits(f"{d}")]).map(lambda t: (d, t)))


def value_for(draw, column):
    kind = column["type"]
    if kind == "money":
        return draw(money_texts())
    if kind == "number":
        n = draw(st.integers(0, 99999))
        return Decimal(n), str(n)
    if kind == "status":
        word = draw(st.sampled_from(sorted(STATUS_WORDS)))
        return STATUS_WORDS[word], word
    if kind == "period":
        return "ปีงบประมาณ พ.ศ. ๒๕๖๘", "fiscal-year"
    if kind in ("list", "numbered"):
        items = draw(st.lists(WORD, min_size=1, max_size=3))
        return items, items
    text = draw(WORD)
    return text, text


@st.composite
def reports(draw):
    columns = draw(column_sets())
    rows, expected = [], []
    for _ in range(draw(st.integers(1, 4))):
        row, shown = {}, {}
        for column in columns:
            shown[column["key"]], row[column["key"]] = value_for(draw, column)
        rows.append(row)
        expected.append(shown)
    data = {"version": 1, "agency": {"name": "เทศบาลตำบลทดสอบ"}, "fiscal_year": 2568, "columns": columns,
            "measures": rows}
    return data, expected


def cell_texts(column, shown) -> list[str]:
    kind = column["type"]
    if kind == "money":  # written out here, not by the code under test
        printed = f"{int(shown):,}" if shown == int(shown) else f"{shown:,.2f}"
        return [to_thai_digits(printed)]
    if kind == "number":
        return [thai_numerals(str(shown))]
    if kind == "numbered":
        return [f"{to_thai_digits(str(i))}.\t{t}" for i, t in enumerate(shown, 1)]
    if kind == "list":
        return [f"-\t{t}" for t in shown]
    return [shown]


@PROFILE
@given(reports())
def test_random_column_sets_build_every_cell_under_its_header(case):
    data, expected = case
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    checked = validate_loaded(load_text(text, "r.yaml"))
    assert checked.ok, [d.format() for d in checked.diagnostics]
    columns = data["columns"]
    view = build_view(checked.report)
    assert view.headers == [c["header"] for c in columns]
    assert abs(sum(view.shares) - 1) < 1e-9 and len(view.shares) == len(columns)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "r.docx"
        path.write_bytes(render_docx(view, base_document(None)))
        rows = docx_rows(path)
    assert rows[0] == [[c["header"]] for c in columns]
    for number, (row, shown) in enumerate(zip(rows[1:], expected, strict=False), start=1):
        assert len(row) == len(columns)
        for cell, column in zip(row, columns, strict=False):
            if column["key"] == "title":
                assert cell == [f"{to_thai_digits(str(number))}.\t{shown['title']}"]
            else:
                assert cell == cell_texts(column, shown[column["key"]]), column
    totals = [c for c in columns if c.get("total")]
    assert len(rows) == 1 + len(expected) + (1 if totals else 0)
    for column in totals:
        index = columns.index(column)
        whole = sum(Decimal(str(shown[column["key"]])) for shown in expected)
        printed = to_arabic_digits(rows[-1][index][0]).replace(",", "")
        assert Decimal(printed) == whole
    markdown = render_markdown(view).decode("utf-8")
    table = [line for line in markdown.splitlines() if line.startswith("|")]
    assert len(table) == 2 + len(rows) - 1 and all(line.count(" | ") == len(columns) - 1 for line in table[2:])


def test_the_seed_is_the_six_column_set_with_todays_shares_and_cells():
    """data/measures_2568.yaml: the default kind's columns are the registry's six (printed by columns.txt.j2), at
    today's widths."""
    report, _ = load_valid_report(ROOT / "data" / "measures_2568.yaml")
    view = build_view(report)
    registry = [c.header for c in KINDS[DEFAULT_KIND].columns]
    six = [line for line in render_template("columns.txt.j2", {"columns": KINDS[DEFAULT_KIND].columns}).splitlines()
           if line.strip()]
    assert view.headers == six == registry and tuple(view.shares) == (0.17, 0.22, 0.10, 0.12, 0.19, 0.20)
    assert view.results is None and not any(row.total for row in view.rows)
    first = report.measures[0]
    cells = view.rows[0].cells
    assert [p.text for p in cells[1]] == [thai_numerals(s) for s in first.steps]
    assert [p.label for p in cells[1]] == [to_thai_digits(f"{i}.") for i in range(1, len(first.steps) + 1)]
    assert [p.text for p in cells[2]] == [thai_numerals(first.owner)]
    assert [p.label for p in cells[4]] == ["-"] * len(first.results)
