"""The benchmark script runs (CI smoke: small sizes, one run each; its timings are not checked here)."""

import subprocess
import sys

from helpers import ROOT


def test_bench_quick_runs_and_prints_its_table_and_goals():
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench.py"), "--quick"], cwd=ROOT,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("machine: ")
    table = [line.split() for line in lines if line.strip().startswith(("seed", "100 "))]
    assert [row[:2] for row in table] == [["seed", "7"], ["100", "100"]]  # both tools made the same table
    assert all(float(row[2]) > 0 and float(row[3]) > 0 for row in table)
    goals = [line for line in lines if line.startswith(("  PASS", "  FAIL"))]
    assert len(goals) == 10
    batch = [line.split() for line in lines if line.strip().startswith(("docx+pdf", "docx ", "--check"))]
    assert [row[:2] for row in batch] == [["docx+pdf", "1"], ["docx+pdf", "4"], ["docx", "4"], ["--check", "docx+pdf"]]
    assert "  PASS  validate and --help import neither python-docx nor Jinja2: validate: -, --help: -" in goals


def test_startup_runs_and_prints_its_figures_and_goals():
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "startup.py"), "--runs", "1"], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    rows = {line[:40].strip(): line[40:].split() for line in result.stdout.splitlines() if line.startswith(
        ("python", "import", "typer", "itareport", "docxtpl"))}
    assert list(rows) == ["python -c pass", "import typer, pydantic, yaml", "typer, yaml, pydantic: one check",
                          "itareport --help", "itareport validate seed", "itareport build seed", "docxtpl script, seed"]
    assert all(float(wall) > 0 and float(cpu) > 0 for wall, cpu in rows.values())
    goals = [line for line in result.stdout.splitlines() if line.startswith(("  PASS", "  FAIL"))]
    assert len(goals) == 3
