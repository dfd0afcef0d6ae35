"""Safe YAML loading: plain data plus the line and column of every value.

Only data comes out of here: every scalar is returned as the text it was written
as (``no``, ``1.10`` and ``2567-10-01`` stay text; the schema decides what is a
number), ``null``/empty values as None, sequences as lists and mappings as dicts.
Nothing is ever constructed from a tag, duplicate keys are an error, and the file
size and the number of nodes after alias expansion are capped.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import DataError, Diagnostic, InputError

MAX_BYTES = 25 * 1024 * 1024   # a report of ~8,000 measures
MAX_NODES = 2_000_000          # values after alias expansion (billion laughs stops here)
MAX_DEPTH = 100                # nesting of lists and mappings
MAX_CONTROL_REPORTS = 20

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_TAG = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")}

# Characters XML 1.0 cannot hold, and C1 controls: never valid in a report text.
CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")

Path_ = tuple  # ('measures', 0, 'period', 'to'): keys and 0-based indexes


def format_path(path: Path_) -> str:
    """('measures', 2, 'period', 'to') -> 'measures[3].period.to' (1-based, as numbered in the report)."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += f".{part}" if out else str(part)
    return out


@dataclass
class Loaded:
    """A loaded data file: the data, where each value starts, and what went wrong."""

    file: str
    data: Any
    positions: dict = field(default_factory=dict)       # path -> (line, col) of the value
    key_positions: dict = field(default_factory=dict)   # path -> (line, col) of its key
    diagnostics: list = field(default_factory=list)

    def locate(self, path: Path_, key: bool = False) -> tuple[int, int]:
        """Position of a path, or of its nearest existing parent."""
        path = tuple(path)
        if key and path in self.key_positions:
            return self.key_positions[path]
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, (1, 1))

    def diagnostic(self, severity: str, path: Path_, message: str, key: bool = False) -> Diagnostic:
        line, col = self.locate(path, key)
        return Diagnostic(self.file, line, col, severity, format_path(path), message)


def read_source(path: str | os.PathLike) -> str:
    """The file's text, decoded as UTF-8 (a BOM is allowed). Raises InputError or DataError."""
    p = Path(path)
    name = str(path)
    try:
        if p.is_dir():
            raise InputError(f"{name}: is a folder, expected a .yaml data file")
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InputError(
                f"{name}: file is {size / 1048576:.1f} MB, larger than the {MAX_BYTES // 1048576} MB limit "
                "for a data file"
            )
        raw = p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read: {exc.strerror or exc}") from None
    if len(raw) > MAX_BYTES:  # grew while we looked, or a special file
        raise InputError(f"{name}: larger than the {MAX_BYTES // 1048576} MB limit for a data file")
    return decode_source(raw, name)


def decode_source(raw: bytes, name: str) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataError([Diagnostic(name, 1, 1, "error", "",
                                    "expected UTF-8 text, found UTF-16 (byte order mark); save the file as UTF-8")])
    head = raw[:4096]
    if head.count(b"\x00") > len(head) // 4:
        raise DataError([Diagnostic(name, 1, 1, "error", "",
                                    "expected UTF-8 text, found NUL bytes (the file looks like UTF-16 without a "
                                    "byte order mark); save the file as UTF-8")])
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        start = exc.start
        line = raw.count(b"\n", 0, start) + 1
        line_start = raw.rfind(b"\n", 0, start) + 1
        col = len(raw[line_start:start].decode("utf-8", "replace")) + 1
        raise DataError([Diagnostic(name, line, col, "error", "",
                                    f"expected UTF-8 text, found byte 0x{raw[start]:02X}{_guess_encoding(raw)}")]) from None


def _guess_encoding(raw: bytes) -> str:
    head = raw[:4096]
    if head.count(b"\x00") > len(head) // 4:
        return " (the file looks like UTF-16 without a byte order mark); save the file as UTF-8"
    try:
        text = raw.decode("cp874")
    except UnicodeDecodeError:
        return "; save the file as UTF-8"
    if re.search("[\u0e01-\u0e5b]", text):
        return " (the file looks like Thai TIS-620 / Windows-874); save the file as UTF-8"
    return "; save the file as UTF-8"


