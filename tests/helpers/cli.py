"""Running the command line: in-process (the core of every CLI test), or as a real process where
the process is what is tested (exit codes, pipes, signals, terminals)."""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .paths import CLI_ENV, ROOT


@dataclass
class Ran:
    """What a CLI run gave: the same fields as subprocess.CompletedProcess."""

    returncode: int
    stdout: str
    stderr: str


@contextlib.contextmanager
def _inside(cwd: Path):
    before = os.getcwd()
    os.chdir(cwd)
    try:
        yield
    finally:
        os.chdir(before)


def _invoke(args, env: dict, cwd: Path | None, input: str | None = None):
    """The CLI in this process: the app made by cli.make_app in the language env and args choose (as
    main() does), run by Typer's CliRunner in cwd with env added to os.environ. English again afterwards,
    for the tests that follow."""
    from typer.testing import CliRunner

    from itareport import cli
    from itareport.i18n import detect_language, set_language

    args = [str(a) for a in args]
    app = cli.make_app(detect_language(args, {**os.environ, **env}))
    try:
        with _inside(cwd or ROOT):
            return CliRunner().invoke(app, args, env=env, input=input, prog_name="itareport",
                                      catch_exceptions=False)
    finally:
        set_language("en")


def run_cli(*args, cwd: Path | None = None, env: dict | None = None, input: str | None = None,
            timeout: float | None = None) -> Ran:
    """`itareport ARGS` in this process, in cwd, English unless env or --lang says otherwise.
    (timeout: accepted for the same calls as run_process; an in-process run is not timed.)"""
    result = _invoke(args, {**CLI_ENV, **(env or {})}, cwd, input)
    return Ran(result.exit_code, result.stdout, result.stderr)


def invoke(*args, lang: str = "en", env: dict | None = None, cwd: Path | None = None):
    """The CLI in this process with help and messages in `lang`; click's Result (.exit_code, .stdout,
    .stderr)."""
    return _invoke(args, {"CI": "true", "ITAREPORT_LANG": lang, **(env or {})}, cwd)


def run_process(*args, cwd: Path | None = None, env: dict | None = None, timeout: float = 300,
                input: str | None = None) -> subprocess.CompletedProcess:
    """`python -m itareport ARGS` as a separate process: for exit codes of the process itself,
    pipes, signals, encodings of real streams and installs."""
    full_env = {**os.environ, **CLI_ENV, **(env or {})}
    return subprocess.run([sys.executable, "-m", "itareport", *map(str, args)], cwd=cwd or ROOT,
                          env=full_env, capture_output=True, text=True, timeout=timeout, input=input)


def run_in_terminal(args, cwd, env: dict | None = None) -> tuple[int, str]:
    """The CLI on a pseudo-terminal (rich output unless env says otherwise): exit code and everything it
    printed."""
    import pty

    extra = env or {}
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "NO_COLOR")}
    env.update(TERM="xterm-256color", ITAREPORT_LANG="en", **extra)
    pid, fd = pty.fork()
    if pid == 0:  # child
        os.chdir(cwd)
        os.execve(sys.executable, [sys.executable, "-m", "itareport", *args], env)
    chunks = []
    while True:
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), b"".join(chunks).decode("utf-8", "replace")


def diagnostic_lines(output: str) -> list[str]:
    """The lines of a command's output without the source lines and carets printed under diagnostics."""
    return [line for line in output.splitlines() if not re.match(r" +\d* \| ", line)]


CODE_SUFFIX = re.compile(r" \[ITA\d{3}\]$")


def without_codes(lines):
    """Diagnostic lines without their ' [ITA...]' code (tests of the message text; codes: test_codes.py)."""
    return [CODE_SUFFIX.sub("", line) for line in lines]
