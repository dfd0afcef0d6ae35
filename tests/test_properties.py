"""Property tests: random valid reports, written as YAML, build in every format, and every
field's text comes back out unchanged.

Texts are drawn character by character from Thai (digits included), Latin, Arabic digits,
emoji (flags, skin tones, ZWJ families) and the characters YAML, Jinja2, HTML and Markdown
treat specially. A text must come back exactly as thai_numerals() (numerals: thai) or
to_arabic_digits() (numerals: arabic) writes it: a text with no digit to change, exactly as written.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from itareport.build import BuildOptions, build_file
from itareport.loader import load_text
from itareport.thai import no_break_spaces, thai_numerals, to_arabic_digits

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from docxtpl_report import layout
from helpers import body_paragraphs, table_rows

EXAMPLES = int(os.environ.get("ITAREPORT_EXAMPLES", "50"))
PROFILE = settings(max_examples=EXAMPLES, deadline=None,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

THAI = "".join(chr(c) for c in [*range(0x0E01, 0x0E3B), *range(0x0E3F, 0x0E5C)])
LATIN = "abcxyzABCXYZ0123456789éß中"
SPECIAL = ":#-?&*!|>'\"%@`{}[],<>/\\_~=+;.()$^"
EMOJI = ["😀", "🇹🇭", "👍🏽", "👨\u200d👩\u200d👧", "❤\ufe0f", "🙏"]

word = st.one_of(
    st.text(st.sampled_from(THAI + LATIN + SPECIAL), min_size=1, max_size=8),
    st.sampled_from([*EMOJI, "{{ x }}", "{% if %}", "<b>", "&amp;", "1.", "-", "O26", "2567-10", "yes", "null", "www.example.go.th/a1", "ISO9001", "๒๕๖๘"]),
)
line = st.lists(word, min_size=1, max_size=6).map(" ".join)
lines = st.lists(line, min_size=1, max_size=2).map("\n".join)   # a text with a line break in it
cell_text = st.one_of(line, lines)
CONSONANTS = "".join(chr(c) for c in range(0x0E01, 0x0E2F))
plain = st.lists(st.text(st.sampled_from(CONSONANTS + "abcXYZ0123456789"), min_size=1, max_size=8),
                 min_size=1, max_size=3).map(" ".join)   # drawn by the fonts here, read back by pdftotext


@st.composite
def reports(draw, text=line, cell=cell_text):
    """A valid data file as plain data (every scalar a str, as the loader gives it back)."""
    fiscal_year = draw(st.integers(2560, 2580))

    def month(n):
        return f"{fiscal_year - 1 + (n + 9) // 12}-{(n + 9) % 12 + 1:02d}"

    def period():
        kind = draw(st.sampled_from(["fiscal-year", "ปีงบประมาณ", "range"]))
        if kind != "range":
            return kind
        start = draw(st.integers(0, 11))
        return {"from": month(start), "to": month(draw(st.integers(start, 11)))}

    def activity(title):
        out = {"title": title}
        if draw(st.booleans()):
            out["details"] = draw(st.lists(cell, max_size=2))
        out["steps"] = draw(st.lists(cell, min_size=1, max_size=3))
        out["owner"] = draw(cell)
        out["period"] = period()
        for key in ("results", "outcomes"):
            out[key] = draw(st.lists(cell, max_size=3))  # empty lists are allowed
        return out

    measures = []
    for _ in range(draw(st.integers(1, 4))):
        title = draw(cell)
        if draw(st.booleans()):
            measures.append(activity(title))
        else:
            measures.append({"title": title,
                             "activities": [activity(draw(cell)) for _ in range(draw(st.integers(1, 3)))]})
    agency = {"name": draw(text)}
    for key in ("district", "province"):
        if draw(st.booleans()):
            agency[key] = draw(text)
    data = {"version": "1", "agency": agency,
            "fiscal_year": draw(st.sampled_from([str(fiscal_year), str(fiscal_year).translate(
                str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))])),
            "numerals": draw(st.sampled_from(["thai", "arabic"]))}
    if draw(st.booleans()):
        data["ita_indicator"] = draw(text)
    if draw(st.booleans()):
        data["intro"] = draw(text)
    signers = draw(st.lists(st.fixed_dictionaries({"name": text, "position": text}), max_size=2))
    if signers:
        data["signers"] = signers
    data["measures"] = measures
    return data


def write_yaml(data: dict, path: Path) -> None:
    """Our emitter is yaml.safe_dump; what it writes must read back through itareport's loader as the same texts."""
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6)
    loaded = load_text(text, path.name)
    assert loaded.diagnostics == []
    assert loaded.data == data
    path.write_text(text, encoding="utf-8")


# --- what each format must show ---------------------------------------------------------------

def _fmt(data):
    """numerals: thai prints Arabic digits as Thai (not in URLs and Latin words); arabic prints every digit
    Arabic, Thai digits of the data included; then no-break spaces after พ.ศ./ร้อยละ and before unit
    words (thai.no_break_spaces). A text without digits or such spaces comes back exactly."""
    digits = thai_numerals if data["numerals"] == "thai" else to_arabic_digits
    return lambda text: no_break_spaces(digits(text))


