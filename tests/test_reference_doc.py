"""--reference-doc: the agency's own Word file gives page setup, styles, header and footer."""

from __future__ import annotations

import subprocess
import zipfile

import pytest

from conftest import DATA, NS, part, run_cli, table_rows

HEADER_TEXT = "เทศบาลทดสอบ หัวกระดาษ"
OLD_BODY = "ข้อความเดิมในเอกสารต้นแบบ"


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """A letterhead made with python-docx: header text, a portrait A4 page, a body to be replaced."""
    import docx
    from docx.shared import Cm

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2)
    section.header.paragraphs[0].text = HEADER_TEXT
    document.add_paragraph(OLD_BODY)
    path = tmp_path_factory.mktemp("ref") / "letterhead.docx"
    document.save(path)
    return path


@pytest.fixture(scope="module")
def built(reference, tmp_path_factory):
    out = tmp_path_factory.mktemp("refout")
    result = run_cli("build", DATA, "--reference-doc", reference, "--format", "docx,pdf", cwd=out)
    assert result.returncode == 0, result.stderr
    return out / "measures_2568.docx", out / "measures_2568.pdf"


def test_header_from_reference(built):
    docx, _ = built
    with zipfile.ZipFile(docx) as zf:
        headers = [name for name in zf.namelist() if name.startswith("word/header")]
        assert headers
        assert any(HEADER_TEXT in zf.read(name).decode("utf-8") for name in headers)
        document = zf.read("word/document.xml").decode("utf-8")
    assert OLD_BODY not in document
    sect = part(docx, "word/document.xml").find(".//w:body/w:sectPr", NS)
    assert sect.find("w:headerReference", NS) is not None
    size = sect.find("w:pgSz", NS)
    w = "{%s}" % NS["w"]
    assert (int(size.get(w + "w")), int(size.get(w + "h"))) == (11906, 16838)  # the reference's portrait A4


def test_table_and_styles_still_ours(built):
    docx, _ = built
    rows = table_rows(docx)
    assert rows[0][0] == ["มาตรการ/แนวทาง"] and len(rows[0]) == 6
    assert rows[1][0][0].endswith("การป้องกันการทุจริต")
    styles = part(docx, "word/styles.xml")
    ids = {s.get("{%s}styleId" % NS["w"]) for s in styles.findall("w:style", NS)}
    assert {"ITATitle", "ITATableText", "ITAListItem", "ITATableHeader"} <= ids
    # the table fits the reference's narrower page
    grid = part(docx, "word/document.xml").findall(".//w:tblGrid/w:gridCol", NS)
    assert sum(int(g.get("{%s}w" % NS["w"])) for g in grid) == 11906 - 2 * 1134


def test_header_printed_on_every_pdf_page(built):
    _, pdf = built
    for page in (1, 2):
        text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"], check=True,
                              capture_output=True, text=True).stdout
        assert HEADER_TEXT in text, page


def test_not_a_word_file(tmp_path):
    bad = tmp_path / "letterhead.docx"
    bad.write_text("not a zip", encoding="utf-8")
    result = run_cli("build", DATA, "--reference-doc", bad, cwd=tmp_path)
    assert result.returncode == 2
    assert f"{bad}: not a Word .docx file" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["letterhead.docx"]


def test_missing_reference(tmp_path):
    result = run_cli("build", DATA, "--reference-doc", tmp_path / "nothere.docx", cwd=tmp_path)
    assert result.returncode == 2
    assert "nothere.docx: reference document not found" in result.stderr
