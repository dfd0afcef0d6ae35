"""`itareport schema`: the JSON Schema of the data file, printed or written."""

from __future__ import annotations

import sys
from pathlib import Path

from ..console import Printer
from ..errors import Exit
from ..files import atomic_write, make_folder
from ..messages import M_
from ..schema import schema_text


def schema(output: Path | None = None, output_is_folder: bool = False) -> int:
    """Print the schema, or write it to -o (a folder gets itareport.schema.json)."""
    text = schema_text()
    if output is None:
        Printer(sys.stdout).write(text)
        return Exit.OK
    if output_is_folder:
        make_folder(output)
    target = output / "itareport.schema.json" if output.is_dir() else output
    atomic_write(target, text.encode("utf-8"))
    Printer(sys.stdout).line(M_("wrote {path}", path=target), "green")
    return Exit.OK
