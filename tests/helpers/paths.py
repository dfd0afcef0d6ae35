"""The repository's paths and the environment of a plain, English CLI run."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data" / "measures_2568.yaml"
TEST_DATA = ROOT / "tests" / "data"

# Plain output (no rich) and English messages, whatever the machine's locale.
CLI_ENV = {"CI": "true", "PYTHONIOENCODING": "utf-8", "ITAREPORT_LANG": "en"}
