"""`import --update` (itareport.roundtrip.plan_update) beside the build that made the document, in this process.

    python benchmarks/roundtrip.py           # the shipped file and 1,000 measures; medians of 7 / 3 runs
    python benchmarks/roundtrip.py --quick   # 1 run each (a smoke run)

What is timed, for each file and each format (.docx, .xlsx):
- build: rendering the document (view and renderer, what `build -f docx|xlsx` does after loading);
- unedited: plan_update of the document as built (the data file would stay byte-identical);
- one cell: plan_update of the document with the middle measure's owner changed (an officer's usual
  edit: read, align, merge three ways, update_text, validate the result);
- plain import: itareport.importer.import_file of the same document (the peer: reading the document
  into a new data file, no alignment, no merge).

The 1,000-measure file is benchmarks/update.py's: the shipped file's measure blocks repeated with their
comments. The edited document is the edited data's report carrying the original's provenance: what
Word or Excel holds after the officer typed the edit.
"""

from __future__ import annotations

import argparse
import copy
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from itareport.importer import import_file  # noqa: E402
from itareport.loader import load_text  # noqa: E402
from itareport.provenance import provenance_of  # noqa: E402
from itareport.render.docx import render_docx  # noqa: E402
from itareport.render.xlsx import render_xlsx  # noqa: E402
from itareport.roundtrip import plan_update  # noqa: E402
from itareport.validate import validate_loaded  # noqa: E402
from itareport.view import base_document, build_view  # noqa: E402
from itareport.yaml_writer import dump_yaml  # noqa: E402
from update import SEED, big_file, median_time  # noqa: E402


def render(text: str, path: Path, fmt: str, provenance_text: str) -> bytes:
    report = validate_loaded(load_text(text, path.name)).report
    assert report is not None
    view = build_view(report, None, provenance_of(path, provenance_text))
    return render_docx(view, base_document(None)) if fmt == "docx" else render_xlsx(view)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="one run of each")
    args = parser.parse_args()
    files = {"shipped (6)": (SEED.read_text(encoding="utf-8"), 1 if args.quick else 7),
             "1,000 measures": (big_file(1000), 1 if args.quick else 3)}
    print(f"machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}; medians in ms")
    print(f"{'file':<16}{'fmt':<6}{'build':>9}{'unedited':>10}{'one cell':>10}{'plain import':>14}")
    with tempfile.TemporaryDirectory() as folder:
        for name, (text, runs) in files.items():
            path = Path(folder) / "measures.yaml"
            path.write_text(text, encoding="utf-8")
            data = load_text(text).data
            one = copy.deepcopy(data)
            row = one["measures"][len(one["measures"]) // 2]
            (row["activities"][0] if "activities" in row else row)["owner"] = "กองคลัง"
            edited_text = dump_yaml(one)
            for fmt in ("docx", "xlsx"):
                built = Path(folder) / f"built.{fmt}"
                edited = Path(folder) / f"edited.{fmt}"
                built.write_bytes(render(text, path, fmt, text))
                edited.write_bytes(render(edited_text, path, fmt, text))
                plan = plan_update(edited, path)
                assert plan.edits.counts == {"values": 1}, plan.edits.counts   # exactly the one cell came back
                assert not plan_update(built, path).changed
                times = [median_time(lambda f=fmt, p=path, t=text: render(t, p, f, t), runs),
                         median_time(lambda b=built, p=path: plan_update(b, p), runs),
                         median_time(lambda e=edited, p=path: plan_update(e, p), runs),
                         median_time(lambda b=built: import_file(b, "x.yaml"), runs)]
                ms = [f"{t * 1000:.0f}" for t in times]
                print(f"{name:<16}{fmt:<6}{ms[0]:>9}{ms[1]:>10}{ms[2]:>10}{ms[3]:>14}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
