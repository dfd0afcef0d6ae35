"""`--format github`: one GitHub Actions workflow command per diagnostic, which the runner shows as an
annotation on that line of the pull request:

    ::error file=data/x.yaml,line=4,col=14,endColumn=17,title=ITA211::fiscal_year: expected ...

Escaping as the runner reads commands (actions/toolkit's command.ts): in the message %, CR and LF
become %25, %0D and %0A; in a property value also : and , (%3A, %2C), since they end the command's
name and separate its properties. Paths are relative to the repository root (paths.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..errors import Diagnostic
from .paths import relative_to_root, repository_root
from .text import message_text


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def workflow_command(d: Diagnostic, root: Path) -> str:
    properties = {"file": relative_to_root(d.file, root), "line": str(d.line), "col": str(d.col),
                  "endColumn": str(d.end_col or d.col)}
    if d.code:
        properties["title"] = d.code
    listed = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::{d.severity} {listed}::{escape_data(message_text(d))}"


def render_github(diagnostics: Iterable[Diagnostic], unread: Iterable[object] = (), root: Path | None = None) -> str:
    """One command a line; a file that could not be read is an error annotation without a place."""
    root = root or repository_root()
    lines = [workflow_command(d, root) for d in diagnostics]
    lines += [f"::error title=itareport::{escape_data(str(message))}" for message in unread]
    return "".join(line + "\n" for line in lines)
