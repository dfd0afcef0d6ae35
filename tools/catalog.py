"""Update and compile the message catalogs with Babel (pip install ".[test]").

    python tools/catalog.py          extract msgids into itareport.pot, merge them into the Thai .po
                                     (new ones get an empty msgstr to translate), compile the .mo
    python tools/catalog.py compile  compile only (after editing the Thai .po)

Messages are marked in the code with _(), N_(), ngettext() and the lazy M_(), Mn_() (messages.py); the
.mo ships in the wheel (under src/itareport/locale, part of the package) and tests/test_i18n.py fails
when it is stale.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "itareport"
LOCALE = PACKAGE / "locale"
PO = LOCALE / "th" / "LC_MESSAGES" / "itareport.po"
KEYWORDS = ["-k", "_", "-k", "N_", "-k", "ngettext:1,2", "-k", "M_", "-k", "Mn_:1,2", "--no-default-keywords"]


def pybabel(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], check=True, cwd=ROOT)


def main(argv: list[str]) -> None:
    if argv[:1] != ["compile"]:
        with tempfile.TemporaryDirectory() as tmp:
            pot = str(Path(tmp) / "itareport.pot")
            pybabel("extract", *KEYWORDS, "--no-location", "--sort-output", "--project", "itareport", "-o", pot,
                    str(PACKAGE.relative_to(ROOT)))
            if PO.exists():
                pybabel("update", "-i", pot, "-d", str(LOCALE), "-D", "itareport", "-l", "th",
                        "--no-fuzzy-matching", "--ignore-obsolete")
            else:
                pybabel("init", "-i", pot, "-d", str(LOCALE), "-D", "itareport", "-l", "th")
    pybabel("compile", "-d", str(LOCALE), "-D", "itareport", "-l", "th", "--statistics")


if __name__ == "__main__":
    main(sys.argv[1:])
