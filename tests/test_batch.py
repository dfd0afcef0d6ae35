"""Many data files at once: a folder or a list; one broken file does not stop the others."""

from __future__ import annotations

import shutil
import zipfile

from helpers import DATA, ROOT, run_cli, run_in_terminal


def make_folder(folder, good=3, broken=True):
    folder.mkdir()
    text = DATA.read_text(encoding="utf-8")
    for n in range(good):
        (folder / f"agency{n + 1}.yaml").write_text(text.replace("เทศบาลตำบลโคกสูงสัมพันธ์", f"เทศบาล{'กขคง'[n]}"),
                                                    encoding="utf-8")
    if broken:
        bad = text.replace("fiscal_year: 2568", "fiscal_year: 2025", 1)
        (folder / "broken.yaml").write_text(bad, encoding="utf-8")
        line = bad.splitlines().index("fiscal_year: 2025") + 1
        return f"{folder.name}/broken.yaml:{line}:14: error: fiscal_year"
    return None


def test_folder_with_one_broken_file(tmp_path):
    where = make_folder(tmp_path / "data")  # four files: built by a pool of two processes
    (tmp_path / "out").mkdir()
    result = run_cli("build", "data", "-o", "out", "--format", "docx,md", cwd=tmp_path)
    assert result.returncode == 1
    built = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert built == [f"agency{n}.{s}" for n in (1, 2, 3) for s in ("docx", "md")]
    for n in (1, 2, 3):
        with zipfile.ZipFile(tmp_path / "out" / f"agency{n}.docx") as zf:
            assert f"เทศบาล{'กขคง'[n - 1]}".encode() in zf.read("word/document.xml")
    assert sorted(line for line in result.stdout.splitlines()) == sorted(f"wrote out/{name}" for name in built)
    # The failures again at the end, with file:line.
    tail = result.stderr.strip().splitlines()
    assert tail[-2] == "FAILED: 1 of 4 files not built:"
    assert tail[-1].startswith("  " + where), tail[-1]
    assert "\x1b[" not in result.stdout + result.stderr  # plain lines in CI


def test_list_of_files_with_a_missing_one(tmp_path):
    make_folder(tmp_path / "data", good=2, broken=False)
    result = run_cli("build", "data/agency1.yaml", "data/nothere.yaml", "data/agency2.yaml", "-o", ".",
                     cwd=tmp_path)
    assert result.returncode == 2  # an I/O error is a usage error (2); invalid data alone gives 1
    assert (tmp_path / "agency1.docx").is_file() and (tmp_path / "agency2.docx").is_file()
    assert result.stderr.strip().splitlines()[-1].startswith("  data/nothere.yaml: error: ")


def test_several_files_need_an_output_folder(tmp_path):
    make_folder(tmp_path / "data", good=2, broken=False)
    result = run_cli("build", "data", "-o", "report.docx", cwd=tmp_path)
    assert result.returncode == 2
    assert "with several input files, -o must be a folder (end it with /)" in result.stderr
    assert not (tmp_path / "report.docx").exists()


def test_empty_folder_is_an_error(tmp_path):
    (tmp_path / "data").mkdir()
    result = run_cli("build", "data", cwd=tmp_path)
    assert result.returncode == 2
    assert "data: no .yaml data files in this folder" in result.stderr


def test_progress_bar_on_a_terminal(tmp_path):
    make_folder(tmp_path / "data", good=4, broken=False)
    code, screen = run_in_terminal(["build", "data", "-o", "."], tmp_path)
    assert code == 0, screen
    assert "building" in screen and "4/4" in screen
    assert sorted(p.name for p in tmp_path.glob("*.docx")) == [f"agency{n}.docx" for n in (1, 2, 3, 4)]


def test_source_checkout_is_not_touched(tmp_path):
    # The batch must not write beside the data files or in the current folder when -o is given.
    make_folder(tmp_path / "data", good=1, broken=False)
    shutil.copy(DATA, tmp_path / "data" / "second.yaml")
    (tmp_path / "out").mkdir()
    result = run_cli("build", "data", "-o", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "data").iterdir()) == ["agency1.yaml", "second.yaml"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "out"]
    assert ROOT.is_dir()
