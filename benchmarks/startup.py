"""Start-up: `itareport --help`, `validate` and `build` of the shipped file, beside docxtpl and the floors.

    python benchmarks/startup.py            # medians of 15 runs, each command a whole process
    python benchmarks/startup.py --runs 5   # fewer runs
    python benchmarks/startup.py --profile  # and where the time goes (-X importtime, cProfile)
    python benchmarks/startup.py --against ../main/src   # the same itareport commands from another
                                                         # source tree, taken in turn with these

Every figure is the wall time of a whole process, the commands taken in turn run by run (so that
a busy moment of a shared machine falls on all of them), median of the runs. The floors: Python
itself (`python -c pass`, with this environment's site-packages), the design card's packages imported
(`import typer, pydantic, yaml`), and the same packages doing the least `validate` does (CARD_FLOOR:
Typer parses an argument and an option, which makes Typer 0.29 build pydantic adapters; PyYAML reads the
seed; a one-field pydantic model checks it). The peer is benchmarks/docxtpl_report.py on the same file (the
template made by bench.py). Prints the goals of issue 19 item 10; --strict exits 1 when one is missed.
Needs the `bench` extra (docxtpl).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import PEER, SEED, machine, make_template

# Bytecode cached as in an installed package: into a folder of the run's own (PYTHONPYCACHEPREFIX), never
# into a source tree; PYTHONDONTWRITEBYTECODE (set in some sandboxes) would compile every module from
# source at every start.
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}, "CI": "true",
       "ITAREPORT_LANG": "en"}


# The design card's packages doing the least `validate` does, with pydantic's plugins off as itareport runs.
CARD_FLOOR = """\
import os
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
import pydantic, typer, yaml
class Report(pydantic.BaseModel):
    fiscal_year: int
def check(path: str, output_format: str = "text") -> None:
    with open(path, encoding="utf-8") as f:
        Report.model_validate(yaml.load(f, Loader=yaml.CSafeLoader))
typer.run(check)
"""


def commands(work: Path, template: Path, against: Path | None = None) -> dict[str, tuple[list[str], dict]]:
    """name -> (command, environment)."""
    python = sys.executable
    mine = {
        "python -c pass": [python, "-c", "pass"],
        "import typer, pydantic, yaml": [python, "-c", "import typer, pydantic, yaml"],
        "typer, yaml, pydantic: one check": [python, "-c", CARD_FLOOR, str(SEED)],
        "itareport --help": [python, "-m", "itareport", "--help"],
        "itareport validate seed": [python, "-m", "itareport", "validate", str(SEED)],
        "itareport build seed": [python, "-m", "itareport", "build", str(SEED), "-o", str(work / "ours.docx")],
        "docxtpl script, seed": [python, str(PEER), str(SEED), str(template), str(work / "theirs.docx")],
    }
    todo = {name: (command, ENV) for name, command in mine.items()}
    if against is not None:
        env = {**ENV, "PYTHONPATH": str(against.resolve())}  # ENV as it is now, with its bytecode prefix
        for name in ("itareport --help", "itareport validate seed", "itareport build seed"):
            todo[f"{name} ({against.parent.name})"] = (mine[name], env)
    return todo


def wall(command: list[str], cwd: Path, env: dict) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system) of one whole process. On a shared machine the CPU
    time moves much less than the wall time when other jobs run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.exit(f"startup: {' '.join(command)} failed ({result.returncode}):\n{result.stderr.decode()}")
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure(runs: int, work: Path, template: Path, against: Path | None) -> dict[str, tuple[float, float]]:
    """name -> (median wall seconds, median CPU seconds)."""
    todo = commands(work, template, against)
    for command, env in todo.values():  # warm-up: fills the bytecode cache
        wall(command, work, env)
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in todo}
    for i in range(runs):
        names = list(todo) if i % 2 == 0 else list(todo)[::-1]
        for name in names:
            command, env = todo[name]
            times[name].append(wall(command, work, env))
    return {name: (statistics.median(w for w, _c in values), statistics.median(c for _w, c in values))
            for name, values in times.items()}


def profile(work: Path) -> None:
    """The slowest imports of `itareport validate seed`, and its top functions by cumulative time."""
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "itareport", "validate", str(SEED)],
                            cwd=work, env=ENV, capture_output=True, text=True)
    rows = []
    for line in result.stderr.splitlines():
        if line.startswith("import time:"):
            own, total, name = line[len("import time:"):].split("|", 2)
            if own.strip().isdigit():
                rows.append((int(total), int(own), name.rstrip()))
    print("\n-X importtime of `itareport validate seed`, the 15 largest (cumulative ms, own ms):")
    for total, own, name in sorted(rows, reverse=True)[:15]:
        print(f"  {total / 1000:7.1f} {own / 1000:7.1f}  {name}")
    stats = work / "validate.prof"
    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(stats), "-m", "itareport", "validate", str(SEED)],
                   cwd=work, env=ENV, stdout=subprocess.DEVNULL, check=True)
    import pstats

    print("\ncProfile of `itareport validate seed` (top 20 by cumulative time):")
    pstats.Stats(str(stats)).sort_stats("cumulative").print_stats(20)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--strict", action="store_true")
    parser.add_argument("--against", type=Path, help="another source tree's src/ (e.g. main's), timed in turn")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="itareport-startup-") as tmp:
        work = Path(tmp)
        ENV["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
        template = work / "template.docx"
        make_template(template)
        figures = measure(args.runs, work, template, args.against)
        print(f"machine: {machine()}; load average {os.getloadavg()[0]:.2f}")
        print(f"runs: median of {args.runs}, whole processes, the commands taken in turn; wall and CPU time\n")
        print(f"{'command':<40} {'wall s':>7} {'cpu s':>6}")
        for name, (median, cpu) in figures.items():
            print(f"{name:<40} {median:7.3f} {cpu:6.3f}")
        medians = {name: median for name, (median, _cpu) in figures.items()}
        ours, theirs = medians["itareport build seed"], medians["docxtpl script, seed"]
        goals = [
            ("--help within 0.15 s", medians["itareport --help"] <= 0.15, f"{medians['itareport --help']:.3f} s"),
            ("validate of the seed within 0.15 s", medians["itareport validate seed"] <= 0.15,
             f"{medians['itareport validate seed']:.3f} s (the packages' floor: "
             f"{medians['typer, yaml, pydantic: one check']:.3f} s)"),
            ("build of the seed within 1.2x docxtpl", ours <= 1.2 * theirs,
             f"{ours / theirs:.2f}x ({ours:.3f} s vs {theirs:.3f} s)"),
        ]
        print("\ngoals:")
        for text, ok, figure in goals:
            print(f"  {'PASS' if ok else 'FAIL'}  {text}: {figure}")
        if args.profile:
            profile(work)
    return 1 if args.strict and not all(ok for _t, ok, _f in goals) else 0


if __name__ == "__main__":
    sys.exit(main())
