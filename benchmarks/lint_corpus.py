"""`itareport lint` measured on everyday typos and on correct government text, half by half.

    python benchmarks/lint_corpus.py            # the figures of both halves
    python benchmarks/lint_corpus.py --details  # and what the TUNING half missed or wrongly found
    python benchmarks/lint_corpus.py --tuning --details  # the tuning half only, while tuning

The corpus (tests/data) was split before lint was tuned on it: lint_typos_tuning.tsv and
lint_correct_tuning.txt may be tuned on; lint_typos_heldout.tsv and lint_correct_heldout.txt are
only measured (--details never prints them). For each half it prints:

- recall: typos with a finding over them, of all typos;
- right fix: typos whose finding's first suggestion gives back the correct sentence;
- other findings in the typo sentences (findings away from the typo);
- false findings per 100 lines of correct text;
- lint's time per 100 lines, dictionary loaded: the first pass (nothing cached) and the median of
  four more.

tests/test_lint_corpus.py keeps these figures above the floors it states.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TEST_DATA = ROOT / "tests" / "data"
ALLOW_LISTS = (TEST_DATA / "lint_corpus.words.txt", ROOT / "data" / "measures_2568.words.txt")
HALVES = ("tuning", "heldout")


@dataclass(frozen=True)
class Typo:
    category: str
    sentence: str
    wrong: str
    right: str

    @property
    def start(self) -> int:
        return self.sentence.index(self.wrong)

    @property
    def end(self) -> int:
        return self.start + len(self.wrong)

    @property
    def corrected(self) -> str:
        return self.sentence.replace(self.wrong, self.right, 1)


@dataclass
class Figures:
    half: str
    typos: int = 0
    caught: int = 0
    fixed: int = 0
    other: int = 0
    lines: int = 0
    false: int = 0
    by_category: dict[str, list[int]] = field(default_factory=dict)   # category: [typos, caught]
    missed: list[str] = field(default_factory=list)
    wrong_fix: list[str] = field(default_factory=list)
    false_findings: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return 100 * self.caught / self.typos

    @property
    def fixed_share(self) -> float:
        return 100 * self.fixed / self.typos

    @property
    def false_per_100(self) -> float:
        return 100 * self.false / self.lines


def read_typos(half: str) -> list[Typo]:
    rows = []
    for line in (TEST_DATA / f"lint_typos_{half}.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            category, sentence, wrong, right = line.split("\t")
            rows.append(Typo(category, sentence, wrong, right))
    return rows


def read_correct(half: str) -> list[str]:
    text = (TEST_DATA / f"lint_correct_{half}.txt").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _plain(text: str) -> str:
    """The text without its spaces: a fix that leaves one space more or less (a stray letter deleted) is right."""
    return "".join(text.split())


def measure(half: str, check: Callable[[str], Sequence[Any]]) -> Figures:
    """The figures of one half; check(text) gives lint's findings (start, end, suggestions, describe())."""
    figures = Figures(half)
    for typo in read_typos(half):
        findings = check(typo.sentence)
        over = [f for f in findings if f.start < typo.end and typo.start < f.end]
        counts = figures.by_category.setdefault(typo.category, [0, 0])
        counts[0] += 1
        figures.typos += 1
        figures.other += len(findings) - len(over)
        if not over:
            figures.missed.append(f"{typo.category} {typo.wrong!r} in {typo.sentence}")
            continue
        counts[1] += 1
        figures.caught += 1
        f = over[0]
        fix = typo.sentence[:f.start] + (f.suggestions[0] if f.suggestions else "") + typo.sentence[f.end:]
        if f.suggestions and _plain(fix) == _plain(typo.corrected):
            figures.fixed += 1
        else:
            figures.wrong_fix.append(f"{typo.category} {typo.wrong!r} -> {typo.right!r}: {f.describe()}")
    for line in read_correct(half):
        figures.lines += 1
        for f in check(line):
            figures.false += 1
            figures.false_findings.append(f"{line}\n      {f.describe()}")
    return figures


def load_check() -> Callable[[str], Sequence[Any]]:
    """lint's check of one text with the corpus's allow-lists, as an agency's lint reads them."""
    from itareport.lint import check_text
    try:
        from itareport.thai_dictionary import load_dictionary, read_allow_list
    except ImportError:   # an itareport before the shared dictionary (a939c8e), to compare with
        from itareport.lint import load_dictionary, read_allow_list  # type: ignore[attr-defined,no-redef]

    allowed = frozenset().union(*(read_allow_list(p) for p in ALLOW_LISTS))
    dictionary = load_dictionary(allowed)
    return lambda text: check_text(text, dictionary)


def time_per_100_lines(check: Callable[[str], Sequence[Any]], runs: int = 5) -> tuple[float, float]:
    """Seconds per 100 texts: the first pass over every text of both halves (nothing cached yet), and
    the median of the passes after it (lint caches its repairs: a data file repeats its words)."""
    texts = [t.sentence for half in HALVES for t in read_typos(half)] + \
            [line for half in HALVES for line in read_correct(half)]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        for text in texts:
            check(text)
        times.append(time.perf_counter() - start)
    return 100 * times[0] / len(texts), 100 * statistics.median(times[1:]) / len(texts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--details", action="store_true", help="print the tuning half's misses and false findings")
    parser.add_argument("--tuning", action="store_true", help="measure the tuning half only (while tuning)")
    args = parser.parse_args(argv)
    import itareport

    started = time.perf_counter()
    check = load_check()
    check("ประชาสัมพันธ์")
    loaded = time.perf_counter() - started
    first, again = time_per_100_lines(check)   # before measuring: the first pass finds nothing cached
    print(f"itareport {itareport.__version__} from {Path(itareport.__file__).parent}")
    print(f"{'half':>8} {'typos':>6} {'caught':>7} {'recall':>7} {'right fix':>10} {'other':>6} "
          f"{'lines':>6} {'false':>6} {'false/100':>10}")
    results = [measure(half, check) for half in (HALVES[:1] if args.tuning else HALVES)]
    for f in results:
        print(f"{f.half:>8} {f.typos:>6} {f.caught:>7} {f.recall:>6.1f}% {f.fixed_share:>9.1f}% {f.other:>6} "
              f"{f.lines:>6} {f.false:>6} {f.false_per_100:>10.2f}")
    for f in results:
        order = sorted(f.by_category.items(), key=lambda kv: "ISOKMDL".find(kv[0]))
        cats = "  ".join(f"{c} {n[1]}/{n[0]}" for c, n in order)
        print(f"{f.half:>8} by category: {cats}")
    print(f"dictionary loaded in {loaded:.2f} s; lint {1000 * first:.0f} ms per 100 lines on the first pass, "
          f"{1000 * again:.0f} ms on the next ones (median of 4)")
    if args.details:
        tuning = results[0]
        for title, items in (("missed", tuning.missed), ("caught, not the right first suggestion", tuning.wrong_fix),
                             ("false findings", tuning.false_findings)):
            print(f"\ntuning half, {title} ({len(items)}):")
            for item in items:
                print("  " + item)
    return 0


if __name__ == "__main__":
    sys.exit(main())
