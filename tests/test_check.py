"""itareport build --check: exit 0 when every output is current, 1 naming stale or missing ones; writes nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import DATA, run_cli

FORMATS = "docx,pdf,html,md"


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A data file and its four outputs, as a repository would hold them."""
    folder = tmp_path_factory.mktemp("check")
    shutil.copy(DATA, folder / "report.yaml")
    result = run_cli("build", "report.yaml", "--format", FORMATS, cwd=folder)
    assert result.returncode == 0, result.stderr
    return folder


@pytest.fixture
def repo(built, tmp_path):
    folder = tmp_path / "repo"
    shutil.copytree(built, folder)
    return folder


def test_current_outputs_pass_and_nothing_is_written(repo):
    before = snapshot(repo)
    result = run_cli("build", "report.yaml", "--format", FORMATS, "--check", cwd=repo)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "OK: 4 output files up to date"
    assert snapshot(repo) == before


def test_changed_data_makes_every_format_stale(repo):
    data = repo / "report.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace("owner: สำนักปลัด", "owner: กองคลัง", 1),
                    encoding="utf-8")
    before = snapshot(repo)
    result = run_cli("build", "report.yaml", "--format", FORMATS, "--check", cwd=repo)
    assert result.returncode == 1
    for suffix in ("docx", "pdf", "html", "md"):
        assert f"stale: report.{suffix} (run: itareport build report.yaml -f {FORMATS})" in result.stderr
    assert "FAILED: 4 output files out of date or missing" in result.stderr
    assert snapshot(repo) == before


def test_missing_output_named(repo):
    (repo / "report.html").unlink()
    before = snapshot(repo)
    result = run_cli("build", "report.yaml", "--format", "html,md", "--check", cwd=repo)
    assert result.returncode == 1
    assert "missing: report.html" in result.stderr
    assert "report.md" not in result.stderr
    assert snapshot(repo) == before


def test_edited_pdf_is_stale(repo):
    """A PDF made from other data (here: another file's PDF) fails the check."""
    other = repo / "other.yaml"
    other.write_text((repo / "report.yaml").read_text(encoding="utf-8").replace("fiscal_year: 2568",
                                                                                "fiscal_year: 2569", 1),
                     encoding="utf-8")
    shutil.copy(repo / "report.pdf", repo / "other.pdf")
    result = run_cli("build", "other.yaml", "--format", "pdf", "--check", cwd=repo)
    assert result.returncode == 1
    assert "stale: other.pdf" in result.stderr


def test_check_with_invalid_data_fails_with_location(repo):
    data = repo / "report.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace("fiscal_year: 2568", "fiscal_year: 2025", 1),
                    encoding="utf-8")
    before = snapshot(repo)
    result = run_cli("build", "report.yaml", "--check", cwd=repo)
    assert result.returncode == 1
    assert "report.yaml:" in result.stderr and "error: fiscal_year" in result.stderr
    assert snapshot(repo) == before
