"""update_text (itareport.update) against a plain dump of the same data, in this process.

    python benchmarks/update.py           # the shipped file and 1,000 measures; medians of 15 / 7 runs
    python benchmarks/update.py --quick   # 1 run each (a smoke run)

What is timed, for each file:
- one field: the owner of the middle measure changed (the editor's save, import --update's usual case);
- a new measure inserted in the middle, and the middle measure deleted;
- unified_diff of the one-field change (the editor's "show both" and --dry-run);
- beside them, the baselines: itareport.loader.load_text of the file (update_text parses it
  twice and checks its result once more), and yaml_writer.dump_yaml of the changed data (a writer
  that keeps nothing: no comments, no styles).

The 1,000-measure file repeats the shipped file's measure blocks as they are written (their
comments, quoting and blank lines), renumbering the `# ๑.` comments: 2.7 MB of YAML.
The goal (issue 20): a save and a preview refresh well under a second at 1,000 measures.
"""

from __future__ import annotations

import argparse
import copy
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from itareport.loader import load_text  # noqa: E402
from itareport.thai import to_thai_digits  # noqa: E402
from itareport.update import unified_diff, update_text  # noqa: E402
from itareport.yaml_writer import dump_yaml  # noqa: E402

SEED = ROOT / "data" / "measures_2568.yaml"
GOAL = 1.0  # seconds, at 1,000 measures


def big_file(measures: int) -> str:
    """The shipped file with `measures` measures: its measure blocks repeated, comments and all."""
    text = SEED.read_text(encoding="utf-8")
    head, body = text.split("measures:\n", 1)
    blocks = ["  # " + block for block in body.split("\n  # ")]
    blocks[0] = blocks[0][4:]
    blocks = [b.rstrip("\n") + "\n" for b in blocks]
    out = []
    for i in range(measures):
        block = blocks[i % len(blocks)]
        number = block.split("\n", 1)[0]
        out.append(block.replace(number, f"  # {to_thai_digits(str(i + 1))}.", 1))
    return head + "measures:\n" + "\n".join(out)


def median_time(fn: Callable[[], object], runs: int) -> float:
    """The median wall time of fn over runs calls."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="one run of each")
    args = parser.parse_args()
    files = {"shipped (6)": (SEED.read_text(encoding="utf-8"), 1 if args.quick else 15),
             "1,000 measures": (big_file(1000), 1 if args.quick else 7)}
    cpus = os.cpu_count()
    print(f"machine: {cpus} CPUs, Python {sys.version.split()[0]}; medians in ms")
    print(f"{'file':<16}{'MB':>6}{'one field':>11}{'insert':>9}{'delete':>9}{'diff':>8}"
          f"{'load':>9}{'dump_yaml':>11}")
    results = {}
    for name, (text, runs) in files.items():
        data = load_text(text).data
        middle = len(data["measures"]) // 2
        one = copy.deepcopy(data)
        row = one["measures"][middle]
        (row["activities"][0] if "activities" in row else row)["owner"] = "กองคลัง"
        inserted = copy.deepcopy(data)
        inserted["measures"].insert(middle, {"title": "มาตรการใหม่", "steps": ["ขั้นตอน"], "owner": "กองช่าง",
                                             "period": "fiscal-year", "results": [], "outcomes": []})
        deleted = copy.deepcopy(data)
        del deleted["measures"][middle]
        changed = update_text(text, one)
        assert len([line for line in unified_diff(text, changed, "x").splitlines()
                    if line[:1] in "+-" and line[:3] not in ("+++", "---")]) == 2  # one line changed
        row_times = [median_time(lambda d=d, t=text: update_text(t, d), runs) for d in (one, inserted, deleted)]
        row_times.append(median_time(lambda t=text, c=changed: unified_diff(t, c, "x"), runs))
        row_times.append(median_time(lambda t=text: load_text(t), runs))
        row_times.append(median_time(lambda d=one: dump_yaml(d), runs))
        results[name] = row_times
        ms = [f"{t * 1000:.1f}" for t in row_times]
        size = len(text.encode()) / 1e6
        print(f"{name:<16}{size:>6.2f}{ms[0]:>11}{ms[1]:>9}{ms[2]:>9}{ms[3]:>8}{ms[4]:>9}{ms[5]:>11}")
    worst = max(results["1,000 measures"][:4])
    print(f"  {'PASS' if worst < GOAL else 'FAIL'}  a save and its diff at 1,000 measures under {GOAL:.0f} s: "
          f"slowest {worst * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
