"""`itareport lint`: Thai typos and copy-paste damage in the texts of data files (PyThaiNLP)."""

from __future__ import annotations

import sys
from pathlib import Path

from ..console import Printer, count, error_line
from ..errors import Exit
from ..lint import ensure_thai_extra, lint_files
from ..messages import M_
from . import choose_sources


def lint(files: list[Path]) -> int:
    """Print each finding; exit 1 when something is found, 2 when a file could not be read."""
    ensure_thai_extra()
    targets = choose_sources(files, "lint")
    out, err = Printer(sys.stdout), Printer(sys.stderr)
    found, io_failed = 0, False
    for _path, diags, error in lint_files(targets):
        if error is not None:
            io_failed = True
            err.line(error_line(error), "bold red")
        for d in diags:
            out.diagnostic(d)
        found += len(diags)
    files_text = count(len(targets), "file")
    if found:
        out.line(M_("FAILED: {findings} in {files}", findings=count(found, "finding"), files=files_text),
                 "bold red")
    elif not io_failed:
        out.line(M_("OK: nothing found in {files}", files=files_text), "bold green")
    if io_failed:
        return Exit.USAGE
    return Exit.INVALID if found else Exit.OK
