"""The data file embedded in our PDFs (render/pdf_source.py), timed beside what it rides on, in this process.

    python benchmarks/pdf_source.py           # the shipped file and 200 measures; medians of 7 (3 for LibreOffice)
    python benchmarks/pdf_source.py --quick   # the shipped file only, 1 run each (a smoke run)

For each data file, what is timed:
- LibreOffice: render_pdf, the .docx made into a PDF by one LibreOffice start (the embedding included);
- embed: provenance.pdf_with_source on LibreOffice's own bytes (pypdf's incremental update), the cost the
  build pays for it;
- read back: provenance.read_provenance of the built PDF (Keywords, pypdf's attachment, the hash);
- plain import: roundtrip.import_own of the PDF (the data file's text back), beside
- foreign reading: importer.import_file of the same PDF (its text layer read into a new data file,
  what plain import did before), the peer.
It also prints the PDF's size without and with the embedded file.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench import SEED, make_data  # noqa: E402
from itareport.build import render_docx_bytes  # noqa: E402
from itareport.importer import import_file  # noqa: E402
from itareport.provenance import pdf_with_source, provenance_of, read_provenance  # noqa: E402
from itareport.render.pdf import render_pdf  # noqa: E402
from itareport.roundtrip import import_own  # noqa: E402
from itareport.validate import load_valid  # noqa: E402
from itareport.view import build_view  # noqa: E402
from update import median_time  # noqa: E402

MANY = 200   # measures of the larger file (the foreign reader refuses a PDF over 500 pages)


def measure(data: Path, work: Path, runs: int) -> dict[str, Any]:
    valid = load_valid(data)
    view = build_view(valid.report, None, provenance_of(data, valid.text))
    docx, _notes = render_docx_bytes(view, None, None)
    built, _notes = render_pdf(docx, view.numerals)
    libreoffice = built[:built.index(b"%%EOF") + len(b"%%EOF\n")]   # LibreOffice's bytes: our update follows
    assert pdf_with_source(libreoffice, docx) == built, "the embedding is not what the build wrote"
    pdf = work / f"{data.stem}.pdf"
    pdf.write_bytes(built)
    assert import_own(pdf, "x.yaml") == (valid.text, []), "the data file did not come back"
    return {
        "LibreOffice": median_time(lambda: render_pdf(docx, view.numerals), max(1, min(runs, 3))),
        "embed": median_time(lambda: pdf_with_source(libreoffice, docx), runs),
        "read back": median_time(lambda: read_provenance(pdf), runs),
        "plain import": median_time(lambda: import_own(pdf, "x.yaml"), runs),
        "foreign reading": median_time(lambda: import_file(pdf), max(1, min(runs, 3))),
        "size": (len(libreoffice), len(built), len(valid.text.encode("utf-8"))),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the shipped file only, one run each")
    args = parser.parse_args(argv)
    runs = 1 if args.quick else 7
    with tempfile.TemporaryDirectory(prefix="itareport-bench-") as tmp:
        work = Path(tmp)
        files = [("shipped file", SEED)]
        if not args.quick:
            make_data(MANY, work / f"measures_{MANY}.yaml")
            files.append((f"{MANY:,} measures", work / f"measures_{MANY}.yaml"))
        print(f"{'file':<16}{'LibreOffice':>12}{'embed':>9}{'read back':>11}{'plain import':>14}"
              f"{'foreign reading':>17}  PDF KB without -> with (data file KB)")
        for label, data in files:
            row = measure(data, work, runs)
            without, with_, text = row["size"]
            print(f"{label:<16}{row['LibreOffice']:>11.2f}s{row['embed']:>8.3f}s{row['read back']:>10.3f}s"
                  f"{row['plain import']:>13.3f}s{row['foreign reading']:>16.2f}s  "
                  f"{without / 1024:.0f} -> {with_ / 1024:.0f} ({text / 1024:.0f})")
    print(f"medians of {runs} runs ({max(1, min(runs, 3))} for LibreOffice and the foreign reading)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
