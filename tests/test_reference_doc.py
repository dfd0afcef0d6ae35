"""--reference-doc: the agency's own Word file gives page setup, styles, header and footer."""

from __future__ import annotations

import re
import subprocess
import zipfile

import pytest

from helpers import DATA, NS, part, run_cli, table_rows

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
    w = "{{{}}}".format(NS["w"])
    # the reference's A4, turned landscape
    assert (int(size.get(w + "w")), int(size.get(w + "h")), size.get(w + "orient")) == (16838, 11906, "landscape")


def test_table_and_styles_still_ours(built):
    docx, _ = built
    rows = table_rows(docx)
    assert rows[0][0] == ["มาตรการ/แนวทาง"] and len(rows[0]) == 6
    assert rows[1][0][0].endswith("การป้องกันการทุจริต")
    styles = part(docx, "word/styles.xml")
    ids = {s.get("{{{}}}styleId".format(NS["w"])) for s in styles.findall("w:style", NS)}
    assert {"ITATitle", "ITATableText", "ITAListItem", "ITATableHeader"} <= ids
    # the table fits the reference's narrower page
    grid = part(docx, "word/document.xml").findall(".//w:tblGrid/w:gridCol", NS)
    assert sum(int(g.get("{{{}}}w".format(NS["w"]))) for g in grid) == 16838 - 2 * 1134


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


# --- a letterhead as Word makes one (portrait Letter, Calibri Normal, logo, footer without number)

from helpers import LETTERHEAD_FOOTER, LETTERHEAD_HEADER, audit_errors, make_letterhead, png_bytes  # noqa: E402
from itareport.build import BuildOptions, build_file, run_one  # noqa: E402

W = "{{{}}}".format(NS["w"])


@pytest.fixture(scope="module")
def letterhead_build(tmp_path_factory):
    """The seed on the letterhead, in-process: (docx, outcome)."""
    work = tmp_path_factory.mktemp("letterhead")
    reference = make_letterhead(work / "letterhead.docx")
    outcome = build_file(DATA, BuildOptions(output=work / "out.docx", reference_doc=reference))
    return work / "out.docx", outcome, reference


def style(docx, style_id):
    return next(s for s in part(docx, "word/styles.xml").findall("w:style", NS) if s.get(W + "styleId") == style_id)


def test_letterhead_ita_styles_keep_the_official_form(letterhead_build):
    docx, _, _ = letterhead_build
    for style_id in ("ITATitle", "ITAIntro", "ITATableHeader", "ITATableText", "ITAListItem", "ITASignature"):
        rpr = style(docx, style_id).find("w:rPr", NS)
        fonts = rpr.find("w:rFonts", NS)
        assert {fonts.get(W + a) for a in ("ascii", "hAnsi", "cs")} == {"TH SarabunPSK"}, style_id
        assert rpr.find("w:sz", NS).get(W + "val") == rpr.find("w:szCs", NS).get(W + "val") == "32"
        assert rpr.find("w:lang", NS).get(W + "bidi") == "th-TH"
        spacing = style(docx, style_id).find("w:pPr/w:spacing", NS)
        assert spacing.get(W + "line") == "240" and spacing.get(W + "lineRule") == "auto", style_id
    for style_id in ("ITATitle", "ITATableHeader"):
        rpr = style(docx, style_id).find("w:rPr", NS)
        assert rpr.find("w:b", NS) is not None and rpr.find("w:bCs", NS) is not None
    assert style(docx, "Normal").find("w:rPr/w:rFonts", NS).get(W + "ascii") == "Calibri"  # theirs, untouched


def test_letterhead_page_turns_landscape_and_warns_about_letter(letterhead_build):
    docx, outcome, reference = letterhead_build
    size = part(docx, "word/document.xml").find(".//w:body/w:sectPr/w:pgSz", NS)
    assert (size.get(W + "w"), size.get(W + "h"), size.get(W + "orient")) == ("15840", "12240", "landscape")
    assert [str(n) for n in outcome.notes if "not A4" in str(n)] == [
        f"{reference}: the reference document's paper is 21.6 x 27.9 cm, not A4 (21 x 29.7 cm); the report keeps it"]


