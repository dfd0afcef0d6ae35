"""`itareport import` of foreign reports, measured layout by layout, before and after: the PDFs
LibreOffice makes of another agency's Word files, and the Word files themselves.

    python benchmarks/import_pdf.py                 # every half, main (before) and this tree (after)
    python benchmarks/import_pdf.py --tuning --details   # the tuning half only, per column, while tuning
    python benchmarks/import_pdf.py --half heldout3      # one half only
    python benchmarks/import_pdf.py --folder DIR --reuse # the PDFs an earlier run kept in DIR, not made again
    python benchmarks/import_pdf.py --before REF    # compare with another git ref than main
    python benchmarks/import_pdf.py --no-before     # this tree only

The corpus, its halves and the measure are described in benchmarks/pdf_corpus.py: twenty layouts
of another agency's Word report, two documents each, made into PDF by LibreOffice (one start for
all). Each source tree imports every file in its own process (PYTHONPATH=its src); the script
prints, per layout and for PDFs and Word files apart: the half, the measures (truth, before,
after), the share of the table's true text under the right key (before, after), the total row
(`total: true` on the money column), and the warning codes of the import. --details (tuning half
only) adds the share per column. Exit 1 with --strict when a layout misses the goal (>= 95 % of
the text and the right number of measures).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter
from io import BytesIO
from pathlib import Path

from pdf_corpus import HALVES, LAYOUTS, Document, Score, corpus, make_pdfs, score  # beside this script

ROOT = Path(__file__).resolve().parents[1]
GOAL = 0.95
KINDS = {"pdf": "PDFs LibreOffice made of the Word files", "docx": "Word files themselves"}

# Run in the source tree's own process: import each PDF, print {name: {data, error, codes}} as JSON.
IMPORTER = """
import json, sys, yaml
from itareport.importer import import_file
out = {}
for name, path in json.loads(sys.stdin.read()).items():
    try:
        result = import_file(path)
        out[name] = {"data": yaml.safe_load(result.yaml_text), "error": "",
                     "codes": [d.code for d in result.warnings]}
    except Exception as exc:  # an import that fails counts for nothing
        out[name] = {"data": None, "error": f"{type(exc).__name__}: {exc}"[:200], "codes": []}
sys.stdout.write(json.dumps(out, ensure_ascii=False, default=str))
"""


def tree_of(ref: str, folder: Path) -> Path:
    """The src folder of a git ref, unpacked into folder."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref, "src"], capture_output=True, check=True)
    with tarfile.open(fileobj=BytesIO(archive.stdout)) as tar:
        tar.extractall(folder, filter="data")
    return folder / "src"


def run_imports(src: Path, sources: dict[str, Path]) -> dict[str, dict]:
    env = {**os.environ, "PYTHONPATH": str(src), "ITAREPORT_LANG": "en"}
    result = subprocess.run([sys.executable, "-c", IMPORTER], input=json.dumps({k: str(v) for k, v in sources.items()}),
                            capture_output=True, text=True, env=env, timeout=1800)
    if result.returncode != 0:
        raise RuntimeError(result.stderr)
    return json.loads(result.stdout)


def scores(docs: list[Document], imported: dict[str, dict], kind: str) -> dict[str, Score]:
    found = {doc.name: imported[f"{doc.name}.{kind}"] for doc in docs}
    return {doc.name: score(doc, found[doc.name]["data"], found[doc.name]["error"]) for doc in docs}


def _sum(items: list[Score]) -> tuple[float, int, int]:
    matched, total = sum(s.matched for s in items), sum(s.total for s in items)
    return (matched / total if total else 0.0), sum(s.measures for s in items), sum(s.true_measures for s in items)


def _total(items: list[Score]) -> str:
    flags = [s.total_ok for s in items if s.total_ok is not None]
    return "-" if not flags else f"{sum(flags)}/{len(flags)}"


