"""`itareport init`: a starter data file with Thai comments on what to fill in."""

from __future__ import annotations

import sys
from pathlib import Path

from ..console import Printer
from ..errors import Exit, InputError
from ..files import make_folder, write_new_file
from ..messages import M_
from ..model import year_problem
from ..scaffold import init_text
from ..thai import current_fiscal_year
from ..yaml_writer import schema_ref_for
from ..years import fiscal_year_slip
from . import write_schema


def init_target(output: Path | None, output_is_folder: bool, year: int) -> Path:
    """Where the starter goes: data/measures_YEAR.yaml, -o as given, or measures_YEAR.yaml inside -o FOLDER/."""
    name = f"measures_{year}.yaml"
    if output is None:
        return Path("data") / name
    if output_is_folder or output.is_dir():
        make_folder(output)
        return output / name
    return output


def init(agency: str | None = None, year: int | None = None, output: Path | None = None,
         output_is_folder: bool = False, kind: str = "measures-report", force: bool = False) -> int:
    """Write the starter for this kind and fiscal year (default: the current one)."""
    fiscal_year = year or current_fiscal_year()
    problem = year_problem(fiscal_year)
    if problem:
        raise InputError(M_("--year {year}: expected a Buddhist-era year such as 2569{hint}",
                            year=fiscal_year, hint=problem[1] or ""))
    slip = fiscal_year_slip(fiscal_year, current_fiscal_year())
    if slip is not None:
        raise InputError(M_("--year: {problem}", problem=slip))
    if agency is not None and not agency.strip():
        raise InputError(M_("--agency: expected a name, got an empty text"))
    target = init_target(output, output_is_folder, fiscal_year)
    text = init_text(agency and agency.strip(), fiscal_year, schema_ref_for(target), starter=kind)
    write_new_file(target, text, force)
    Printer(sys.stdout).line(M_("wrote {path}", path=target), "green")
    write_schema(target)
    return Exit.OK
