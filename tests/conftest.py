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
    full_env = {**os.environ, "CI": "true", "PYTHONIOENCODING": "utf-8", "ITAREPORT_LANG": "en"}
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "itareport", *map(str, args)], cwd=cwd or ROOT,
                          env=full_env, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="session")
def seed_docx(tmp_path_factory) -> Path:
    """data/measures_2568.yaml built once for the session, by the CLI."""
    out = tmp_path_factory.mktemp("seed") / "measures_2568.docx"
    result = run_cli("build", DATA, "-o", out)
    assert result.returncode == 0, result.stderr
    return out


CODE_SUFFIX = re.compile(r" \[ITA\d{3}\]$")


def without_codes(lines):
    """Diagnostic lines without their ' [ITA...]' code (tests of the message text; codes: test_codes.py)."""
    return [CODE_SUFFIX.sub("", line) for line in lines]


def invoke(*args, lang: str = "en", env: dict | None = None, cwd: Path | None = None):
    """The CLI in-process (typer's CliRunner) with help and messages in `lang`; returns the Result
    (.exit_code, .stdout, .stderr). English again afterwards, for the tests that follow."""
    from unittest import mock

    from typer.testing import CliRunner

    from itareport import cli
    from itareport.i18n import detect_language

    command = cli.localized(detect_language([str(a) for a in args], {"ITAREPORT_LANG": lang}))
    old = Path.cwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        with mock.patch("typer.testing._get_command", lambda app: command):
            return CliRunner().invoke(cli.app, [str(a) for a in args],
                                      env={"ITAREPORT_LANG": lang, "CI": "true", **(env or {})})
    finally:
        os.chdir(old)
        cli.localized("en")


def readme_yaml() -> str:
    """The data file example of the README."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.search(r"```yaml\n(.*?)```", text, re.S).group(1)


def readme_x_yaml() -> str:
    """The README's example with the mistakes its validate sessions show (data/x.yaml)."""
    return (readme_yaml().replace("fiscal_year: 2568 ", "fiscal_year: 2025 ")
            .replace("    owner: สำนักปลัด\n    period: fiscal-year", "    ower: สำนักปลัด\n    period: fiscal-year")
            .replace("ดำเนินการจัดทำคู่มือแนวปฏิบัติสำหรับเจ้าหน้าที่", "<p>ดำเนินการจัดทำคู่มือแนวปฏิบัติสำหรับเจ้าหน้าที่</p>"))
