"""`itareport lint`: Thai typos and copy-paste damage in the texts of data files (PyThaiNLP)."""

from __future__ import annotations

import sys
from pathlib import Path

from ..console import Printer, count, error_line
from ..lint import ensure_thai_extra, lint_files
from ..messages import M_
from ..output.machine import render
from ..results import FileResult, Validation
from . import choose_sources


def lint(files: list[Path], output_format: str = "text") -> int:
    """Print each finding (text) or the document of a machine format (json, github, sarif); exit 1 when
    something is found, 2 when a file could not be read."""
    ensure_thai_extra()
    targets = choose_sources(files, "lint")
    out, err = Printer(sys.stdout), Printer(sys.stderr)
    run = Validation(strict=True)  # every finding is a warning, and any fails lint
    for path, diags, error in lint_files(targets):
        run.files.append(FileResult(path, diags, not diags and error is None, error))
        if error is not None:
            err.line(error_line(error), "bold red")
        if output_format == "text":
            for d in diags:
                out.diagnostic(d)
    found = len(run.diagnostics)
    files_text = count(len(targets), "file")
    ok = not found
    summary = (M_("OK: nothing found in {files}", files=files_text) if ok else
               M_("FAILED: {findings} in {files}", findings=count(found, "finding"), files=files_text))
    if output_format != "text":
        out.write(render(output_format, run))
        if output_format == "github" and (found or not run.unread):
            err.line(summary)
    elif found or not run.unread:
        out.line(summary, "bold green" if ok else "bold red")
    return run.exit_code
