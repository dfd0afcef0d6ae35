"""itareport against docxtpl on the same data: whole processes, medians, peak memory, lazy imports.

    python benchmarks/bench.py            # the seed, 1,000 and 4,000 measures; medians of 5 runs
    python benchmarks/bench.py --quick    # CI smoke: the seed and 100 measures, 1 run each
    python benchmarks/bench.py --profile  # also cProfile one itareport build of the largest size
    python benchmarks/bench.py --no-batch # without the batch (1, 16, 100 data files; PDFs by LibreOffice)

Every timing is a whole process (`python -m itareport build` / `python benchmarks/docxtpl_report.py`),
the two alternated run by run; peak memory is each process's maximum resident set (GNU time).
The N-measure files repeat the seed's rows (data/measures_2568.yaml, each activity a measure) with
their texts unchanged. Before timing, both outputs of each size are read back and must hold the
same table text. Prints a table and the issue's goals; --strict exits 1 when a goal is missed.
Needs the `bench` extra (docxtpl).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "measures_2568.yaml"
PEER = Path(__file__).resolve().parent / "docxtpl_report.py"
TIME = "/usr/bin/time"  # GNU time (Debian package time), for each process's peak memory
HEADERS = ("มาตรการ/แนวทาง", "ขั้นตอนหรือวิธีการปฏิบัติ", "ผู้รับผิดชอบ", "ระยะเวลา",
           "สรุปผลการดำเนินการตามมาตรการ/กิจกรรม", "ผลลัพธ์หรือความสำเร็จของการดำเนินการ")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


# --- inputs -----------------------------------------------------------------------------------

def make_data(measures: int, path: Path) -> None:
    """A data file of `measures` one-row measures: the seed's rows, repeated in order."""
    seed = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    rows = []
    for measure in seed["measures"]:
        rows += measure.get("activities", [measure])
    data = {key: value for key, value in seed.items() if key != "measures"}
    data["measures"] = [rows[i % len(rows)] for i in range(measures)]
    path.write_text(yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=10**6),
                    encoding="utf-8")


class _NoAliases(yaml.SafeDumper):
    """Every repeated row written out in full, as a person's file would have it (no &anchors)."""

    def ignore_aliases(self, data):
        return True


def make_template(path: Path) -> None:
    """docxtpl's template, made with python-docx: title lines, intro, a table with a {%tr for %} row."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm

    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    for text in ("{%p for line in title_lines %}", "{{ line }}", "{%p endfor %}", "{{ intro }}"):
        document.add_paragraph(text)
    table = document.add_table(rows=4, cols=6)
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, HEADERS, strict=False):
        cell.text = header
    table.rows[1].cells[0].text = "{%tr for r in rows %}"
    for i, cell in enumerate(table.rows[2].cells):
        cell.text = f"{{%p for t in r[{i}] %}}"
        cell.add_paragraph("{{ t }}")
        cell.add_paragraph("{%p endfor %}")
    table.rows[3].cells[0].text = "{%tr endfor %}"
    document.save(str(path))


def table_text(path: Path) -> list[list[list[str]]]:
    """The first table's rows -> cells -> non-empty paragraph texts (a label's tab read as a space)."""
    from lxml import etree

    with zipfile.ZipFile(path) as zf:
        body = etree.fromstring(zf.read("word/document.xml"))
    table = next(body.iter(W + "tbl"))
    rows = []
    for tr in table.iter(W + "tr"):
        cells = []
        for tc in tr.iter(W + "tc"):
            paras = ["".join(" " if n.tag == W + "tab" else (n.text or "") for n in p.iter(W + "t", W + "tab"))
                     for p in tc.iter(W + "p")]
            cells.append([p for p in paras if p])
        rows.append(cells)
    return rows


# --- running ----------------------------------------------------------------------------------

def run(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall time (s) and peak resident memory (MB) of one whole process.

    The peak comes from GNU time (%M), not from this process's wait4: Linux carries a parent's
    high-water mark into a child it forks, and this script holds whole reports in memory.
    """
    with tempfile.TemporaryFile() as err:
        began = time.perf_counter()
        process = subprocess.run([TIME, "-f", "peak-kb %M", *command], cwd=cwd, stdout=subprocess.DEVNULL,
                                 stderr=err)
        elapsed = time.perf_counter() - began
        err.seek(0)
        log = err.read().decode("utf-8", "replace")
    if process.returncode != 0:
        sys.exit(f"bench: {' '.join(command)} failed ({process.returncode}):\n{log}")
    return elapsed, int(re.findall(r"^peak-kb (\d+)$", log, re.M)[-1]) / 1024