def test_letterhead_header_logo_kept_and_page_number_added(letterhead_build):
    docx, _, _ = letterhead_build
    with zipfile.ZipFile(docx) as zf:
        names = zf.namelist()
        media = [n for n in names if n.startswith("word/media/")]
        assert media and zf.read(media[0]) == png_bytes()
        header = next(n for n in names if n.startswith("word/header"))
        rels = zf.read(header.replace("word/", "word/_rels/") + ".rels").decode()
        assert media[0].split("/")[-1] in rels
        assert LETTERHEAD_HEADER in zf.read(header).decode()
        footers = [zf.read(n).decode() for n in names if n.startswith("word/footer")]
        assert "word/stylesWithEffects.xml" not in names  # Word rebuilds it; a stale copy would disagree
        font_table = zf.read("word/fontTable.xml").decode()
    assert any(LETTERHEAD_FOOTER in f and " PAGE " in f for f in footers)
    assert 'w:name="TH SarabunPSK"' in font_table
    sect = part(docx, "word/document.xml").find(".//w:body/w:sectPr", NS)
    assert sect.find("w:pgNumType", NS).get(W + "fmt") == "thaiNumbers"


def test_letterhead_output_has_no_errors_beyond_the_reference(letterhead_build):
    docx, _, reference = letterhead_build
    theirs = {e.split(":", 1)[1] for e in audit_errors(reference)}
    assert [e for e in audit_errors(docx) if e.split(":", 1)[1] not in theirs] == []


def test_a_reference_defining_ita_table_text_wins(tmp_path):
    reference = make_letterhead(tmp_path / "own.docx", own_table_text=True)
    build_file(DATA, BuildOptions(output=tmp_path / "out.docx", reference_doc=reference))
    rpr = style(tmp_path / "out.docx", "ITATableText").find("w:rPr", NS)
    assert rpr.find("w:rFonts", NS).get(W + "ascii") == "Angsana New" and rpr.find("w:sz", NS).get(W + "val") == "28"
    assert style(tmp_path / "out.docx", "ITATitle").find("w:rPr/w:rFonts", NS).get(W + "ascii") == "TH SarabunPSK"


def _changed_package(source, target, change):
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as dst:
        for name in src.namelist():
            data = change(name, src.read(name))
            if data is not None:
                dst.writestr(name, data)
    return target


@pytest.mark.parametrize("kind", ["text", "truncated", "template", "macro", "no-body", "bad-xml"])
def test_bad_reference_is_a_clear_error_and_writes_nothing(tmp_path, kind):
    good = make_letterhead(tmp_path / "good.docx")
    bad = tmp_path / "bad" / "letterhead.docx"
    bad.parent.mkdir()
    if kind == "text":
        bad.write_text("not a Word file", encoding="utf-8")
    elif kind == "truncated":
        bad.write_bytes(good.read_bytes()[:4000])
    else:
        def change(name, data):
            if name == "[Content_Types].xml" and kind in ("template", "macro"):
                new = b"template.main+xml" if kind == "template" else b"document.macroEnabled.main+xml"
                return data.replace(b"document.main+xml", new)
            if name == "word/document.xml" and kind == "no-body":
                return re.sub(rb"<w:body>.*</w:body>", b"", data, flags=re.S)
            if name == "word/document.xml" and kind == "bad-xml":
                return data[:len(data) // 2]
            return data
        _changed_package(good, bad, change)
    out = tmp_path / "out"
    outcome = run_one(DATA, BuildOptions(output=out / "report.docx", reference_doc=bad))
    assert outcome.exit_code == 2, outcome
    assert str(outcome.error).startswith(f"{bad}: "), outcome.error
    expected = {"text": "not a Word .docx file", "truncated": "not a Word .docx file",
                "template": "Word template or macro file", "macro": "Word template or macro file",
                "no-body": "has no body", "bad-xml": "damaged"}[kind]
    assert expected in str(outcome.error)
    assert not out.exists()


def test_font_warnings_only_for_fonts_that_text_uses(letterhead_build):
    from itareport.render.package import read_package
    from itareport.render.pdf import named_fonts

    docx, _, _ = letterhead_build
    fonts = named_fonts(dict(read_package(docx)))
    assert "TH SarabunPSK" in fonts and "Calibri" in fonts  # the report's styles; the header's Normal
    assert not {"Courier", "Symbol", "Cambria"} & fonts  # named only by unused styles, numbering, font table
