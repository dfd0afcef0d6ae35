"""Peak memory of a batch, 100 data files against 1,000: a streamed batch writes each report as soon as it is made
and keeps only a small record per data file, so ten times the files must not take ten times the memory.

    python benchmarks/batch_memory.py                     # 100 and 1,000 copies of the shipped data file
    python benchmarks/batch_memory.py --sizes 20,200 --formats docx,md

Each size is a real `itareport build data -o out/` (the given formats; --jobs as given, default 2): the peak
resident memory of the itareport process (the parent, which writes every file and keeps the batch's account)
and of the largest worker, from getrusage at the end. Goal: the parent's peak for the largest size within
1.5x that of the smallest.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "measures_2568.yaml"
GOAL = 1.5

# The itareport command, then its own peak and its largest child's (kilobytes on Linux) as JSON on the pipe
# whose descriptor PEAK_FD names.
WRAPPER = """\
import atexit, json, os, resource, sys
def report():
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    os.write(int(os.environ["PEAK_FD"]), json.dumps({"parent": own.ru_maxrss, "worker": kids.ru_maxrss}).encode())
atexit.register(report)
sys.argv = ["itareport", *sys.argv[1:]]
from itareport.cli import main
main()
"""


def make_inputs(folder: Path, files: int) -> None:
    folder.mkdir(parents=True)
    text = SEED.read_text(encoding="utf-8")
    for i in range(files):
        (folder / f"agency{i + 1:04d}.yaml").write_text(
            text.replace("เทศบาลตำบลโคกสูงสัมพันธ์", f"เทศบาลตำบลที่ {i + 1}"), encoding="utf-8")


def measure(work: Path, files: int, formats: str, jobs: int, src: Path) -> dict[str, float]:
    data = work / f"data{files}"
    make_inputs(data, files)
    read, write = os.pipe()
    env = {**os.environ, "PYTHONPATH": str(src), "CI": "true", "ITAREPORT_LANG": "en", "PEAK_FD": str(write)}
    began = time.monotonic()
    process = subprocess.Popen([sys.executable, "-c", WRAPPER, "build", str(data), "-o", str(work / f"out{files}")
                                + "/", "-f", formats, "-j", str(jobs)], env=env, pass_fds=(write,),
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    os.close(write)
    _out, err = process.communicate()
    took = time.monotonic() - began
    with os.fdopen(read, "rb") as pipe:
        peaks = json.loads(pipe.read() or b"{}")
    if process.returncode != 0 or not peaks:
        sys.exit(f"batch_memory: the build of {files} files failed ({process.returncode}):\n{err[-2000:]}")
    return {"files": files, "seconds": took, "parent": peaks["parent"] / 1024, "worker": peaks["worker"] / 1024}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000", help="data files per batch, comma separated")
    parser.add_argument("--formats", default="docx")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="the itareport to measure (its src folder)")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(prefix="batch-memory-") as folder:
        rows = [measure(Path(folder), size, args.formats, args.jobs, args.src) for size in sizes]
    print(f"itareport from {args.src}; -f {args.formats} -j {args.jobs}; {os.cpu_count()} CPUs")
    print(f"{'files':>6} {'seconds':>8} {'parent peak MB':>15} {'worker peak MB':>15}")
    for row in rows:
        print(f"{row['files']:>6} {row['seconds']:>8.1f} {row['parent']:>15.1f} {row['worker']:>15.1f}")
    ratio = rows[-1]["parent"] / rows[0]["parent"]
    ok = ratio <= GOAL
    print(f"  {'PASS' if ok else 'FAIL'}  parent peak, {rows[-1]['files']} files against {rows[0]['files']}: "
          f"{ratio:.2f}x (goal <= {GOAL}x)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
