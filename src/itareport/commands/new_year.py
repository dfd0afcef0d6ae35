"""`itareport new-year`: next year's data file from this year's (or from another agency's: --agency)."""

from __future__ import annotations

import sys
from pathlib import Path

from ..adopt import NewAgency
from ..console import Printer
from ..errors import Exit, InputError
from ..files import make_folder, write_new_file
from ..messages import M_
from ..scaffold import new_year as next_year
from . import write_schema


def _agency(name: str | None, district: str | None, province: str | None) -> NewAgency | None:
    for option, value in (("--agency", name), ("--district", district), ("--province", province)):
        if value is not None and not value.strip():
            raise InputError(M_("{option}: expected a name, got an empty text", option=option))
    if name is None:
        if district is not None or province is not None:
            raise InputError(M_("--district and --province go with --agency: the agency that takes the file over"))
        return None
    return NewAgency(name.strip(), district and district.strip(), province and province.strip())


def new_year(file: Path, to_year: int, output: Path | None = None, output_is_folder: bool = False,
             force: bool = False, agency: str | None = None, district: str | None = None,
             province: str | None = None) -> int:
    """Write the new file (never over the old one); what was changed and what is left to fill on stderr."""
    taker = _agency(agency, district, province)
    if output_is_folder and output is not None:
        make_folder(output)
    result = next_year(file, to_year, output, taker)
    write_new_file(result.target, result.yaml_text, force, (file,))
    Printer(sys.stdout).line(M_("wrote {path}", path=result.target), "green")
    write_schema(result.target)
    err = Printer(sys.stderr)
    for d in result.warnings:
        err.diagnostic(d)
    return Exit.OK
