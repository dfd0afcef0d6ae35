"""`itareport templates export`: the built-in templates copied to a folder to edit."""

from __future__ import annotations

import sys
from pathlib import Path

from ..console import Printer
from ..errors import Exit, InputError
from ..files import atomic_write, make_folder
from ..messages import M_
from ..view import builtin_templates


def export_templates(folder: Path, force: bool = False) -> list[Path]:
    """Copy base.docx and the *.j2 templates into folder (created when missing); never over an existing
    one unless forced. The files written."""
    source = builtin_templates()
    names = sorted(p.name for p in source.iterdir() if p.is_file() and p.suffix in (".j2", ".docx"))
    make_folder(folder)
    there = [n for n in names if (folder / n).exists()]
    if there and not force:
        raise InputError(M_("{folder}: already holds {names}; add --force to replace them",
                            folder=folder, names=", ".join(there)))
    written = []
    for name in names:
        atomic_write(folder / name, (source / name).read_bytes())
        written.append(folder / name)
    return written


def export(folder: Path, force: bool = False) -> int:
    out = Printer(sys.stdout)
    for path in export_templates(folder, force):
        out.line(M_("wrote {path}", path=path), "green")
    return Exit.OK
