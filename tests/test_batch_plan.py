"""A batch's plan and its account: collisions (exit 2 before anything is written), --keep-folders, a data file
given twice, output folders that cannot be used, -f docx,pdf without LibreOffice, orphans, --summary json."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from helpers import DATA, run_cli, run_process

TEXT = DATA.read_text(encoding="utf-8")
AGENCY = "เทศบาลตำบลโคกสูงสัมพันธ์"


def agency(path: Path, name: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(TEXT.replace(AGENCY, name), encoding="utf-8")
    return path


def document_xml(path: Path) -> bytes:
    with zipfile.ZipFile(path) as zf:
        return zf.read("word/document.xml")


def test_two_data_files_writing_one_report_is_an_error_before_anything_is_written(tmp_path):
    agency(tmp_path / "a" / "measures_2568.yaml", "เทศบาลก")
    agency(tmp_path / "b" / "measures_2568.yaml", "เทศบาลข")
    agency(tmp_path / "c" / "other.yaml", "เทศบาลค")
    result = run_cli("build", "a/measures_2568.yaml", "c/other.yaml", "b/measures_2568.yaml", "-o", "reports/",
                     cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert not (tmp_path / "reports").exists()  # not even the folder: nothing at all was written
    assert result.stderr.splitlines() == [
        "itareport: error: reports/measures_2568.docx: 2 data files would write this same file: "
        "a/measures_2568.yaml, b/measures_2568.yaml",
        "  nothing was written: give the data files different names, or add --keep-folders to write each report "
        "under its data file's folder (reports/a/measures_2568.docx, reports/b/measures_2568.docx)"]


def test_keep_folders_gives_each_agency_its_report(tmp_path):
    agency(tmp_path / "a" / "measures_2568.yaml", "เทศบาลก")
    agency(tmp_path / "b" / "measures_2568.yaml", "เทศบาลข")
    result = run_cli("build", "a", "b", "-o", "reports/", "--keep-folders", "-f", "docx,md", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:4] == [
        "wrote reports/a/measures_2568.docx", "wrote reports/a/measures_2568.md",
        "wrote reports/b/measures_2568.docx", "wrote reports/b/measures_2568.md"]
    assert "เทศบาลก".encode() in document_xml(tmp_path / "reports" / "a" / "measures_2568.docx")
    assert "เทศบาลข".encode() in document_xml(tmp_path / "reports" / "b" / "measures_2568.docx")
    # and --check finds them where build put them
    check = run_cli("build", "a", "b", "-o", "reports/", "--keep-folders", "-f", "docx,md", "--check",
                    cwd=tmp_path)
    assert check.returncode == 0, check.stderr


def test_a_data_file_given_twice_is_built_once(tmp_path):
    agency(tmp_path / "data" / "a.yaml", "เทศบาลก")
    agency(tmp_path / "data" / "b.yaml", "เทศบาลข")
    result = run_cli("build", "data/a.yaml", "./data/a.yaml", "data", "-o", "out/", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:2] == ["wrote out/a.docx", "wrote out/b.docx"]
    assert result.stdout.splitlines()[2].startswith("OK: built 2 of 2 data files, 2 files written in ")


def test_an_output_folder_that_is_a_file_is_refused_before_any_work(tmp_path):
    agency(tmp_path / "data" / "a.yaml", "เทศบาลก")
    agency(tmp_path / "data" / "b.yaml", "เทศบาลข")
    (tmp_path / "out").write_bytes(b"a file")
    result = run_cli("build", "data", "-o", "out/sub/", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "itareport: error: out/sub/a.docx: 'out' is a file, not a folder\n"
    assert (tmp_path / "out").read_bytes() == b"a file"


def test_an_output_folder_that_cannot_be_written_in_is_refused_before_any_work(tmp_path):
    agency(tmp_path / "data" / "a.yaml", "เทศบาลก")
    agency(tmp_path / "data" / "b.yaml", "เทศบาลข")
    result = run_cli("build", "data", "-o", "/proc/itareport-out/", cwd=tmp_path)  # even root cannot write there
    assert result.returncode == 2
    assert result.stderr.startswith("itareport: error: /proc/itareport-out/a.docx: cannot write in '/proc': ")
    assert result.stdout == ""


def test_pdf_without_libreoffice_tells_what_was_written_and_what_not(tmp_path):
    agency(tmp_path / "data" / "a.yaml", "เทศบาลก")
    agency(tmp_path / "data" / "b.yaml", "เทศบาลข")
    empty = tmp_path / "bin"
    empty.mkdir()
    # a process of its own: without PATH, fontconfig is missing too, and the font lookup is kept per process
    result = run_process("build", "data", "-o", "out/", "-f", "docx,pdf", cwd=tmp_path, env={"PATH": str(empty)})
    assert result.returncode == 2
    assert result.stdout.splitlines() == ["wrote out/a.docx", "wrote out/b.docx"]
    err = result.stderr.splitlines()
    errors = [line for line in err if line.startswith("itareport: error: ")]  # (a font warning: no fc-list)
    assert errors[0].startswith("itareport: error: out/a.pdf: the PDF was not made: cannot make a PDF: LibreOffice "
                             "(soffice) is not installed")
    assert errors[1] == ("itareport: error: out/b.pdf: the PDF was not made: LibreOffice is not installed (see above) "
                      "(the other formats were written)")
    assert err[-1].startswith("FAILED: built 0 of 2 data files, 2 files written, 2 not made in ")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.docx", "b.docx"]


def test_check_names_reports_whose_data_file_is_gone(tmp_path):
    for name in ("a", "b", "c"):
        agency(tmp_path / "data" / f"{name}.yaml", f"เทศบาล{name}")
    assert run_cli("build", "data", "-o", "out/", "-f", "docx,md", cwd=tmp_path).returncode == 0
    (tmp_path / "data" / "b.yaml").unlink()
    (tmp_path / "out" / "notes.docx").write_bytes(b"not ours: no provenance")  # someone else's file: left alone
    result = run_cli("build", "data", "-o", "out/", "-f", "docx,md", "--check", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "orphan: out/b.docx was built from b.yaml, which is not among the data files any more: delete the report, "
        "or bring its data file back")
    assert result.stderr.splitlines()[-1] == "FAILED: 1 output file out of date, missing or orphaned: out/b.docx"
    # in the CI formats, an error on the report itself
    machine = run_cli("build", "data", "-o", "out/", "-f", "docx,md", "--check", "--check-format", "json",
                      cwd=tmp_path)
    assert machine.returncode == 1
    [found] = [f for f in json.loads(machine.stdout)["files"] if f["file"] == "out/b.docx"]
    assert [d["code"] for d in found["diagnostics"]] == ["ITA703"]
    # named data files (not a folder): the run does not know every data file, so no orphans
    named = run_cli("build", "data/a.yaml", "data/c.yaml", "-o", "out/", "-f", "docx,md", "--check", cwd=tmp_path)
    assert named.returncode == 0, named.stderr


def test_summary_json_for_build_and_check(tmp_path):
    agency(tmp_path / "data" / "a.yaml", "เทศบาลก")
    (tmp_path / "data" / "b.yaml").write_text(TEXT.replace("fiscal_year: 2568", "fiscal_year: 2025", 1),
                                              encoding="utf-8")
    agency(tmp_path / "data" / "c.yaml", "เทศบาลค")
    built = run_cli("build", "data", "-o", "out/", "-f", "docx,md", "--summary", "json", cwd=tmp_path)
    assert built.returncode == 1
    doc = json.loads(built.stdout)  # one document on stdout, the lines on stderr
    assert "wrote out/a.docx" in built.stderr
    assert (doc["command"], doc["exit_code"], doc["stopped_by"]) == ("build", 1, None)
    assert doc["counts"]["data_files"] == 3 and doc["counts"]["done"] == 2
    states = {o["path"]: o["state"] for s in doc["sources"] for o in s["outputs"]}
    assert states == {"out/a.docx": "written", "out/a.md": "written", "out/b.docx": "failed", "out/b.md": "failed",
                      "out/c.docx": "written", "out/c.md": "written"}
    broken = doc["sources"][1]
    assert broken["state"] == "failed" and broken["diagnostics"][0]["file"] == "data/b.yaml"
    assert broken["diagnostics"][0]["line"] > 1

    (tmp_path / "data" / "b.yaml").unlink()
    agency(tmp_path / "data" / "d.yaml", "เทศบาลง")
    (tmp_path / "out" / "c.md").write_text("edited by hand", encoding="utf-8")
    (tmp_path / "out" / "a.md").unlink()
    agency(tmp_path / "data" / "e.yaml", "เทศบาลจ")
    assert run_cli("build", "data/e.yaml", "-o", "out/", "-f", "docx,md", cwd=tmp_path).returncode == 0
    (tmp_path / "data" / "e.yaml").unlink()  # out/e.docx an orphan (out/e.md carries no provenance: left alone)
    checked = run_cli("build", "data", "-o", "out/", "-f", "docx,md", "--check", "--summary", "json", cwd=tmp_path)
    assert checked.returncode == 1
    doc = json.loads(checked.stdout)
    assert doc["command"] == "build --check" and doc["exit_code"] == 1
    states = {o["path"]: o["state"] for s in doc["sources"] for o in s["outputs"]}
    assert states == {"out/a.docx": "current", "out/a.md": "missing", "out/c.docx": "current", "out/c.md": "stale",
                      "out/d.docx": "missing", "out/d.md": "missing"}
    assert doc["orphans"] == [{"path": "out/e.docx", "state": "orphan", "data_file": "e.yaml"}]
    assert doc["counts"]["outputs"]["orphan"] == 1
