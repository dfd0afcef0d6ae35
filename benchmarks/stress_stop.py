"""Stopping a batch, hundreds of times: SIGINT, SIGTERM and SIGHUP at random moments of docx and PDF batches.

    python benchmarks/stress_stop.py                  # 300 docx runs (100 files) and 30 PDF runs (12 files)
    python benchmarks/stress_stop.py --runs 40 --pdf-runs 4 --files 30
    python benchmarks/stress_stop.py --src /work/main/src   # the same against another checkout's itareport

Each run is a real `itareport build data -o out` in its own session (as a terminal's foreground job), over
reports that hold placeholder bytes; one signal at a random moment of the batch (or two Ctrl+C in a row):
SIGINT and SIGHUP to the whole process group (what a terminal sends: Ctrl+C, a closed window), SIGTERM to the
itareport process alone (what CI's cancel or `kill PID` sends). After it, each run is checked for:

- a hang: the process not gone 10 s after the signal (its threads' stacks are printed: faulthandler);
- the stop time: signal to exit;
- the exit code: 130, 143 or 129 (0 or 1 when the batch had finished before the signal);
- leftovers: any process of the session (workers) or naming the run's temporary folder (LibreOffice, in a
  session of its own) alive 2 s after the exit, any file in the
  run's own temporary folder (TMPDIR: itareport-pdf-*, lu*.tmp), a temporary file beside the reports,
  a new stale OSL_PIPE_* socket in /tmp (LibreOffice makes it there whatever TMPDIR says; another job's
  LibreOffice killed at the same moment would be counted too);
- each report its old bytes or its complete new ones (a PDF: complete, with the fingerprint of its .docx);
- the honest log: the `wrote` lines name exactly the reports whose bytes changed.

Prints one line per problem and a table: runs, interrupted, hangs, leftovers, wrong reports, log mismatches,
wrong exit codes, median and slowest stop. Exit 1 when any run had a problem.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "measures_2568.yaml"
OLD = b"PK\x03\x04 last year's report: never half overwritten"
HANG_AFTER = 10.0      # seconds after the signal
SURVIVOR_GRACE = 2.0   # seconds after the exit for the session's other processes to be gone
EXIT = {"INT": 130, "TERM": 143, "HUP": 129, "INT-INT": 130}

# The itareport process: its threads' stacks on SIGUSR1 (forked workers inherit it), then the CLI.
WRAPPER = """\
import faulthandler, signal, sys
faulthandler.register(signal.SIGUSR1, all_threads=True)
sys.argv = ["itareport", *sys.argv[1:]]
from itareport.__main__ import main
main()
"""


@dataclass
class Run:
    """What one interrupted build left behind."""

    kind: str
    how: str
    delay: float
    code: int | None = None
    stop: float | None = None     # seconds from the signal to the exit
    hang: bool = False
    interrupted: bool = True
    at_start: bool = False        # ended by the signal during Python's start-up (before itareport's code)
    problems: list[str] = field(default_factory=list)


def make_inputs(folder: Path, files: int) -> Path:
    """`files` data files: the seed under as many agency names."""
    data = folder / "data"
    data.mkdir(parents=True)
    text = SEED.read_text(encoding="utf-8")
    for i in range(files):
        (data / f"agency{i + 1:04d}.yaml").write_text(
            text.replace("เทศบาลตำบลโคกสูงสัมพันธ์", f"เทศบาลตำบลที่ {i + 1}"), encoding="utf-8")
    return data


def environment(src: Path, tmp: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(src), "CI": "true", "ITAREPORT_LANG": "en", "TMPDIR": str(tmp),
            "PYTHONIOENCODING": "utf-8"}


def build_command(formats: str) -> list[str]:
    return [sys.executable, "-c", WRAPPER, "build", "data", "-o", "out/", "-f", formats]


def reference(work: Path, src: Path, formats: str) -> tuple[dict[str, bytes], float]:
    """The reports an uninterrupted build writes (their bytes; PDFs: b'') and how long it takes."""
    out = work / "out"
    shutil.rmtree(out, ignore_errors=True)
    tmp = work / "tmp-reference"
    tmp.mkdir(exist_ok=True)
    began = time.monotonic()
    result = subprocess.run(build_command(formats), cwd=work, env=environment(src, tmp), capture_output=True,
                            text=True, timeout=900)
    took = time.monotonic() - began
    if result.returncode != 0:
        sys.exit(f"stress: the uninterrupted build failed ({result.returncode}):\n{result.stderr[-3000:]}")
    shutil.rmtree(tmp, ignore_errors=True)
    return {p.name: (b"" if p.suffix == ".pdf" else p.read_bytes()) for p in sorted(out.iterdir())}, took


def session_processes(sid: int) -> list[str]:
    """'pid name' of every process of this session (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        if int(fields[3]) == sid and fields[0] != "Z":  # state, ppid, pgrp, session
            found.append(f"{entry.name} {stat[stat.index('(') + 1:stat.rindex(')')]}")
    return found


def processes_using(folder: Path) -> list[str]:
    """'pid name' of every process whose command line names this folder: LibreOffice runs in a session of its
    own (a process group to kill whole), and its profile is in the run's temporary folder."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().decode("utf-8", "replace")
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if str(folder) in command and stat[stat.rindex(")") + 2] != "Z":
            found.append(f"{entry.name} {stat[stat.index('(') + 1:stat.rindex(')')]}")
    return found


def stale_pipes() -> set[str]:
    """OSL_PIPE_* sockets in /tmp that nothing listens on any more."""
    stale = set()
    for path in Path("/tmp").glob("OSL_PIPE_*"):
        with socket.socket(socket.AF_UNIX) as s:
            try:
                s.connect(str(path))
            except OSError:
                stale.add(path.name)
    return stale


def send(process: subprocess.Popen, how: str) -> None:
    if how == "TERM":
        process.send_signal(signal.SIGTERM)
    elif how == "INT-INT":
        os.killpg(process.pid, signal.SIGINT)
        time.sleep(0.05)
        os.killpg(process.pid, signal.SIGINT)
    else:
        os.killpg(process.pid, getattr(signal, "SIG" + how))


FRAME = re.compile(r'File "[^"]*[/\\]itareport[/\\]([\w/\\]+)\.py"')
ENTRY = {"__init__", "__main__", "stopping"}   # what runs before itareport holds the signals
END = re.compile(r"^(OK|FAILED): built |^itareport: stopped by ", re.M)   # the batch's last line


def in_python_start(code: int | None, how: str, err: str) -> bool:
    """The signal landed in Python's own start-up (site, the first imports), before itareport's entry point held
    the stop signals: Python's defaults apply there (SIGTERM, SIGHUP end the process; SIGINT raises
    KeyboardInterrupt in the import under way). Nothing can be written yet."""
    if code == -signal.Signals["SIG" + how.split("-")[0]] and "Traceback" not in err:
        return True
    return "KeyboardInterrupt" in err and set(FRAME.findall(err)) <= ENTRY and code in (1, -signal.SIGINT)


def one_run(work: Path, src: Path, formats: str, reports: dict[str, bytes], how: str, delay: float) -> Run:
    from itareport.render.pdf import fingerprint, read_fingerprint

    run = Run("pdf" if "pdf" in formats else "docx", how, delay)
    out = work / "out"
    for name in reports:
        (out / name).write_bytes(OLD)
    for extra in [p for p in out.iterdir() if p.name not in reports]:
        extra.unlink()
    tmp = work / "tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    pipes_before = stale_pipes() if run.kind == "pdf" else set()
    with tempfile.TemporaryFile() as stdout, tempfile.TemporaryFile() as stderr:
        process = subprocess.Popen(build_command(formats), cwd=work, env=environment(src, tmp), stdout=stdout,
                                   stderr=stderr, start_new_session=True)
        time.sleep(delay)
        run.interrupted = process.poll() is None
        sent = time.monotonic()
        if run.interrupted:
            send(process, how)
        try:
            run.code = process.wait(timeout=HANG_AFTER)
            run.stop = time.monotonic() - sent
        except subprocess.TimeoutExpired:
            run.hang = True
            for line in session_processes(process.pid):
                os.kill(int(line.split()[0]), signal.SIGUSR1)
            time.sleep(1)
            stderr.seek(0)
            run.problems.append(f"hang: {session_processes(process.pid)}\n"
                                + stderr.read().decode("utf-8", "replace")[-6000:])
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        deadline = time.monotonic() + SURVIVOR_GRACE
        while (session_processes(process.pid) or processes_using(tmp)) and time.monotonic() < deadline:
            time.sleep(0.05)
        survivors = session_processes(process.pid) + processes_using(tmp)
        if survivors:
            run.problems.append(f"still running {SURVIVOR_GRACE:g} s after the exit: {survivors}")
            with contextlib.suppress(OSError):
                os.killpg(process.pid, signal.SIGKILL)
            for line in processes_using(tmp):
                with contextlib.suppress(OSError):
                    os.kill(int(line.split()[0]), signal.SIGKILL)
        stdout.seek(0)
        log = stdout.read().decode("utf-8", "replace")
        stderr.seek(0)
        err = stderr.read().decode("utf-8", "replace")
    if run.hang:
        return run
    expected = EXIT[how] if run.interrupted else 0
    # ended by the signal itself (exit -N, what a shell shows as 128+N): only in Python's own start-up, before
    # itareport holds the signals; then nothing may have been written nor said
    run.at_start = run.interrupted and not log and in_python_start(run.code, how, err)
    # ended by the signal once itareport's work was over (its last line written): Python's shutdown puts the
    # default handlers back, so a signal then ends the process as the signal does (a shell shows 128+N as well)
    died = run.code is not None and run.code < 0 and 128 - run.code == EXIT[how]
    if died and END.search(log + err):
        run.code = EXIT[how]
    if run.code != expected and not run.at_start and not (run.interrupted and run.code == 0):  # or it finished
        run.problems.append(f"exit {run.code}, expected {expected}: {err[-800:]}")
    left = sorted(p.name for p in out.iterdir() if p.name not in reports)
    if left:
        run.problems.append(f"beside the reports: {left}")
    rest = sorted(str(p.relative_to(tmp)) for p in tmp.iterdir())
    if rest:
        run.problems.append(f"in the temporary folder: {rest}")
    new_pipes = stale_pipes() - pipes_before if run.kind == "pdf" else set()
    if new_pipes:
        run.problems.append(f"stale LibreOffice pipes in /tmp: {sorted(new_pipes)}")
    changed = set()
    for name, new in reports.items():
        data = (out / name).read_bytes()
        if data == OLD:
            continue
        changed.add(name)
        if name.endswith(".pdf"):
            docx = out / (name[:-4] + ".docx")
            complete = data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
            if not complete or read_fingerprint(data) != fingerprint(docx.read_bytes()):
                run.problems.append(f"{name}: neither the old report nor a complete PDF of its .docx")
        elif data != new:
            run.problems.append(f"{name}: neither the old report nor the new one ({len(data)} bytes)")
    wrote = {Path(line[len("wrote "):]).name for line in log.splitlines() if line.startswith("wrote ")}
    if wrote != changed:
        run.problems.append(f"log: {len(wrote)} wrote lines, {len(changed)} reports replaced; not logged: "
                            f"{sorted(changed - wrote)[:5]}, logged but not replaced: {sorted(wrote - changed)[:5]}")
    return run


def stress(work: Path, src: Path, formats: str, files: int, runs: int, rng: random.Random,
           hows: tuple[str, ...] = ("INT", "TERM", "HUP", "INT-INT"), within: float | None = None,
           progress: bool = True) -> list[Run]:
    """`runs` interrupted builds of a batch of `files` data files to `formats`, the signals spread over the
    whole batch (or its first `within` seconds)."""
    work.mkdir(parents=True, exist_ok=True)
    if not (work / "data").is_dir():
        make_inputs(work, files)
    reports, took = reference(work, src, formats)
    done = []
    for i in range(runs):
        delay = (i + rng.random()) / runs * (within or took * 1.1)  # stratified over the batch (and just after)
        run = one_run(work, src, formats, reports, hows[i % len(hows)], delay)
        done.append(run)
        if progress and (run.problems or run.hang):
            print(f"run {i + 1} ({run.kind}, {run.how} at {delay:.2f} s): " + "; ".join(run.problems), flush=True)
    return done


def table(runs: list[Run]) -> list[str]:
    lines = [f"{'batch':>6} {'runs':>5} {'stopped':>8} {'hangs':>6} {'leftovers':>10} {'reports':>8} {'log':>4} "
             f"{'exit':>5} {'at start':>9} {'median stop s':>14} {'slowest s':>10}"]
    for kind in ("docx", "pdf"):
        mine = [r for r in runs if r.kind == kind]
        if not mine:
            continue
        stopped = [r for r in mine if r.interrupted]
        stops = [r.stop for r in stopped if r.stop is not None]

        def count(pattern: str, these: list[Run] = mine) -> int:
            return sum(any(re.match(pattern, p) for p in r.problems) for r in these)

        lines.append(f"{kind:>6} {len(mine):>5} {len(stopped):>8} {sum(r.hang for r in mine):>6} "
                     f"{count(r'(still running|beside|in the temporary|stale)'):>10} "
                     f"{count(r'.*: neither'):>8} {count('log:'):>4} {count('exit '):>5} "
                     f"{sum(r.at_start for r in mine):>9} "
                     f"{statistics.median(stops) if stops else 0:>14.2f} {max(stops, default=0):>10.2f}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=300, help="interrupted docx batches (default 300)")
    parser.add_argument("--files", type=int, default=100, help="data files in a docx batch (default 100)")
    parser.add_argument("--pdf-runs", type=int, default=30, help="interrupted docx+pdf batches (default 30)")
    parser.add_argument("--pdf-files", type=int, default=12, help="data files in a PDF batch (default 12)")
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="the itareport to test (its src folder)")
    parser.add_argument("--signals", default="INT,TERM,HUP,INT-INT",
                        help="the ways to stop, taken in turn (INT, TERM, HUP, INT-INT: two Ctrl+C)")
    parser.add_argument("--within", type=float, help="signal within the first SECONDS (default: the whole batch)")
    parser.add_argument("--seed", type=int, default=2568)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="stress-stop-") as folder:
        work = Path(folder)
        hows = tuple(args.signals.split(","))
        runs = stress(work / "docx", args.src, "docx", args.files, args.runs, rng, hows, args.within) \
            if args.runs else []
        if args.pdf_runs and shutil.which("soffice"):
            runs += stress(work / "pdf", args.src, "docx,pdf", args.pdf_files, args.pdf_runs, rng, hows, args.within)
    print(f"\nitareport from {args.src}; {os.cpu_count()} CPUs; signals: SIGINT and SIGHUP to the process group, "
          "SIGTERM to the process, two SIGINTs 0.05 s apart")
    print("\n".join(table(runs)))
    return 1 if any(r.problems or r.hang for r in runs) else 0


if __name__ == "__main__":
    sys.exit(main())
