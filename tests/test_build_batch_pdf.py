"""The batch's PDFs: one LibreOffice start per worker, each PDF its own report, failures named."""

from __future__ import annotations

import subprocess

import pytest

from helpers import DATA, run_cli
from itareport.build import BuildOptions, run_all
from itareport.errors import InputError
from itareport.options import parse_jobs
from itareport.render import pdf

NAMES = ("เทศบาลตำบลหนึ่ง", "เทศบาลตำบลสอง", "เทศบาลตำบลสาม")


def make_sources(folder):
    folder.mkdir()
    text = DATA.read_text(encoding="utf-8")
    sources = []
    for n, name in enumerate(NAMES):
        path = folder / f"agency{n + 1}.yaml"
        path.write_text(text.replace("เทศบาลตำบลโคกสูงสัมพันธ์", name), encoding="utf-8")
        sources.append(path)
    return sources


def pdf_text(path) -> str:
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return "".join(text.split())  # the text layer puts spaces and line breaks inside Thai words


def test_each_pdf_is_its_own_report_with_its_docx_fingerprint(tmp_path):
    sources = make_sources(tmp_path / "data")
    (tmp_path / "out").mkdir()
    options = BuildOptions(output=tmp_path / "out", formats=("docx", "pdf"), jobs=2)
    outcomes = list(run_all(sources, options))
    assert sorted(o.source.name for o in outcomes) == ["agency1.yaml", "agency2.yaml", "agency3.yaml"]
    assert not any(o.failed for o in outcomes), [o.error for o in outcomes]
    for n, name in enumerate(NAMES):
        docx, made = tmp_path / "out" / f"agency{n + 1}.docx", tmp_path / "out" / f"agency{n + 1}.pdf"
        assert pdf.read_fingerprint(made.read_bytes()) == pdf.fingerprint(docx.read_bytes())
        text = pdf_text(made)
        assert name in text
        assert not [other for other in NAMES if other != name and other in text]


def test_a_file_libreoffice_cannot_open_is_named_and_the_rest_converted(tmp_path):
    good = pdf.prepare_source(make_docx(tmp_path), "thai")[0]
    results = pdf.convert_many([good, good[:5000], good])  # the middle one: a truncated zip
    assert results[1].render("en") == "LibreOffice could not open the .docx"
    assert all(isinstance(r, bytes) and r.startswith(b"%PDF") for r in (results[0], results[2]))


def test_a_file_that_times_out_is_named_and_the_next_one_tried(tmp_path):
    good = pdf.prepare_source(make_docx(tmp_path), "thai")[0]
    seen = []
    results = pdf.convert_many([good, good], timeout=0.3, done=lambda i, r: seen.append(i))
    # LibreOffice does not even start in 0.3 s: each file is named in turn, in a new start.
    assert [str(r) for r in results] == ["LibreOffice did not finish within 0.3 s"] * 2 and seen == [0, 1]


def test_a_pdf_failing_in_the_middle_of_a_batch(tmp_path, monkeypatch):
    sources = make_sources(tmp_path / "data")
    (tmp_path / "out").mkdir()
    prepare, calls = pdf.prepare_source, []

    def damaged_second(docx, numerals="thai"):
        calls.append(docx)
        prepared, notes = prepare(docx, numerals)
        return (prepared[:5000] if len(calls) == 2 else prepared), notes

    monkeypatch.setattr(pdf, "prepare_source", damaged_second)
    outcomes = {o.source.name: o for o in run_all(sources, BuildOptions(output=tmp_path / "out",
                                                                         formats=("docx", "pdf"), jobs=1))}
    bad = outcomes["agency2.yaml"]
    assert bad.failed and bad.exit_code == 2
    assert str(bad.error) == (f"{tmp_path / 'out' / 'agency2.pdf'}: the PDF was not made: LibreOffice could not open "
                         "the .docx (the other formats were written)")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "agency1.docx", "agency1.pdf", "agency2.docx", "agency3.docx", "agency3.pdf"]
    assert NAMES[2] in pdf_text(tmp_path / "out" / "agency3.pdf")


def make_docx(tmp_path):
    from itareport.build import build_file

    return (build_file(DATA, BuildOptions(output=tmp_path / "seed.docx")).outputs[0]).read_bytes()


@pytest.mark.parametrize("value, jobs", [("4", 4), ("๔", 4), (" 12 ", 12), ("๑๒", 12), (None, None)])
def test_jobs_accepts_arabic_and_thai_digits(value, jobs):
    assert parse_jobs(value) == jobs


@pytest.mark.parametrize("value", ["0", "๐", "-1", "two", "1.5", ""])
def test_jobs_refuses_anything_but_a_positive_whole_number(value):
    with pytest.raises(InputError, match=r"--jobs: expected a whole number of workers, 1 or more"):
        parse_jobs(value)


def test_jobs_on_the_command_line(tmp_path):
    result = run_cli("build", DATA, "-o", tmp_path / "x.docx", "--jobs", "สอง")
    assert result.returncode == 2
    assert "--jobs: expected a whole number of workers, 1 or more (e.g. --jobs 4), got 'สอง'" in result.stderr
    result = run_cli("build", DATA, "-o", tmp_path / "x.docx", "-j", "๒")
    assert result.returncode == 0, result.stderr
