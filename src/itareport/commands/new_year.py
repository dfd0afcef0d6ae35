"""`itareport new-year`: next year's data file from this year's."""

from __future__ import annotations

import sys
from pathlib import Path

from ..console import Printer
from ..errors import Exit
from ..files import make_folder, write_new_file
from ..messages import M_
from ..scaffold import new_year as next_year


def new_year(file: Path, to_year: int, output: Path | None = None, output_is_folder: bool = False,
             force: bool = False) -> int:
    """Write the new file (never over the old one); warnings about what is left to fill on stderr."""
    if output_is_folder and output is not None:
        make_folder(output)
    result = next_year(file, to_year, output)
    write_new_file(result.target, result.yaml_text, force, (file,))
    Printer(sys.stdout).line(M_("wrote {path}", path=result.target), "green")
    err = Printer(sys.stderr)
    for d in result.warnings:
        err.diagnostic(d)
    return Exit.OK
