"""pytest's fixtures shared by the test files; the helpers they use live in tests/helpers/."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import *  # noqa: F403  (the names test files of older branches still import from here)
from helpers import DATA, run_cli


@pytest.fixture(scope="session")
def seed_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """data/measures_2568.yaml built once for the session."""
    out = tmp_path_factory.mktemp("seed") / "measures_2568.docx"
    result = run_cli("build", DATA, "-o", out)
    assert result.returncode == 0, result.stderr
    return out
