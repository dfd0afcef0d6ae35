"""Random edits to random valid reports, made in the document, come back as exactly those edits.

A report is drawn (measures simple or with activities, lists of steps, results and outcomes, whole-year
and month periods, Thai or Arabic digits in its texts, printed in Thai or Arabic numerals), built into
a .docx or .xlsx, and edited in data terms (a text changed, a step added or removed, a period changed,
a measure added or removed). The edited document is the edited data's report carrying the original's
provenance: what Word or Excel would hold after an officer typed those edits. `import --update` must
give the edited data, written into the original text as update_text writes it (no other byte moves).
"""

from __future__ import annotations

import copy
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from itareport.loader import load_text
from itareport.provenance import provenance_of
from itareport.render.docx import render_docx
from itareport.render.xlsx import render_xlsx
from itareport.roundtrip import plan_update
from itareport.thai import thai_numerals
from itareport.update import update_text
from itareport.validate import validate_loaded
from itareport.view import base_document, build_view
from itareport.yaml_writer import dump_yaml

WORDS = ["การ", "ป้องกัน", "ทุจริต", "ส่งเสริม", "คุณธรรม", "จัดทำ", "คู่มือ", "ประชาสัมพันธ์", "ร้อยละ 80", "สำนักปลัด",
         "กองคลัง", "(No Gift Policy)", "ISO9001", "ครั้งที่ 2", "ประจำปี พ.ศ. 2569", "อบรม", "เว็บไซต์", "ข้อ 3.1"]


def texts(digits: str) -> st.SearchStrategy[str]:
    words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=5).map(" ".join)
    return words.map(thai_numerals if digits == "thai" else str)


@st.composite
def reports(draw: st.DrawFn) -> dict:
    digits = draw(st.sampled_from(["arabic", "thai"]))
    text = texts(digits)

    def period() -> object:
        if draw(st.booleans()):
            return "fiscal-year"
        first = draw(st.integers(0, 11))
        last = draw(st.integers(first, 11))
        month = lambda k: f"{2568 + (k + 9) // 12}-{(k + 9) % 12 + 1:02d}"   # noqa: E731 - k months from 2568-10
        return {"from": month(first), "to": month(last)}

    def row() -> dict:
        return {"title": draw(text), "steps": draw(st.lists(text, min_size=1, max_size=3)), "owner": draw(text),
                "period": period(), "results": draw(st.lists(text, min_size=1, max_size=2)),
                "outcomes": draw(st.lists(text, min_size=1, max_size=2))}

    measures = []
    for _ in range(draw(st.integers(1, 4))):
        if draw(st.integers(0, 3)) == 0:
            measures.append({"title": draw(text), "activities": [row() for _ in range(draw(st.integers(1, 3)))]})
        else:
            measures.append(row())
    intro = "รายงานผลประจำปี พ.ศ. 2569 ครั้งที่ 1"
    return {"version": "1", "agency": {"name": "เทศบาลตำบลทดสอบ"}, "fiscal_year": "2569",
            "numerals": draw(st.sampled_from(["thai", "arabic"])),
            "intro": thai_numerals(intro) if digits == "thai" else intro, "measures": measures,
            "digits": digits}


@st.composite
def edits(draw: st.DrawFn, data: dict) -> dict:
    """The data with a few edits an officer makes in Word or Excel (at most two cells of a row)."""
    data = copy.deepcopy(data)
    text = texts(data["digits"])
    rows = [m for m in data["measures"] if "activities" not in m] + \
           [a for m in data["measures"] if "activities" in m for a in m["activities"]]
    for row in draw(st.lists(st.sampled_from(rows), max_size=3, unique_by=id)):
        for what in draw(st.lists(st.sampled_from(["title", "owner", "step", "add step", "drop step", "period",
                                                   "result"]), min_size=1, max_size=2, unique=True)):
            if what in ("title", "owner"):
                row[what] = draw(text)
            elif what == "step":
                row["steps"][draw(st.integers(0, len(row["steps"]) - 1))] = draw(text)
            elif what == "add step":
                row["steps"].insert(draw(st.integers(0, len(row["steps"]))), draw(text))
            elif what == "drop step" and len(row["steps"]) > 1:
                del row["steps"][draw(st.integers(0, len(row["steps"]) - 1))]
            elif what == "period":
                row["period"] = "fiscal-year" if row["period"] != "fiscal-year" else {"from": "2569-01", "to": "2569-03"}
            elif what == "result":
                row["results"] = [draw(text)]
    if draw(st.booleans()):
        at = draw(st.integers(0, len(data["measures"])))
        data["measures"].insert(at, {"title": draw(text), "steps": [draw(text)], "owner": draw(text),
                                     "period": "fiscal-year", "results": [draw(text)], "outcomes": [draw(text)]})
    elif len(data["measures"]) > 1 and draw(st.booleans()):
        simple = [i for i, m in enumerate(data["measures"]) if "activities" not in m]
        if simple:
            del data["measures"][draw(st.sampled_from(simple))]
    return data


def written(data: dict) -> str:
    plain = {k: v for k, v in data.items() if k != "digits"}
    return dump_yaml(plain, {}, "# a random report\n")


def document(edited: dict, original_text: str, path: Path, fmt: str) -> Path:
    """The edited data's report, carrying the original's provenance: the officer's edited document."""
    report = validate_loaded(load_text(written(edited), path.name)).report
    assert report is not None
    view = build_view(report, None, provenance_of(path, original_text))
    out = path.with_suffix("." + fmt)
    out.write_bytes(render_docx(view, base_document(None)) if fmt == "docx" else render_xlsx(view))
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
def test_random_edits_made_in_the_document_come_back_as_exactly_those_edits(data):
    original = data.draw(reports())
    edited = data.draw(edits(original))
    fmt = data.draw(st.sampled_from(["docx", "xlsx"]))
    original_text = written(original)
    assert validate_loaded(load_text(original_text)).report is not None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.yaml"
        path.write_text(original_text, encoding="utf-8")
        plan = plan_update(document(edited, original_text, path, fmt), path, allow_delete=True)
    expected = load_text(written(edited)).data
    assert not plan.conflicts and not plan.warnings and not plan.edits.notes, [str(n) for n in plan.edits.notes]
    assert plan.merged == expected
    assert plan.new_text == update_text(original_text, expected)
