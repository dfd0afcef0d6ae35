"""`itareport import`: a report (Word, PDF, Excel, CSV, text) read into a new data file."""

from __future__ import annotations

import sys
from pathlib import Path

from ..console import Printer
from ..errors import Exit
from ..files import make_folder, output_path, write_new_file
from ..importer import import_file
from ..messages import M_
from ..yaml_writer import DEFAULT_SCHEMA_REF, schema_ref_for


def import_report(report: Path, output: Path | None = None, output_is_folder: bool = False,
                  to_stdout: bool = False, force: bool = False) -> int:
    """Write the data file (or print it, to_stdout); warnings on stderr. Exit 1 when an error was kept."""
    if output_is_folder and output is not None:
        make_folder(output)
    target = None if to_stdout else output_path(report, output, ".yaml", also=(".yml",))
    ref = schema_ref_for(target) if target else DEFAULT_SCHEMA_REF
    result = import_file(report, str(target) if target else "<stdout>", ref)
    if target is None:
        Printer(sys.stdout).write(result.yaml_text)
    else:
        write_new_file(target, result.yaml_text, force, (report,))
        Printer(sys.stdout).line(M_("wrote {path}", path=target), "green")
    err = Printer(sys.stderr)
    for d in result.warnings:
        err.diagnostic(d)
    if any(d.severity == "error" for d in result.warnings):
        return Exit.INVALID
    return Exit.OK