def report(docs: list[Document], runs: dict[str, dict[str, Score]], imported: dict[str, dict[str, dict]],
           details: bool, kind: str) -> list[str]:
    """Print the table; return the layouts that miss the goal after."""
    names = list(runs)
    head = f"{'layout':24} {'half':8} {'docs':>4} {'measures':>8}"
    for name in names:
        head += f" {name + ' m':>9} {name + ' %':>9} {name + ' total':>11}"
    print(head)
    missed = []
    for half in HALVES:
        for layout in (lay for lay in LAYOUTS if lay.half == half):
            mine = [d for d in docs if d.layout is layout]
            if not mine:
                continue
            line = f"{layout.name:24} {half:8} {len(mine):>4}"
            for k, name in enumerate(names):
                items = [runs[name][d.name] for d in mine]
                share, got, true = _sum(items)
                if k == 0:
                    line += f" {true:>8}"
                line += f" {got:>9} {share:>9.1%} {_total(items):>11}"
                if name == names[-1] and (share < GOAL or any(s.measures != s.true_measures for s in items)):
                    missed.append(layout.name)
            print(line)
            last = names[-1]
            errors = [f"{d.name}: {runs[last][d.name].error}" for d in mine if runs[last][d.name].error]
            for error in errors:
                print(f"    error ({last}): {error}")
            if details and half == "tuning":
                for d in mine:
                    by_key = runs[last][d.name].by_key
                    print(f"    {d.name}: " + ", ".join(f"{k} {m / t:.0%}" if t else f"{k} -"
                                                         for k, (m, t) in by_key.items()))
        for name in names:
            items = [runs[name][d.name] for d in docs if d.layout.half == half]
            if items:
                share, got, true = _sum(items)
                print(f"  {half} half, {name}: {share:.1%} of the text, {got} measures of {true}")
    last = names[-1]
    codes = {lay.name: Counter(c for d in docs if d.layout is lay for c in imported[last][f"{d.name}.{kind}"]["codes"])
             for lay in LAYOUTS if any(d.layout is lay for d in docs)}
    print(f"\nwarnings of the {kind} imports ({last}), per layout:")
    for layout, counted in codes.items():
        print(f"  {layout:24} " + (", ".join(f"{c} x{n}" for c, n in sorted(counted.items())) or "none"))
    return missed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tuning", action="store_true", help="the tuning half only")
    parser.add_argument("--half", choices=HALVES, help="this half only")
    parser.add_argument("--details", action="store_true", help="per column (tuning half only)")
    parser.add_argument("--before", default="main", help="the git ref measured as 'before' (default main)")
    parser.add_argument("--no-before", action="store_true", help="measure this tree only")
    parser.add_argument("--folder", type=Path, help="keep the corpus (docx, pdf) in this folder")
    parser.add_argument("--reuse", action="store_true",
                        help="with --folder: use the Word files and PDFs already there when all are")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a layout misses the goal")
    args = parser.parse_args(argv)
    half = "tuning" if args.tuning else args.half
    docs = [d for d in corpus() if half is None or d.layout.half == half]
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.folder or Path(tmp) / "corpus"
        kept = {d.name: folder / f"{d.name}.pdf" for d in docs}
        reuse = args.reuse and args.folder and all(p.is_file() and p.with_suffix(".docx").is_file()
                                                   for p in kept.values())
        pdfs = kept if reuse else make_pdfs(docs, folder)
        sources = {f"{name}.{kind}": pdf.with_suffix(f".{kind}") for name, pdf in pdfs.items() for kind in KINDS}
        trees = {} if args.no_before else {"before": tree_of(args.before, Path(tmp) / "before")}
        trees["after"] = ROOT / "src"
        imported = {name: run_imports(src, sources) for name, src in trees.items()}
    print(f"corpus: {len(docs)} documents of {len({d.layout.name for d in docs})} layouts; "
          f"before = {'-' if args.no_before else args.before}, after = this tree; goal {GOAL:.0%} and every measure")
    missed: list[str] = []
    for kind in KINDS:
        print(f"\n--- the {KINDS[kind]} ---")
        runs = {name: scores(docs, found, kind) for name, found in imported.items()}
        missed += [f"{name} ({kind})" for name in report(docs, runs, imported, args.details, kind)]
    print(f"\nlayouts missing the goal (after): {', '.join(missed) or 'none'}")
    return 1 if args.strict and missed else 0


if __name__ == "__main__":
    sys.exit(main())
