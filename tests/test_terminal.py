"""On a terminal the output is coloured by rich; in CI and pipes it is plain (tested elsewhere)."""

import os
import pty
import sys

from test_validate_cli import VALID


def run_in_terminal(args, cwd):
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["TERM"] = "xterm-256color"
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


def test_validate_on_a_terminal_is_coloured(tmp_path):
    (tmp_path / "x.yaml").write_text(VALID.replace("2568\n", "2025\n"), encoding="utf-8")
    code, output = run_in_terminal(["validate", "x.yaml"], tmp_path)
    assert code == 1
    assert "\x1b[" in output
    assert "x.yaml:4:14: " in output and "did you mean 2568?" in output
    assert "Traceback" not in output