def expected_rows(data) -> list[list[list[str]]]:
    """Table rows -> cells -> paragraphs, each 'label<TAB>text' or 'text'.

    The layout is the benchmark's (benchmarks/docxtpl_report.py, written from the data without
    itareport's model or view): the same function proves there that docxtpl got the same table.
    """
    return layout(data, sep="\t")["rows"]


def expected_lines(data) -> list[str]:
    """Paragraphs outside the table that carry the data's texts (title block, intro, signature)."""
    fmt = _fmt(data)
    agency = data["agency"]
    place = agency["name"] + "".join(f" {word}{agency[key]}" for key, word in (("district", "อำเภอ"),
                                                                             ("province", "จังหวัด"))
                                     if key in agency)
    fiscal_year = data["fiscal_year"].translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789"))
    out = [fmt(place), fmt(f"ประจำปีงบประมาณ พ.ศ. {fiscal_year}")]
    if "intro" in data:
        out.append(fmt(data["intro"]))
    for signer in data.get("signers", []):
        out += [fmt(f"({signer['name']})"), fmt(signer["position"])]
    return out


def _cells(rows):
    """An empty cell is one empty paragraph in Word and no paragraph in HTML: compare them as equal."""
    return [[cell or [""] for cell in row] for row in rows]


class _Page(HTMLParser):
    """Body rows of the table (cells of paragraphs, labels joined by a tab) and every other <p>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rows, self.paragraphs = [], []
        self.in_body = self.in_label = False
        self.text = None

    def handle_starttag(self, tag, attrs):
        if tag == "tbody":
            self.in_body = True
        elif tag == "tr" and self.in_body:
            self.rows.append([])
        elif tag == "td":
            self.rows[-1].append([])
        elif tag == "p":
            self.text = ""
        elif tag == "span" and ("class", "label") in attrs:
            self.in_label = True

    def handle_endtag(self, tag):
        if tag == "tbody":
            self.in_body = False
        elif tag == "span" and self.in_label:
            self.in_label = False
            self.text += "\t"
        elif tag == "p":
            (self.rows[-1][-1] if self.in_body else self.paragraphs).append(self.text)
            self.text = None

    def handle_data(self, data):
        if self.text is not None:
            self.text += data


def markdown_rows(text: str) -> list[list[str]]:
    """Body rows of the Markdown table: cells split at unescaped '|', unescaped, <br> read as a line break."""
    return [[_unescape_cell(cell) for cell in _split_row(row)]
            for row in text.splitlines() if row.startswith("| ")][1:]


def _split_row(row: str) -> list[str]:
    cells, current, i = [], "", 1
    while i < len(row) - 1:
        if row[i] == "\\":
            current += row[i:i + 2]
            i += 2
            continue
        if row[i] == "|":
            cells.append(current)
            current = ""
        else:
            current += row[i]
        i += 1
    return [cell[1:-1] for cell in [*cells, current]]  # one space of padding on each side


def _unescape_cell(cell: str) -> str:
    out, i = "", 0
    while i < len(cell):
        if cell[i] == "\\":
            out += cell[i + 1]
            i += 2
        elif cell.startswith("<br>", i):
            out += "\n"
            i += 4
        else:
            out += cell[i]
            i += 1
    return out


def unescape_markdown(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text.replace("**", ""))


# --- the properties -----------------------------------------------------------------------------

@PROFILE
@given(reports())
def test_every_field_comes_back_from_docx_html_and_markdown(data):
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "report.yaml"
        write_yaml(data, source)
        build_file(source, BuildOptions(output=Path(folder) / "out", formats=("docx", "html", "md")))
        docx, page, markdown = (Path(folder) / f"out.{suffix}" for suffix in ("docx", "html", "md"))
        rows = expected_rows(data)

        assert _cells(table_rows(docx)[1:]) == _cells(rows)
        signature = table_rows(docx, 1) if data.get("signers") else []  # the signers' borderless table
        paragraphs = body_paragraphs(docx) + [line for row in signature for cell in row for line in cell]
        for expected in expected_lines(data):
            assert expected in paragraphs

        parsed = _Page()
        parsed.feed(page.read_text(encoding="utf-8"))
        assert _cells(parsed.rows) == _cells(rows)
        for expected in expected_lines(data):
            assert expected in parsed.paragraphs

        text = markdown.read_text(encoding="utf-8")
        assert markdown_rows(text) == [["\n".join(p.replace("\t", " ", 1) for p in cell) for cell in row]
                                       for row in rows]
        for expected in expected_lines(data):
            assert expected in unescape_markdown(text)


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports(text=plain, cell=line))
def test_random_reports_print_to_pdf(data):
    """LibreOffice makes the PDF: it opens, and its text has the title block's agency line."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "report.yaml"
        write_yaml(data, source)
        built = build_file(source, BuildOptions(output=Path(folder) / "out.pdf", formats=("pdf",)))
        pdf = Path(folder) / "out.pdf"
        assert built.outputs == [pdf]
        assert pdf.read_bytes().startswith(b"%PDF-")
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        assert re.sub(r"\s", "", expected_lines(data)[0]) in re.sub(r"\s", "", text)
