"""Stopping a batch, with real processes (the process is what is tested): signals at random moments of a batch
(benchmarks/stress_stop.py's runs, a few dozen here), and SIGTERM while LibreOffice converts."""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from helpers import CLI_ENV, DATA, ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import stress_stop


def test_a_few_dozen_signals_at_random_moments_of_a_batch(tmp_path):
    """SIGINT, SIGTERM, SIGHUP and two Ctrl+C, each run: gone within 10 s (no hang), exit 130/143/129, no worker
    left, no temporary file, each report its old bytes or its new ones, and a `wrote` line for exactly the
    reports replaced."""
    runs = stress_stop.stress(tmp_path, ROOT / "src", "docx", files=8, runs=24, rng=random.Random(25),
                              progress=False)
    problems = [f"{r.how} at {r.delay:.2f} s: {p}" for r in runs for p in r.problems]
    assert not problems, "\n".join(problems)
    assert not any(r.hang for r in runs)
    stopped = [r for r in runs if r.interrupted and not r.at_start and r.stop is not None]
    assert len(stopped) >= 12  # most signals landed in the batch itself
    assert max(r.stop for r in stopped) < 2.0, [(r.how, r.delay, r.stop) for r in stopped]


def ours(pid: int, folder: Path) -> list[str]:
    """The processes of the run: its session (workers) and those naming its temporary folder (LibreOffice)."""
    return stress_stop.session_processes(pid) + stress_stop.processes_using(folder)


def test_sigterm_while_libreoffice_converts_leaves_nothing_behind(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    for n in range(3):
        shutil.copy(DATA, data / f"agency{n + 1}.yaml")
    out = tmp_path / "out"
    out.mkdir()
    (out / "agency1.pdf").write_bytes(b"%PDF- last year's")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    env = {**os.environ, **CLI_ENV, "PYTHONPATH": str(ROOT / "src"), "TMPDIR": str(temporary)}
    process = subprocess.Popen([sys.executable, "-m", "itareport", "build", "data", "-o", "out/", "-f", "docx,pdf"],
                               cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while not any("soffice" in line for line in ours(process.pid, temporary)):
            assert process.poll() is None and time.monotonic() < deadline, "LibreOffice never started"
            time.sleep(0.05)
        time.sleep(0.5)  # converting
        sent = time.monotonic()
        process.send_signal(signal.SIGTERM)
        stdout, stderr = process.communicate(timeout=10)
        took = time.monotonic() - sent
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 143, stderr
    assert took < 2.0
    time.sleep(0.5)
    assert ours(process.pid, temporary) == []  # no soffice (nor anything it started), no worker
    assert list(temporary.iterdir()) == []  # no itareport-pdf-* profile, no lu*.tmp
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == []
    last = stderr.strip().splitlines()[-1]
    assert re.fullmatch(r"itareport: stopped by SIGTERM: built (\d) data files? of 3, (\d) files written, (\d) not "
                        r"\(each report is as it was or completely new\)", last), last
    wrote = stdout.splitlines()
    assert wrote[:3] == [f"wrote out/agency{n}.docx" for n in (1, 2, 3)]  # each .docx before any PDF
    assert all(line.endswith(".pdf") for line in wrote[3:]) and len(wrote) < 6
    old = (out / "agency1.pdf").read_bytes()
    assert old == b"%PDF- last year's" or old.rstrip().endswith(b"%%EOF")
    assert Path(out / "agency2.docx").is_file()
