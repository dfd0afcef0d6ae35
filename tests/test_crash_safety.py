"""A build killed (SIGKILL: no cleanup runs) while it writes never leaves a partial report.

The real `python -m itareport build` runs in a subprocess, writing over an existing report.
A small hook, installed in that subprocess before itareport starts, kills it at a chosen
moment: when the temporary file is created, halfway through writing it (half the bytes
flushed to disk), just before the rename, just after it. Then it is killed at random
moments (stratified over the whole run) while the hook only slows the write down, so that
many kills land inside it. Every time, the report is byte-for-byte the old one or the
complete new one; a killed write can only leave a hidden '.NAME.*.tmp' file beside it.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from helpers import DATA, table_rows

OLD = b"PK\x03\x04 last year's report, which must never be half overwritten"

HOOK = textwrap.dedent("""\
    import os, signal, sys, time

    POINT = os.environ["KILL_AT"]           # created, mid-write, before-replace, after-replace or slow
    TARGET = os.environ["KILL_TARGET"]      # the report's file name

    def kill():
        os.kill(os.getpid(), signal.SIGKILL)

    def ours(name):
        base = os.path.basename(str(name))
        return base.startswith("." + TARGET + ".") and base.endswith(".tmp")

    def audit(event, args):
        if event == "open" and POINT == "created" and ours(args[0]):
            kill()
        if event == "os.rename" and POINT == "before-replace" and ours(args[0]):
            kill()

    sys.addaudithook(audit)

    class Writer:
        '''The temporary file, written half then killed, or written slowly in chunks.'''

        def __init__(self, handle):
            self.handle = handle

        def write(self, data):
            if POINT == "mid-write":
                self.handle.write(data[:len(data) // 2])
                self.handle.flush()
                os.fsync(self.handle.fileno())
                kill()
            for i in range(0, len(data), 1024):  # a ~40 kB report: about half a second
                self.handle.write(data[i:i + 1024])
                self.handle.flush()
                time.sleep(0.012)
            return len(data)

        def __getattr__(self, name):
            return getattr(self.handle, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return self.handle.__exit__(*exc)

    real_fdopen, real_open, real_replace = os.fdopen, open, os.replace

    def fdopen(fd, mode="r", *args, **kwargs):
        handle = real_fdopen(fd, mode, *args, **kwargs)
        if "w" in mode and ours(os.readlink(f"/proc/self/fd/{fd}")):
            return Writer(handle)
        return handle

    def replace(src, dst, *args, **kwargs):
        real_replace(src, dst, *args, **kwargs)
        if POINT == "after-replace" and ours(src):
            kill()

    os.fdopen, os.replace = fdopen, replace

    from itareport.cli import main
    sys.argv = ["itareport", *sys.argv[1:]]
    main()
    """)


def start(folder: Path, point: str, *args) -> subprocess.Popen:
    env = {**os.environ, "CI": "true", "KILL_AT": point, "KILL_TARGET": "report.docx"}
    return subprocess.Popen([sys.executable, "-c", HOOK, "build", *map(str, args), "-o", "report.docx"],
                            cwd=folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in ("data.yaml", "report.docx"))


@pytest.fixture(scope="module")
def big_data(tmp_path_factory) -> tuple[Path, bytes]:
    """300 measures (a report of about 40 kB, so a slowed write takes a while) and its report."""
    text = DATA.read_text(encoding="utf-8")
    head, measures = text.split("\nmeasures:\n", 1)
    folder = tmp_path_factory.mktemp("big")
    data = folder / "data.yaml"
    data.write_text(head + "\nmeasures:\n" + measures * 50, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "itareport", "build", "data.yaml", "-o", "report.docx"],
                            cwd=folder, capture_output=True, text=True, env={**os.environ, "CI": "true"})
    assert result.returncode == 0, result.stderr
    report = (folder / "report.docx").read_bytes()
    assert len(table_rows(folder / "report.docx")) > 300
    return data, report


def prepare(folder: Path, data: Path) -> None:
    (folder / "data.yaml").write_bytes(data.read_bytes())
    (folder / "report.docx").write_bytes(OLD)


@pytest.mark.parametrize("point, expected", [
    ("created", "old"), ("mid-write", "old"), ("before-replace", "old"), ("after-replace", "new")])
def test_killed_at_each_step_of_the_write(tmp_path, big_data, point, expected):
    data, new = big_data
    prepare(tmp_path, data)
    process = start(tmp_path, point, "data.yaml")
    _out, err = process.communicate(timeout=120)
    assert process.returncode == -signal.SIGKILL, err.decode()  # the hook fired: killed where we meant
    report = (tmp_path / "report.docx").read_bytes()
    assert report == (OLD if expected == "old" else new)
    rest = leftovers(tmp_path)
    assert all(name.startswith(".report.docx.") and name.endswith(".tmp") for name in rest), rest
    if point == "mid-write":
        [partial] = rest
        written = (tmp_path / partial).read_bytes()
        assert 0 < len(written) < len(new) and new.startswith(written)  # the half write went to the side file

    # the next build, not killed, puts the complete report in place
    result = subprocess.run([sys.executable, "-m", "itareport", "build", "data.yaml", "-o", "report.docx"],
                            cwd=tmp_path, capture_output=True, text=True, env={**os.environ, "CI": "true"})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "report.docx").read_bytes() == new


@pytest.mark.slow
def test_killed_at_random_moments(tmp_path, big_data):
    """SIGKILL from outside, at random moments spread over a whole (slowed-write) build, 12 times."""
    data, new = big_data
    prepare(tmp_path, data)
    began = time.monotonic()
    process = start(tmp_path, "slow", "data.yaml")
    assert process.wait(timeout=120) == 0, process.stderr.read().decode()
    whole = time.monotonic() - began
    assert (tmp_path / "report.docx").read_bytes() == new

    rng = random.Random(2568)
    outcomes = []
    runs = 12
    for i in range(runs):
        prepare(tmp_path, data)
        for name in leftovers(tmp_path):
            (tmp_path / name).unlink()
        moment = (i + rng.random()) / runs * whole * 1.25   # one random moment in each slice of the run
        if i == 0:   # and one during the start-up, before any write (the slowed write fills most of the run)
            moment = rng.random() * 0.05
        process = start(tmp_path, "slow", "data.yaml")
        time.sleep(moment)
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=120)
        report = (tmp_path / "report.docx").read_bytes()
        assert report in (OLD, new), f"partial report after a kill at {moment:.2f} s"
        rest = leftovers(tmp_path)
        assert all(name.startswith(".report.docx.") and name.endswith(".tmp") for name in rest), rest
        outcomes.append("new" if report == new else ("mid-write" if rest else "old"))
    # the kills did land before the write and inside it (after it: see after-replace above; how many
    # land there depends on the machine's load)
    assert {"old", "mid-write"} <= set(outcomes), outcomes
