"""Shared test helpers: the repository's paths and running the real CLI in a subprocess."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "measures_2568.yaml"
TEST_DATA = ROOT / "tests" / "data"


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None, timeout: float = 300):
    """`python -m itareport ARGS` as a user would run it; returns the CompletedProcess (text)."""
    full_env = {**os.environ, "CI": "true", "PYTHONIOENCODING": "utf-8"}
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "itareport", *map(str, args)], cwd=cwd or ROOT,
                          env=full_env, capture_output=True, text=True, timeout=timeout)


def diagnostic_lines(output: str) -> list[str]:
    """The lines of a command's output without the source lines and carets printed under diagnostics."""
    return [line for line in output.splitlines() if not re.match(r" +\d* \| ", line)]


@pytest.fixture(scope="session")
def seed_docx(tmp_path_factory) -> Path:
    """data/measures_2568.yaml built once for the session, by the CLI."""
    out = tmp_path_factory.mktemp("seed") / "measures_2568.docx"
    result = run_cli("build", DATA, "-o", out)
    assert result.returncode == 0, result.stderr
    return out
