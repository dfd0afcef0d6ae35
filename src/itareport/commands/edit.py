"""`itareport edit`: the report in the browser (the editor server runs until Ctrl+C)."""

from __future__ import annotations

import sys
from pathlib import Path

from ..console import Printer
from ..editor import run
from ..errors import InputError
from ..files import default_data_files
from ..messages import M_


def edit(file: Path | None, *, port: int = 0, host: str = "127.0.0.1", allow_remote: bool = False,
         open_browser: bool = True, lint: bool = False, templates: Path | None = None,
         reference_doc: Path | None = None) -> int:
    """Serve the editor for FILE (else the one data file found here); 0 when stopped with Ctrl+C.
    A FILE that does not exist yet is offered to be made from a starter in the page."""
    path = file
    if path is None:
        found, note = default_data_files("edit")
        if len(found) > 1:
            raise InputError(M_("several data files ({names}); name the one to edit, e.g. itareport edit {first}",
                                names=", ".join(str(p) for p in found), first=found[0]))
        Printer(sys.stderr).line("itareport: " + note)
        path = found[0]
    return run(path, port=port, host=host, allow_remote=allow_remote, open_browser=open_browser,
               templates=templates, reference_doc=reference_doc, lint=lint)