def load_file(path: str | os.PathLike) -> Loaded:
    return load_text(read_source(path), str(path))


def load_text(text: str, name: str = "<string>") -> Loaded:
    """Parse YAML text. Problems are collected in .diagnostics; .data is None when unusable."""
    if text.startswith("\ufeff"):
        text = text[1:]
    loaded = Loaded(name, None)
    text = _report_control_chars(text, loaded)
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(s for s in (exc.context, exc.problem) if s)
        loaded.diagnostics.append(Diagnostic(name, line, col, "error", "", f"YAML syntax error: {what}"))
        return loaded
    except yaml.YAMLError as exc:
        loaded.diagnostics.append(Diagnostic(name, 1, 1, "error", "", f"YAML syntax error: {exc}"))
        return loaded
    if root is None:
        loaded.diagnostics.append(Diagnostic(
            name, 1, 1, "error", "",
            "the file has no data: expected a mapping with version, agency, fiscal_year and measures"))
        return loaded
    builder = _Builder(loaded)
    try:
        loaded.data = builder.build(root, ())
    except _Stop as stop:
        loaded.diagnostics.append(stop.diagnostic)
        loaded.data = None
    return loaded


def _report_control_chars(text: str, loaded: Loaded) -> str:
    """Report raw control characters (YAML would refuse them) and blank them so parsing goes on."""
    found = list(CONTROL_CHARS.finditer(text))
    if not found:
        return text
    for i, m in enumerate(found):
        if i == MAX_CONTROL_REPORTS:
            loaded.diagnostics.append(Diagnostic(
                loaded.file, 1, 1, "error", "",
                f"{len(found) - i} more control characters not listed; is this a text file?"))
            break
        line = text.count("\n", 0, m.start()) + 1
        col = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
        loaded.diagnostics.append(Diagnostic(
            loaded.file, line, col, "error", "",
            f"control character U+{ord(m.group()):04X} is not allowed; delete it"))
    return CONTROL_CHARS.sub("\ufffd", text)


class _Stop(Exception):
    def __init__(self, diagnostic: Diagnostic):
        self.diagnostic = diagnostic


class _Builder:
    def __init__(self, loaded: Loaded):
        self.loaded = loaded
        self.count = 0
        self.active: set[int] = set()

    def _diag(self, node, message: str, path=()) -> Diagnostic:
        m = node.start_mark
        return Diagnostic(self.loaded.file, m.line + 1, m.column + 1, "error", format_path(path), message)

    def build(self, node, path):
        self.count += 1
        if self.count > MAX_NODES:
            raise _Stop(self._diag(node, f"more than {MAX_NODES:,} values after expanding aliases (*name); "
                                         "remove the aliases or split the file", path))
        if len(path) > MAX_DEPTH:
            raise _Stop(self._diag(node, f"nested deeper than {MAX_DEPTH} levels", path))
        self.loaded.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if node.tag not in _ALLOWED_TAGS:
            self.loaded.diagnostics.append(self._diag(
                node, f"tag '{node.tag}' is not allowed: only plain data (text, lists, mappings)", path))
            return None
        if isinstance(node, yaml.ScalarNode):
            if node.tag == _TAG + "null":
                return None
            return node.value
        if id(node) in self.active:
            raise _Stop(self._diag(node, "an alias refers to itself (recursive data)", path))
        self.active.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                return [self.build(child, path + (i,)) for i, child in enumerate(node.value)]
            return self._mapping(node, path)
        finally:
            self.active.discard(id(node))

    def _mapping(self, node, path):
        out: dict = {}
        for key_node, value_node in node.value:
            if key_node.tag == _TAG + "merge":
                self.loaded.diagnostics.append(self._diag(key_node, "merge keys (<<) are not supported", path))
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.loaded.diagnostics.append(self._diag(key_node, "expected a plain key, found a list or mapping", path))
                continue
            key = key_node.value
            kpos = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key in out:
                first = self.loaded.key_positions[path + (key,)]
                self.loaded.diagnostics.append(self._diag(
                    key_node, f"duplicate key '{key}' (first written at line {first[0]}); keep one", path + (key,)))
                continue
            self.loaded.key_positions[path + (key,)] = kpos
            out[key] = self.build(value_node, path + (key,))
        return out
