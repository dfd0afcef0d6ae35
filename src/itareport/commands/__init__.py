"""One module per command, in the manner of pre-commit's commands: a plain function that takes typed
values (cli.py and options.py have parsed them), calls the core, prints through console.py and
returns the exit code (errors.Exit). None of them parses an option or knows Typer.

    validate.validate   build.build   edit.edit   lint.lint   import_report.import_report   init.init
    new_year.new_year   schema.schema   templates.export

cli.py imports each module inside its Typer callback (start-up time: `--help` loads none of them).
Lazy imports here: validate imports lint (PyThaiNLP) only for --lint.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..console import Printer
from ..files import default_data_files, expand_sources
from ..messages import M_
from ..schema import write_schema_beside


def write_schema(target: Path) -> None:
    """The schema beside a data file just written, when no project schema is reachable (its modeline names it)."""
    written = write_schema_beside(target)
    if written is not None:
        Printer(sys.stdout).line(M_("wrote {path} (the schema editors check the data file against)", path=written),
                                 "green")


def choose_sources(files: list[Path], command: str) -> list[Path]:
    """The data files a command works on: those named (folders as their .yaml files), else the ones
    found here (data/*.yaml, then the data files of the current folder), saying which on stderr."""
    if files:
        return expand_sources(files)
    found, note = default_data_files(command)
    Printer(sys.stderr).line("itareport: " + note)
    return found
