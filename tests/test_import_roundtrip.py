"""Round trip: build a data file into Word, import the Word file, get the same data back.

What the comparison normalises, and why (the .docx cannot tell these apart):
- digits: the report shows Thai digits (numerals: thai), so import writes the Thai digits it finds;
  texts are compared as rendered (thai_numerals on both sides). With numerals: arabic nothing changes.
- ita_indicator is not printed in the report, so it cannot come back; it is left out of the comparison.
- a simple measure with details and a measure grouping one activity print the same lines; import
  reads them as the grouped form, and the comparison turns the first into the second.
- period 'ปีงบประมาณ' is the same as 'fiscal-year'.
"""

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import DATA, run_cli
from itareport.importer import import_file
from itareport.loader import load_text
from itareport.model import Report
from itareport.render.docx import render_docx
from itareport.thai import current_fiscal_year, plausible_fiscal_years, thai_numerals
from itareport.validate import validate_file, validate_loaded
from itareport.view import base_document, build_view


def _map_texts(node, fmt):
    if isinstance(node, dict):
        return {k: _map_texts(v, fmt) for k, v in node.items()}
    if isinstance(node, list):
        return [_map_texts(v, fmt) for v in node]
    if isinstance(node, str):
        return "fiscal-year" if node == "ปีงบประมาณ" else fmt(node)
    return node


def canonical(report: Report) -> dict:
    data = report.model_dump(by_alias=True)
    data.pop("ita_indicator")
    measures = []
    for m in data["measures"]:
        if "activities" not in m and m["details"]:
            first, *rest = m["details"]
            m = {"title": m["title"], "activities": [dict(m, title=first, details=rest)]}
        measures.append(m)
    data["measures"] = measures
    return _map_texts(data, thai_numerals if report.numerals == "thai" else (lambda text: text))


def reimport(docx: Path) -> tuple[Report, list]:
    result = import_file(docx)
    checked = validate_loaded(load_text(result.yaml_text, "imported.yaml"))
    assert checked.report is not None, [d.format() for d in checked.diagnostics]
    return checked.report, result.warnings


def test_the_shipped_data_file_comes_back_from_its_report(seed_docx, tmp_path):
    out = tmp_path / "back.yaml"
    result = run_cli("import", seed_docx, "-o", out)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    back = validate_file(out)
    assert back.ok, [d.format() for d in back.diagnostics]
    original = validate_file(DATA).report
    expected = original.model_dump(by_alias=True)
    got = back.report.model_dump(by_alias=True)
    # our own report carries the data file it was built from: everything comes back, ita_indicator too
    assert got["ita_indicator"] == "O26"
    assert got == expected  # texts exactly as in the data file: its digits are Thai already
    assert out.read_text(encoding="utf-8") == DATA.read_text(encoding="utf-8")  # comments and layout as well


# --- generated reports ------------------------------------------------------------------------

WORDS = ["การ", "ป้องกัน", "ทุจริต", "ส่งเสริม", "ความโปร่งใส", "จัดทำ", "คู่มือ", "ประชาสัมพันธ์", "ร้อยละ", "สำนักปลัด",
         "(No Gift Policy)", "Dos & Don't", "O26", "ISO9001", "2567", "80%", "ต.ค.", "-", "1.", "1)", ":", "#1", "ก-ข",
         "www.example.go.th/ita2568", "ข้อ 3.1", "yes", "null", "\"ก\"", "'ข'", "ประจำปี พ.ศ. 2568", "- ค - ง"]
THAI_DIGIT_WORDS = ["๘๐", "๒๕๖๘", "๑."]
NAME_WORDS = ["หนองบัว", "โคกสูง", "ท่าศาลา", "บ้านใหม่", "น้ำพอง", "2"]


def texts(words, max_words=8, lines=False):
    line = st.lists(st.sampled_from(words), min_size=1, max_size=max_words).map(" ".join)
    if not lines:
        return line
    return st.lists(line, min_size=1, max_size=2).map("\n".join)


@st.composite
def reports(draw):
    numerals = draw(st.sampled_from(["thai", "arabic"]))
    words = WORDS + (THAI_DIGIT_WORDS if numerals == "thai" else [])
    text, many = texts(words, lines=True), st.lists(texts(words, lines=True), max_size=3)
    first, last = plausible_fiscal_years(current_fiscal_year())   # a year outside is ITA215
    fiscal_year = draw(st.integers(first, last))

    def period():
        if draw(st.booleans()):
            return draw(st.sampled_from(["fiscal-year", "ปีงบประมาณ"]))
        latest = min(30, 11 + 12 * (last - fiscal_year))   # month n falls in fiscal year fiscal_year + n // 12
        start = draw(st.integers(0, latest))
        end = draw(st.integers(start, latest))
        month = lambda n: f"{fiscal_year - 1 + (n + 9) // 12}-{(n + 9) % 12 + 1:02d}"  # noqa: E731
        return {"from": month(start), "to": month(end)}

    def activity():
        return {"title": draw(text), "details": draw(many), "steps": draw(st.lists(text, min_size=1, max_size=3)),
                "owner": draw(text), "period": period(), "results": draw(many), "outcomes": draw(many)}

    measures = []
    for _ in range(draw(st.integers(1, 4))):
        if draw(st.booleans()):
            measures.append(activity())
        else:
            measures.append({"title": draw(text),
                             "activities": [activity() for _ in range(draw(st.integers(1, 3)))]})
    agency = {"name": draw(st.sampled_from(["เทศบาลตำบล", "องค์การบริหารส่วนตำบล", "สำนักงานเขต"]))
              + draw(texts(NAME_WORDS, 2))}
    for key in ("district", "province"):
        if draw(st.booleans()):
            agency[key] = draw(st.sampled_from(NAME_WORDS[:-1]))
    return Report.model_validate({
        "version": 1, "agency": agency, "fiscal_year": fiscal_year, "numerals": numerals,
        "ita_indicator": draw(st.sampled_from([None, "O26"])),
        "intro": draw(st.one_of(st.none(), texts(words, 12, lines=True))),
        # a position line that starts with "(" prints as a name line "(…)": no reader can tell them apart
        "signers": draw(st.lists(st.fixed_dictionaries({"name": texts(NAME_WORDS, 3), "position": texts(
            [w for w in words if not w.startswith("(")], 4)}),
                                 max_size=2)),
        "measures": measures})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports())
def test_generated_reports_come_back_from_their_word_files(report):
    with tempfile.TemporaryDirectory() as folder:
        docx = Path(folder) / "report.docx"
        docx.write_bytes(render_docx(build_view(report), base_document(None)))
        back, warnings = reimport(docx)
    assert warnings == []
    assert canonical(back) == canonical(report)
