"""The document of a machine format (json, github, sarif) for a run of validate, lint or build --check."""

from __future__ import annotations

from ..results import Validation
from .github import render_github
from .json import render_json
from .sarif import render_sarif


def render(output_format: str, run: Validation) -> str:
    if output_format == "json":
        return render_json(run)
    unread = [f.error for f in run.files if f.error is not None]
    if output_format == "github":
        return render_github(run.diagnostics, unread)
    if output_format == "sarif":
        return render_sarif(run.diagnostics, unread)
    raise ValueError(f"not a machine format: {output_format}")