def itareport_build(data: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "itareport", "build", str(data), "-o", str(out)]


def docxtpl_build(data: Path, template: Path, out: Path) -> list[str]:
    return [sys.executable, str(PEER), str(data), str(template), str(out)]


def compare(data: Path, template: Path, work: Path) -> int:
    """Build both once; they must show the same table. Returns the number of table rows."""
    ours, theirs = work / "check-itareport.docx", work / "check-docxtpl.docx"
    run(itareport_build(data, ours), work)
    run(docxtpl_build(data, template, theirs), work)
    a, b = table_text(ours), table_text(theirs)
    if a != b:
        first = next(i for i, (x, y) in enumerate(zip([*a, None], [*b, None], strict=False)) if x != y)
        sys.exit(f"bench: {data.name}: the two tables differ from row {first}: "
                 f"{a[first] if first < len(a) else None!r} / {b[first] if first < len(b) else None!r}")
    return len(a) - 1


def time_pair(data: Path, template: Path, work: Path, runs: int) -> dict:
    ours, theirs, ours_mb, theirs_mb = [], [], [], []
    for i in range(runs):
        jobs = [("ours", itareport_build(data, work / "itareport.docx")),
                ("theirs", docxtpl_build(data, template, work / "docxtpl.docx"))]
        for who, command in (jobs if i % 2 == 0 else jobs[::-1]):   # alternate who goes first
            seconds, mb = run(command, work)
            (ours if who == "ours" else theirs).append(seconds)
            (ours_mb if who == "ours" else theirs_mb).append(mb)
    return {"ours": statistics.median(ours), "theirs": statistics.median(theirs),
            "ours_mb": max(ours_mb), "theirs_mb": max(theirs_mb)}


def imported(command_args: list[str], work: Path) -> set[str]:
    """Top-level packages a command imports (python -X importtime)."""
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "itareport", *command_args], cwd=work,
                            capture_output=True, text=True)
    return {m.group(1).split(".")[0] for m in re.finditer(r"^import time:\s+\d+ \|\s+\d+ \|\s+(\S+)",
                                                          result.stderr, re.M)}


def median_time(command: list[str], work: Path, runs: int) -> float:
    return statistics.median(run(command, work)[0] for _ in range(runs))


# --- batch -----------------------------------------------------------------------------------

def make_batch(n: int, folder: Path) -> None:
    """n data files: the seed under n agency names."""
    folder.mkdir()
    text = SEED.read_text(encoding="utf-8")
    for i in range(n):
        (folder / f"agency{i + 1:04d}.yaml").write_text(
            text.replace("เทศบาลตำบลโคกสูงสัมพันธ์", f"เทศบาลตำบลที่ {i + 1}"), encoding="utf-8")


def time_batch(sizes: list[int], work: Path, runs: int) -> list[tuple[str, int, float, float]]:
    """(what, files, median s, peak MB) for docx+pdf at each size, then docx only and --check at the largest."""
    rows = []
    for n in sizes:
        make_batch(n, work / f"batch{n}")
    for n in sizes:
        rows.append(("docx+pdf", n, *_time_build(work, n, ["-f", "docx,pdf"], runs)))
    big = sizes[-1]
    rows.append(("docx", big, *_time_build(work, big, [], runs)))
    rows.append(("--check docx+pdf", big, *_time_build(work, big, ["-f", "docx,pdf", "--check"], runs, fresh=False)))
    return rows


def _time_build(work: Path, n: int, args: list[str], runs: int, fresh: bool = True) -> tuple[float, float]:
    out = work / f"batch{n}-{'pdf' if 'docx,pdf' in args else 'docx'}-out"  # --check reads the docx+pdf build's
    times, peak = [], 0.0
    for _ in range(runs):
        if fresh:
            shutil.rmtree(out, ignore_errors=True)
            out.mkdir()
        seconds, mb = run([sys.executable, "-m", "itareport", "build", str(work / f"batch{n}"), "-o", str(out),
                           *args], work)
        times.append(seconds)
        peak = max(peak, mb)
        if "pdf" in " ".join(args) and "--check" not in args:
            made = sorted(p.name for p in out.glob("*.pdf"))
            if len(made) != n:
                sys.exit(f"bench: {n} files to docx+pdf made {len(made)} PDFs")
    return statistics.median(times), peak


