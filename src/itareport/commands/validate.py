"""`itareport validate`: every problem of every data file, as text or JSON."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

from ..console import Printer, error_line, validate_summary
from ..errors import Diagnostic
from ..validate import Validation, validate_files
from . import choose_sources

FORMATS = ("text", "json")


def validate(files: list[Path], strict: bool = False, output_format: str = "text", lint: bool = False) -> int:
    """Check the data files (folders: their .yaml files); print each diagnostic and a summary (text) or one
    JSON document. Exit 0 valid, 1 invalid (or warnings with strict), 2 a file could not be read."""
    more: Callable[[Path], list[Diagnostic]] | None = None
    if lint:
        from ..lint import ensure_thai_extra, lint_file  # lazy: PyThaiNLP, only for --lint

        ensure_thai_extra()

        def more(path: Path) -> list[Diagnostic]:
            return lint_file(path, markup=False).findings
    targets = choose_sources(files, "validate")
    out, err = Printer(sys.stdout), Printer(sys.stderr)
    run = Validation(strict)
    for result in validate_files(targets, strict, more):
        run.files.append(result)
        if result.error is not None:
            err.line(error_line(result.error), "bold red")
        elif output_format == "text":
            for d in result.diagnostics:
                out.diagnostic(d)
    if output_format == "json":
        out.write(json.dumps(run.as_json(), ensure_ascii=False, indent=2) + "\n")
    else:
        summary, ok = validate_summary(run.errors, run.warnings, len(targets), run.unread, strict)
        out.line(summary, "bold green" if ok else "bold red")
    return run.exit_code
