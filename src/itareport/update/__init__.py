"""Updating a data file in place: the one way `edit`, `import --update` and `new-year` write a change.

update_text() writes exactly the differences between the file's data and the new data into its
text; every untouched byte (comments, key order, quoting, blank lines, the modeline, CRLF, a
missing final newline) stays as it was, so git shows the officer's change and nothing else. The
text is spliced at the positions PyYAML's parser reports (tree.py, splice.py); the result is read
back and must load to the new data, else nothing is returned (UpdateError).
"""

from __future__ import annotations

import difflib
import os
import re
import stat
from pathlib import Path
from typing import Any

from ..errors import InputError, ItareportError
from ..files import atomic_write
from ..loader import format_path, load_text, read_source
from ..messages import M_, Message
from .merge import ABSENT, Conflict, merge_data
from .splice import Ctx, Splicer, apply_edits
from .tree import Source, Style, Unsupported, parse

__all__ = ["ABSENT", "ChangedOnDisk", "Conflict", "UpdateError", "merge_data", "unified_diff", "update_text",
           "write_data_file"]

BOM = "\ufeff"


class UpdateError(ItareportError):
    """The change cannot be written safely; the message says why. Nothing was written."""


class ChangedOnDisk(UpdateError):
    """The file is not what the caller last read (changed by another program); .current is its text now."""

    def __init__(self, message: Message | str, current: str) -> None:
        super().__init__(message)
        self.current = current


def update_text(text: str, new: Any, *, name: str = "<data>") -> str:
    """The text with the differences between its data and `new` written in, everything else as it
    was. `text` must load (itareport.loader); `new` is plain data as the loader returns it (dict,
    list, str, None). The result loads to data equal to `new`, else UpdateError."""
    bom = BOM if text.startswith(BOM) else ""
    body = text[len(bom):]
    style = Style()
    try:
        tree = parse(body, style)
    except Unsupported:
        tree = None
    if tree is None or not tree.plain:  # what the loader says about anything unusual
        loaded = load_text(body, name)
        if loaded.diagnostics or loaded.data is None:
            raise UpdateError(M_("{name}: the data file has errors; fix them before saving a change to it",
                                 name=name), loaded.diagnostics)
        if tree is None:
            raise UpdateError(M_("{name}: the data file could not be read for updating; nothing was changed",
                                 name=name))
        old = loaded.data
    else:
        old = tree.data
    if old == new:
        return text
    source, reason = Source(body), ""
    for coarse in (False, True):
        try:
            edits = Splicer(source, tree.root, style, new, tree.aliased, coarse).diff(tree.root, old, new,
                                                                                      Ctx(None, 0, ()))
            result = apply_edits(body, 0, len(body), edits)
        except Unsupported as exc:
            reason = str(exc)
            continue
        except (TypeError, AttributeError):  # a value in `new` that is not plain data
            _check_plain(new, name)
            raise
        check = load_text(result, name)
        if not check.diagnostics and check.data == new:
            return bom + result
        if tree.plain:  # the loader has not seen the old text yet: it may be what it refuses
            loaded = load_text(body, name)
            if loaded.diagnostics:
                raise UpdateError(M_("{name}: the data file has errors; fix them before saving a change to it",
                                     name=name), loaded.diagnostics)
    _check_plain(new, name)
    if reason == "anchor":
        raise UpdateError(M_("{name}: the change touches a value that YAML anchors and aliases (&name, *name) "
                             "repeat elsewhere; make this change in a text editor", name=name))
    raise UpdateError(M_("{name}: the change could not be written without disturbing the rest of the file; "
                         "nothing was changed", name=name))


def _check_plain(data: Any, name: str) -> None:
    """`new` must be what the loader returns: mappings with text keys, lists, texts, None."""
    stack: list[tuple[tuple[str | int, ...], Any]] = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                if not isinstance(key, str):
                    raise UpdateError(M_("{name}: {path}: expected a text key, found {found!r}",
                                         name=name, path=format_path(path) or "-", found=key))
                stack.append(((*path, key), item))
        elif isinstance(value, list):
            stack.extend(((*path, i), item) for i, item in enumerate(value))
        elif value is not None and not isinstance(value, str):
            raise UpdateError(M_("{name}: {path}: expected text, a list or a mapping, found {kind} {found!r}",
                                 name=name, path=format_path(path) or "-", kind=type(value).__name__, found=value))


def write_data_file(path: Path, new: Any, *, expected: str | None = None) -> str:
    """Write `new` into the data file at path as a minimal change (update_text), atomically; returns
    the text now in the file. expected: the text the caller last read; when the file differs now,
    ChangedOnDisk and nothing is written. A read-only or locked file: UpdateError, nothing written."""
    path = Path(path)
    try:
        current = read_source(path)
        with open(path, "rb") as handle:
            bom = BOM if handle.read(3) == BOM.encode("utf-8") else ""
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except (InputError, OSError) as exc:
        raise UpdateError(str(exc), getattr(exc, "diagnostics", ())) from None
    if expected is not None and expected.removeprefix(BOM) != current:
        raise ChangedOnDisk(M_("{path}: the file was changed by another program since it was opened; nothing "
                               "was written (reload it, or compare both versions)", path=path), current)
    text = update_text(bom + current, new, name=str(path))
    if text == bom + current:
        return current
    if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(path, os.W_OK):
        raise UpdateError(M_("{path}: the file is read-only; nothing was written (make it writable, or save "
                             "the change under another name)", path=path))
    try:
        atomic_write(path, text.encode("utf-8"), mode=mode)
    except InputError as exc:
        raise UpdateError(str(exc)) from None
    return text.removeprefix(BOM)


def unified_diff(old: str, new: str, name: str) -> str:
    """The change as a unified diff (as git shows it), '' when there is none."""
    a, b = old.removeprefix(BOM).splitlines(keepends=True), new.removeprefix(BOM).splitlines(keepends=True)
    # difflib compares every line with every other: the equal lines at both ends are left out first
    # (keeping 50 lines beside the change, so difflib aligns as it would on the whole files), and the
    # hunks' line numbers moved back by what was left out.
    head = 0
    while head < len(a) and head < len(b) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < len(a) - head and tail < len(b) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    skip, keep = max(head - 50, 0), max(tail - 50, 0)
    out = []
    for line in difflib.unified_diff(a[skip:len(a) - keep], b[skip:len(b) - keep], fromfile=f"a/{name}",
                                     tofile=f"b/{name}"):
        if line.startswith("@@"):
            line = re.sub(r"([-+])(\d+)", lambda m: f"{m.group(1)}{int(m.group(2)) + skip}", line, count=2)
        elif line.endswith("\r\n"):
            line = line[:-2] + "\n"
        elif not line.endswith(("\n", "\r")):
            line += "\n\\ No newline at end of file\n"
        out.append(line)
    return "".join(out)