def print_batch(rows: list[tuple[str, int, float, float]]) -> list[tuple[str, bool, str]]:
    one = next((s for what, n, s, _ in rows if what == "docx+pdf" and n == 1), None)
    print(f"\nbatch (`itareport build FOLDER -o OUT`, default --jobs: {os.cpu_count()}):")
    print(f"{'what':>17} {'files':>6} {'s':>7} {'s/file':>7} {'x one file':>11} {'peak MB':>8}")
    for what, n, seconds, mb in rows:
        ratio = f"{seconds / one:.2f}" if one and what == "docx+pdf" else "-"
        print(f"{what:>17} {n:>6} {seconds:>7.2f} {seconds / n:>7.3f} {ratio:>11} {mb:>8.0f}")
    table = {(what, n): (seconds, mb) for what, n, seconds, mb in rows}
    sizes = sorted(n for what, n in table if what == "docx+pdf")
    mid, big = sizes[len(sizes) // 2], sizes[-1]
    scale = big / 100  # the goals are for 100 files
    return [
        (f"{mid} files docx+pdf within 3x one file", table[("docx+pdf", mid)][0] <= 3 * one,
         f"{table[('docx+pdf', mid)][0] / one:.2f}x"),
        (f"{big} files docx+pdf within {max(20 * scale, 3 * one):.3g} s",
         table[("docx+pdf", big)][0] <= max(20 * scale, 3 * one),
         f"{table[('docx+pdf', big)][0]:.2f} s"),
        (f"{big} files docx only within {max(3 * scale, 1):g} s", table[("docx", big)][0] <= max(3 * scale, 1),
         f"{table[('docx', big)][0]:.2f} s"),
        (f"--check of {big} files within {max(3 * scale, 1):g} s",
         table[("--check docx+pdf", big)][0] <= max(3 * scale, 1), f"{table[('--check docx+pdf', big)][0]:.2f} s"),
        (f"peak memory under 300 MB for {big} files", max(mb for (_, n), (_, mb) in table.items() if n == big) < 300,
         f"{max(mb for (_, n), (_, mb) in table.items() if n == big):.0f} MB"),
    ]


# --- report -----------------------------------------------------------------------------------

def machine() -> str:
    cpu = "?"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = next((int(line.split()[1]) // 1024 for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), 0)
    return (f"{os.cpu_count()} CPUs ({cpu}), {mem / 1024:.0f} GiB RAM, Python {sys.version.split()[0]}, "
            f"{sys.platform}")


def profile(data: Path, work: Path) -> None:
    """Where an itareport build spends its time: the top functions by cumulative time."""
    stats = work / "build.prof"
    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(stats), "-m", "itareport", "build", str(data),
                    "-o", str(work / "profiled.docx")], cwd=work, check=True, stdout=subprocess.DEVNULL)
    import pstats

    print(f"\ncProfile of `itareport build {data.name}` (top 25 by cumulative time):")
    pstats.Stats(str(stats)).sort_stats("cumulative").print_stats(25)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="CI smoke: the seed and 100 measures, 1 run each")
    parser.add_argument("--runs", type=int, help="runs per measurement (default 5, 1 with --quick)")
    parser.add_argument("--sizes", help="comma-separated numbers of measures besides the seed (default 1000,4000)")
    parser.add_argument("--profile", action="store_true", help="cProfile one build of the largest size")
    parser.add_argument("--no-batch", action="store_true", help="skip the batch (many data files, PDFs)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a goal is missed")
    args = parser.parse_args(argv)
    runs = args.runs or (1 if args.quick else 5)
    sizes = [int(s) for s in (args.sizes or ("100" if args.quick else "1000,4000")).split(",")]

    work = Path(tempfile.mkdtemp(prefix="itareport-bench-"))
    try:
        template = work / "template.docx"
        make_template(template)
        inputs = [("seed", work / "seed.yaml")]
        shutil.copyfile(SEED, inputs[0][1])
        for n in sizes:
            inputs.append((f"{n:,}", work / f"measures_{n}.yaml"))
            make_data(n, inputs[-1][1])

        print(f"machine: {machine()}")
        print(f"runs: median of {runs}, itareport and docxtpl alternated; whole processes\n")
        print(f"{'measures':>9} {'rows':>6} {'itareport s':>12} {'docxtpl s':>10} {'ratio':>6} "
              f"{'itareport MB':>13} {'docxtpl MB':>11}")
        results = {}
        for label, data in inputs:
            rows = compare(data, template, work)
            r = time_pair(data, template, work, runs)
            results[label] = r
            print(f"{label:>9} {rows:>6} {r['ours']:>12.2f} {r['theirs']:>10.2f} {r['ours'] / r['theirs']:>6.2f} "
                  f"{r['ours_mb']:>13.0f} {r['theirs_mb']:>11.0f}")

        seed = work / "seed.yaml"
        floor = median_time([sys.executable, "-c", "import typer, pydantic, jinja2, yaml"], work, runs)
        print(f"{'floor':>9} {'':>6} {floor:>12.2f} {'':>10} {floor / results['seed']['theirs']:>6.2f}   "
              "(`python -c 'import typer, pydantic, jinja2, yaml'`: the design card's imports)")
        yaml_time = median_time([sys.executable, "-c", "import yaml"], work, runs)
        validate_time = median_time([sys.executable, "-m", "itareport", "validate", str(seed)], work, runs)
        help_time = median_time([sys.executable, "-m", "itareport", "--help"], work, runs)
        heavy = {"docx", "jinja2"}
        validate_heavy = sorted(imported(["validate", str(seed)], work) & heavy)
        help_heavy = sorted(imported(["--help"], work) & heavy)
        print(f"\n`python -c 'import yaml'` {yaml_time:.3f} s; `itareport validate seed` {validate_time:.3f} s "
              f"({validate_time / yaml_time:.1f}x), imports {validate_heavy or 'neither docx nor jinja2'}; "
              f"`itareport --help` {help_time:.3f} s ({help_time / yaml_time:.1f}x), "
              f"imports {help_heavy or 'neither docx nor jinja2'}")

        labels = [label for label, _ in inputs]
        big, mid = labels[-1], (labels[-2] if len(labels) > 2 else None)
        goals = [
            ("the seed within 1.2x docxtpl", results["seed"]["ours"] <= 1.2 * results["seed"]["theirs"],
             f"{results['seed']['ours'] / results['seed']['theirs']:.2f}x ({results['seed']['ours']:.2f} s vs "
             f"{results['seed']['theirs']:.2f} s; import floor {floor / results['seed']['theirs']:.2f}x)"),
            (f"{big} measures in at most half of docxtpl's time",
             results[big]["ours"] <= results[big]["theirs"] / 2,
             f"{results[big]['ours']:.2f} s vs {results[big]['theirs']:.2f} s"),
            ("validate and --help import neither python-docx nor Jinja2", not validate_heavy and not help_heavy,
             f"validate: {validate_heavy or '-'}, --help: {help_heavy or '-'}"),
            ("validate and --help within 6x `import yaml`", max(validate_time, help_time) <= 6 * yaml_time,
             f"{validate_time / yaml_time:.1f}x, {help_time / yaml_time:.1f}x"),
            (f"peak memory under 200 MB at {big} measures", results[big]["ours_mb"] < 200,
             f"{results[big]['ours_mb']:.0f} MB"),
        ]
        if mid:
            n_big, n_mid = (int(label.replace(",", "")) for label in (big, mid))
            limit = 4.6 * n_big / 4000 * 1000 / n_mid
            goals.insert(2, (f"time linear: {big} within {limit:.1f}x the {mid} time",
                             results[big]["ours"] <= limit * results[mid]["ours"],
                             f"{results[big]['ours'] / results[mid]['ours']:.2f}x"))
        if not args.no_batch:
            batch_sizes = [1, 4] if args.quick else [1, 16, 100]
            goals += print_batch(time_batch(batch_sizes, work, 1 if args.quick else min(runs, 3)))
        print("\ngoals:")
        for name, ok, detail in goals:
            print(f"  {'PASS' if ok else 'FAIL'}  {name}: {detail}")
        if args.profile:
            profile(inputs[-1][1], work)
        return 1 if args.strict and not all(ok for _, ok, _ in goals) else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
