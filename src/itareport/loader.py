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
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, Protocol, TypeAlias, cast

import yaml

from . import codes
from .errors import DataError, Diagnostic, InputError, Severity
from .files import missing_file_message
from .messages import M_, Message
from .oserrors import os_error_text
from .patterns import CONTROL_CHARS
from .yaml_errors import syntax_diagnostic

MAX_BYTES = 25 * 1024 * 1024   # a report of ~8,000 measures
MAX_NODES = 2_000_000          # values after alias expansion (billion laughs stops here)
MAX_DEPTH = 100                # nesting of lists and mappings
MAX_CONTROL_REPORTS = 20

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_TAG = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")}

Path_ = tuple[str | int, ...]  # ('measures', 0, 'period', 'to'): keys and 0-based indexes


def format_path(path: Path_) -> str:
    """('measures', 2, 'period', 'to') -> 'measures[3].period.to' (1-based, as numbered in the report)."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += f".{part}" if out else str(part)
    return out


_PATH_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def parse_path(text: str) -> Path_:
    """'measures[3].period.to' -> ('measures', 2, 'period', 'to'): format_path read back."""
    return tuple(int(m.group(2)) - 1 if m.group(2) else m.group(1) for m in _PATH_PART.finditer(text))


def iter_texts(data: Any, path: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    """(path, text) for every text in loaded data, in document order."""
    stack = [(path, data)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, str):
            yield path, node
        elif isinstance(node, dict):
            stack.extend(reversed([((*path, key), value) for key, value in node.items()]))
        elif isinstance(node, list):
            stack.extend(reversed([((*path, i), value) for i, value in enumerate(node)]))


@dataclass
class Loaded:
    """A loaded data file: the data, where each value starts, and what went wrong."""

    file: str
    data: Any
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)       # path -> (line, col) of the value
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)   # path -> (line, col) of its key
    diagnostics: list[Diagnostic] = field(default_factory=list)
    ends: dict[Path_, int] = field(default_factory=dict)            # path -> col of a one-line text's last character
    text: str = ""                                      # the text as read (no BOM): what a build was made from

    def locate(self, path: Path_, key: bool = False) -> tuple[int, int]:
        """Position of a path, or of its nearest existing parent."""
        path = tuple(path)
        if key and path in self.key_positions:
            return self.key_positions[path]
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, (1, 1))

    def diagnostic(self, severity: Severity, path: Path_, message: Message, key: bool = False,
                   code: str = "") -> Diagnostic:
        """A diagnostic at the path's value (or its key); the code is the message's (codes.message) unless given."""
        line, col = self.locate(path, key)
        path = tuple(path)
        exact = not key and self.positions.get(path) == (line, col)
        return Diagnostic(self.file, line, col, severity, format_path(path), message, code,
                          self.ends.get(path) if exact else None)


def read_source(path: str | os.PathLike[str]) -> str:
    """The file's text, decoded as UTF-8 (a BOM is allowed). Raises InputError or DataError."""
    p = Path(path)
    name = str(path)
    try:
        if p.is_dir():
            raise InputError(M_("{name}: is a folder, expected a .yaml data file", name=name))
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InputError(M_("{name}: file is {size:.1f} MB, larger than the {limit} MB limit for a data file",
                                name=name, size=size / 1048576, limit=MAX_BYTES // 1048576))
        with open(p, "rb") as handle:  # bounded: /dev/zero or a pipe must not fill the memory
            raw = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise InputError(missing_file_message(name)) from None
    except PermissionError:
        raise InputError(M_("{name}: permission denied", name=name)) from None
    except OSError as exc:
        raise InputError(M_("{name}: cannot read: {error}", name=name, error=os_error_text(exc))) from None
    if len(raw) > MAX_BYTES:  # grew while we looked, or a special file
        raise InputError(M_("{name}: larger than the {limit} MB limit for a data file", name=name,
                            limit=MAX_BYTES // 1048576))
    return decode_source(raw, name)


def decode_source(raw: bytes, name: str) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataError([Diagnostic(name, 1, 1, "error", "", codes.message("ITA101", "utf16"))])
    head = raw[:4096]
    if head.count(b"\x00") > len(head) // 4:
        raise DataError([Diagnostic(name, 1, 1, "error", "", codes.message("ITA101", "nul"))])
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        start = exc.start
        line = raw.count(b"\n", 0, start) + 1
        line_start = raw.rfind(b"\n", 0, start) + 1
        col = len(raw[line_start:start].decode("utf-8", "replace")) + 1
        raise DataError([Diagnostic(name, line, col, "error", "", codes.message(
            "ITA101", "byte", byte=raw[start], guess=_guess_encoding(raw)))]) from None


def _guess_encoding(raw: bytes) -> Message:
    head = raw[:4096]
    if head.count(b"\x00") > len(head) // 4:
        return M_(" (the file looks like UTF-16 without a byte order mark); save the file as UTF-8")
    try:
        text = raw.decode("cp874")
    except UnicodeDecodeError:
        return M_("; save the file as UTF-8")
    if re.search("[\u0e01-\u0e5b]", text):
        return M_(" (the file looks like Thai TIS-620 / Windows-874); save the file as UTF-8")
    return M_("; save the file as UTF-8")


def load_file(path: str | os.PathLike[str]) -> Loaded:
    return load_text(read_source(path), str(path))


def load_text(text: str, name: str = "<string>") -> Loaded:
    """Parse YAML text. Problems are collected in .diagnostics; .data is None when unusable."""
    if text.startswith("\ufeff"):
        text = text[1:]
    loaded = Loaded(name, None, text=text)
    text = _report_control_chars(text, loaded)
    builder, reported = _Builder(loaded), len(loaded.diagnostics)
    try:
        try:
            root = builder.build(text)
        except yaml.MarkedYAMLError as exc:
            # Some libyaml builds refuse deep nesting in their scanner, before yielding any event
            # of it; PyYAML's own parser streams, so that MAX_DEPTH stops it with its location.
            if _Loader is yaml.SafeLoader or "nesting depth" not in (exc.problem or ""):
                raise
            del loaded.diagnostics[reported:]
            loaded.positions.clear()
            loaded.key_positions.clear()
            builder = _Builder(loaded)
            root = builder.build(text, yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        loaded.diagnostics.append(syntax_diagnostic(exc, text, name))
        return loaded
    except yaml.YAMLError as exc:
        loaded.diagnostics.append(Diagnostic(name, 1, 1, "error", "", M_(codes.YAML_SYNTAX, explanation=codes.message(
            "ITA199", problem=str(exc))), "ITA199"))
        return loaded
    except _Stop as stop:
        loaded.diagnostics.append(stop.diagnostic)
        return loaded
    if root is None:
        if not builder.refused:
            loaded.diagnostics.append(Diagnostic(name, 1, 1, "error", "", codes.message("ITA104")))
        return loaded
    loaded.data = root
    return loaded


def _report_control_chars(text: str, loaded: Loaded) -> str:
    """Report raw control characters (YAML would refuse them) and blank them so parsing goes on."""
    found = list(CONTROL_CHARS.finditer(text))
    if not found:
        return text
    for i, m in enumerate(found):
        if i == MAX_CONTROL_REPORTS:
            loaded.diagnostics.append(Diagnostic(loaded.file, 1, 1, "error", "",
                                                 codes.message("ITA102", "more", count=len(found) - i)))
            break
        line = text.count("\n", 0, m.start()) + 1
        col = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
        loaded.diagnostics.append(Diagnostic(loaded.file, line, col, "error", "",
                                             codes.message("ITA102", code=ord(m.group()))))
    return CONTROL_CHARS.sub("\ufffd", text)


class _Stop(Exception):
    def __init__(self, diagnostic: Diagnostic):
        self.diagnostic = diagnostic


Data: TypeAlias = "str | list[Data] | dict[str, Data] | None"  # what the builder makes: texts, lists, mappings, null
_Container: TypeAlias = "list[Data] | dict[str, Data]"
_NodeEvent: TypeAlias = "yaml.ScalarEvent | yaml.AliasEvent | yaml.CollectionStartEvent"


class _Mark(Protocol):
    """Where an event starts or ends (0-based): PyYAML's Mark or libyaml's."""

    line: int
    column: int


class _Parser(Protocol):
    """What the builder uses of a loader class (yaml.SafeLoader or libyaml's CSafeLoader)."""

    def check_event(self) -> bool: ...
    def get_event(self) -> yaml.Event: ...  # (None only past the end, which check_event() rules out)
    def dispose(self) -> None: ...


_NULL_WORDS = frozenset(("", "~", "null", "Null", "NULL"))  # plain scalars that YAML reads as null
_NO_KEY: Final = None  # a mapping's frame with no key waiting for its value (keys are texts)
_START = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_END = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


class _Frame:
    """An open list or mapping while its events arrive."""

    __slots__ = ("anchor", "count", "depth", "kept", "key", "path", "value")
    value: _Container
    kept: _Container | None  # the value, or None for a refused list or mapping (read, then dropped)
    path: Path_
    key: str | None
    anchor: str | None
    count: int
    depth: int

    def __init__(self, value: _Container, kept: _Container | None, path: Path_, anchor: str | None,
                 count: int) -> None:
        self.value, self.kept, self.path, self.key = value, kept, path, _NO_KEY
        self.anchor, self.count, self.depth = anchor, count, len(path)


class _Builder:
    """Plain data from the parser's events, with an explicit stack instead of recursion.

    yaml.compose() recurses once per nesting level in C and overflows the stack on a
    few kilobytes of '[[[[...'; here nesting stops at MAX_DEPTH with a message, and no
    node objects are built. An alias reuses the anchored value (counted again towards
    MAX_NODES and MAX_DEPTH); values inside it are located at the alias.
    """

    def __init__(self, loaded: Loaded):
        self.loaded = loaded
        self.count = 0
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Data, int, int]] = {}  # name -> (value, number of values, nesting depth)
        self.skip = 0                # whole nodes still to skip (a refused key and its value)
        self.skip_depth = 0
        self.root: Data = None
        self.documents = 0
        self.refused = False

    def build(self, text: str, loader: Callable[[str], _Parser] | None = None) -> Data:
        parser = (loader or _Loader)(text)   # the module's parser at call time (tests swap in the pure-Python one)
        positions, ends, stack = self.loaded.positions, self.loaded.ends, self.stack
        try:
            while parser.check_event():
                event = parser.get_event()
                # The common case inline (half the events of a data file): a plain text, untagged and
                # unanchored, as a list item or a mapping's value. Everything else goes through _event.
                if (type(event) is not yaml.ScalarEvent or event.tag is not None or event.anchor is not None
                        or self.skip or not stack):
                    self._event(event)
                    continue
                frame = stack[-1]
                container = frame.value
                if type(container) is list:
                    path = (*frame.path, len(container))
                elif frame.key is _NO_KEY:
                    self._event(event)  # a key
                    continue
                else:
                    path = (*frame.path, frame.key)
                self.count += 1
                mark, end = event.start_mark, event.end_mark
                assert mark is not None and end is not None  # the parser marks every event (the stubs allow None)
                if self.count > MAX_NODES or len(path) > MAX_DEPTH:
                    self._check_size(mark, path, 0, 0)
                positions[path] = (mark.line + 1, mark.column + 1)
                if end.line == mark.line and end.column > mark.column:
                    ends[path] = end.column  # 0-based past the end = 1-based last character
                if len(path) > frame.depth:
                    frame.depth = len(path)
                value: str | None = event.value
                if event.implicit[0] and value in _NULL_WORDS:
                    value = None
                if isinstance(container, list):
                    container.append(value)
                else:
                    assert frame.key is not None  # a mapping's value: its key came first (the branch above)
                    container[frame.key] = value
                    frame.key = _NO_KEY
        finally:
            parser.dispose()
        return self.root

    def _diag(self, mark: _Mark, message: Message, path: Path_ = ()) -> Diagnostic:
        return Diagnostic(self.loaded.file, mark.line + 1, mark.column + 1, "error", format_path(path), message)

    def _refuse(self, mark: _Mark, message: Message, path: Path_ = ()) -> None:
        self.refused = True
        self.loaded.diagnostics.append(self._diag(mark, message, path))

    def _event(self, event: yaml.Event) -> None:
        kind = type(event)
        if self.skip:
            self._skip(event, kind)
        elif isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent, yaml.CollectionStartEvent)):  # a node
            frame = self.stack[-1] if self.stack else None
            if frame is not None and frame.key is _NO_KEY and type(frame.value) is dict:
                self._key(event, kind, frame)
            else:
                self._node(event, kind, frame)
        elif kind in _END:
            self._end()
        elif kind is yaml.DocumentStartEvent:
            self.documents += 1
            if self.documents > 1:
                # PyYAML's errors carry libyaml's marks too (its stubs say yaml.Mark only)
                raise yaml.composer.ComposerError("expected a single document in the stream", None,
                                                  "but found another document", cast(yaml.Mark, event.start_mark))

    def _node(self, event: _NodeEvent, kind: type[yaml.Event], frame: _Frame | None) -> None:
        path: Path_
        if frame is None:
            path = ()
        elif type(frame.value) is list:
            path = (*frame.path, len(frame.value))
        else:
            assert frame.key is not None  # a mapping's value: its key came first (else _key reads it)
            path = (*frame.path, frame.key)
        mark = event.start_mark
        assert mark is not None  # the parser marks every event (the stubs allow None)
        if isinstance(event, yaml.AliasEvent):
            self._attach(frame, self._alias(event, path))
            return
        self.count += 1
        self._check_size(mark, path, 0, 0)
        pos = (mark.line + 1, mark.column + 1)
        self.loaded.positions[path] = pos
        tag = event.tag
        allowed = tag is None or tag == "!" or tag in _ALLOWED_TAGS
        if not allowed:
            self._refuse(mark, codes.message("ITA105", tag=tag), path)
        if isinstance(event, yaml.ScalarEvent):
            end = event.end_mark
            assert end is not None
            if end.line == mark.line and end.column > mark.column:
                self.loaded.ends[path] = end.column
            if frame is not None and len(path) > frame.depth:
                frame.depth = len(path)
            if not allowed or tag == _TAG + "null" or (
                    tag is None and event.implicit[0] and event.value in _NULL_WORDS):
                value: Data = None
            else:
                value = event.value
            self._attach(frame, value)
            if event.anchor is not None:
                self.anchors[event.anchor] = (value, 1, 0)
            return
        value = [] if kind is yaml.SequenceStartEvent else {}
        kept = value if allowed else None  # a refused list or mapping is read, then dropped
        self._attach(frame, kept)
        self.stack.append(_Frame(value, kept, path, event.anchor, self.count - 1))

    def _check_size(self, mark: _Mark, path: Path_, nodes: int, depth: int) -> None:
        if self.count + nodes > MAX_NODES:
            raise _Stop(self._diag(mark, codes.message("ITA108", "values", limit=MAX_NODES), path))
        if len(path) + depth > MAX_DEPTH:
            raise _Stop(self._diag(mark, codes.message("ITA108", "depth", limit=MAX_DEPTH), path))

    def _alias(self, event: yaml.AliasEvent, path: Path_) -> Data:
        name = event.anchor
        assert event.start_mark is not None  # the parser marks every event (the stubs allow None)
        if any(frame.anchor == name for frame in self.stack):
            raise _Stop(self._diag(event.start_mark, codes.message("ITA108", "recursive"), path))
        if name not in self.anchors:
            raise yaml.composer.ComposerError(None, None, f"found undefined alias {name!r}",
                                              cast(yaml.Mark, event.start_mark))  # libyaml's mark, as above
        value, nodes, depth = self.anchors[name]
        self._check_size(event.start_mark, path, nodes, depth)
        self.count += nodes
        self.loaded.positions[path] = (event.start_mark.line + 1, event.start_mark.column + 1)
        self._deepest(len(path) + depth)
        return value

    def _attach(self, frame: _Frame | None, value: Data) -> None:
        if frame is None:
            self.root = value
        elif isinstance(frame.value, list):
            frame.value.append(value)
        else:
            assert frame.key is not None  # a mapping's value: its key came first
            frame.value[frame.key] = value
            frame.key = _NO_KEY

    def _end(self) -> None:
        frame = self.stack.pop()
        if self.stack:
            self._deepest(frame.depth)
        if frame.anchor is not None:
            self.anchors[frame.anchor] = (frame.kept, self.count - frame.count, frame.depth - len(frame.path))

    def _deepest(self, depth: int) -> None:
        """Track how deep the open lists and mappings go, for the depth of anchored values."""
        if self.stack and depth > self.stack[-1].depth:
            self.stack[-1].depth = depth

    def _key(self, event: _NodeEvent, kind: type[yaml.Event], frame: _Frame) -> None:
        mark = event.start_mark
        assert mark is not None  # the parser marks every event (the stubs allow None)
        path = frame.path
        if kind is yaml.AliasEvent and event.anchor not in self.anchors:
            raise yaml.composer.ComposerError(None, None, f"found undefined alias {event.anchor!r}",
                                              cast(yaml.Mark, mark))  # libyaml's mark, as above
        if kind is yaml.AliasEvent and event.anchor in self.anchors and isinstance(
                anchored := self.anchors[event.anchor][0], str):
            key = anchored
        elif isinstance(event, yaml.ScalarEvent):
            key = event.value
            if event.tag is None and event.implicit[0] and key == "<<":
                self._refuse(mark, codes.message("ITA106", "merge"), path)
                self.skip = 1
                return
        else:
            self._refuse(mark, codes.message("ITA106", "key"), path)
            self.skip, self.skip_depth = 2, 0
            self._skip(event, kind)
            return
        if key in frame.value:
            first = self.loaded.key_positions[(*path, key)]
            self._refuse(mark, codes.message("ITA107", key=key, line=first[0]), (*path, key))
            self.skip = 1
            return
        frame.key = key
        self.loaded.key_positions[(*path, key)] = (mark.line + 1, mark.column + 1)

    def _skip(self, event: yaml.Event, kind: type[yaml.Event]) -> None:
        """Pass over a refused node, nested lists and mappings included (its anchors stand for nothing)."""
        if isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)) and event.anchor is not None:
            self.anchors[event.anchor] = (None, 1, 0)
        if kind in _START:
            self.skip_depth += 1
            return
        if kind in _END:
            self.skip_depth -= 1
        elif kind is not yaml.ScalarEvent and kind is not yaml.AliasEvent:
            return
        if self.skip_depth == 0:
            self.skip -= 1
