"""Where every value of a data file is written: a tree of nodes with their character spans.

PyYAML's parser events carry the start and end of each scalar, alias and flow collection as
character offsets (libyaml counts code points, as Python does). A block list or mapping has no
reliable end mark (its end is where the next token starts, after trailing comments), so its
end is taken as the end of its last value. Lines and their comments are read from the text
itself (`Source`): what belongs to a list item or a key is decided there (see `regions`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # what libyaml reads as a line break


class Unsupported(Exception):
    """A layout the splicer does not edit in place (the caller re-renders a larger part); never
    leaves the package (update_text turns what is left of it into an UpdateError)."""


class Node:
    """A value in the text. kind: 'scalar', 'seq', 'map' or 'alias'."""

    __slots__ = ("anchor", "col", "end", "flow", "items", "keys", "kind", "start", "style", "value")

    def __init__(self, kind: str, start: int, col: int, style: str | None = None, flow: bool = False,
                 anchor: str | None = None, value: str | None = None) -> None:
        self.kind, self.start, self.end, self.col = kind, start, start, col
        self.style, self.flow, self.anchor, self.value = style, flow, anchor, value
        self.items: list[Node] = []   # list items, or a mapping's values
        self.keys: list[Node] = []    # a mapping's keys

    @property
    def block(self) -> bool:
        return self.kind in ("seq", "map") and not self.flow

    def key_index(self, key: str) -> int:
        for i, node in enumerate(self.keys):
            if node.value == key:
                return i
        return -1


@dataclass
class Style:
    """How the file indents: a nested mapping's step, a list's dash under its key, the gap after '- '."""

    map_step: int = 2
    seq_indent: int = 2
    dash_gap: int = 2
    found: dict[str, dict[int, int]] = field(default_factory=dict)

    def note(self, what: str, value: int) -> None:
        counts = self.found.setdefault(what, {})
        counts[value] = counts.get(value, 0) + 1

    def settle(self) -> None:
        for what in ("map_step", "seq_indent", "dash_gap"):
            counts = self.found.get(what)
            if counts:
                best = max(counts.items(), key=lambda kv: (kv[1], -kv[0]))[0]
                if what == "seq_indent" or best > 0:
                    setattr(self, what, best)


class Source:
    """The text with its lines: offsets of line starts, the file's line break, comment lines."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] | None = None
        first = _BREAKS.search(text)
        self.nl = first.group() if first else "\n"

    @property
    def starts(self) -> list[int]:
        """The offset where each line starts (made when first needed: a changed text needs none).
        str.splitlines breaks where libyaml does, in a text the loader accepted (the other breaks it
        knows, \\x0b \\x0c \\x1c-\\x1e, are control characters the loader refuses)."""
        if self._starts is None:
            self._starts = [0, *accumulate(len(line) for line in self.text.splitlines(True))]
            if self._starts[-1] == len(self.text) and self.text and self.text[-1] not in "\r\n\x85\u2028\u2029":
                self._starts.pop()
        return self._starts

    def line_of(self, offset: int) -> int:
        return bisect_right(self.starts, offset) - 1

    def line_start(self, line: int) -> int:
        return self.starts[line]

    def line_end(self, line: int) -> int:
        """Offset of the end of a line, before its line break."""
        if line + 1 < len(self.starts):
            end = self.starts[line + 1]
            return end - 2 if self.text[end - 2:end] == "\r\n" else end - 1
        return len(self.text)

    def lines(self) -> int:
        return len(self.starts)

    def kind(self, line: int) -> tuple[str, int]:
        """('blank' | 'comment' | 'content', indent) of a line."""
        start, end = self.starts[line], self.line_end(line)
        body = self.text[start:end]
        stripped = body.lstrip(" \t")
        if not stripped:
            return "blank", 0
        return ("comment" if stripped[0] == "#" else "content"), len(body) - len(stripped)

    def blank_before(self, offset: int) -> bool:
        """True when only spaces stand between the start of offset's line and offset."""
        start = self.starts[self.line_of(offset)]
        return not self.text[start:offset].strip(" ")


@dataclass
class Tree:
    """A parsed data file: its nodes, its data, whether it holds an alias (*name), and whether the
    data is surely what itareport.loader reads (no tags, anchors, merge keys, duplicate or non-text keys;
    otherwise the caller asks the loader)."""

    root: Node
    data: Any
    aliased: bool
    plain: bool


_NULL_WORDS = frozenset(("", "~", "null", "Null", "NULL"))
_ENDS = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
_STARTS = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_NO_KEY = object()


def parse(text: str, style: Style) -> Tree:
    """The nodes of a text with their offsets, and its data read as the loader reads it. The file's
    indentation habits are noted in style. Raises Unsupported when the parser refuses the text."""
    parser = _Loader(text)
    stack: list[Node] = []
    values: list[Any] = []      # the open lists and mappings of the data
    keys: list[Any] = []        # each open mapping's key waiting for its value (_NO_KEY: none)
    root: Node | None = None
    data: Any = None
    aliased, plain = False, True
    scalar_event, alias_event, seq_start = yaml.ScalarEvent, yaml.AliasEvent, yaml.SequenceStartEvent
    parent: Node | None
    try:
        while parser.check_event():
            event = parser.get_event()
            kind = type(event)
            if kind is scalar_event and stack and event.tag is None and event.anchor is None:
                # the usual case inline: a text without tag or anchor, as a key, a value or an item
                parent = stack[-1]
                mark = event.start_mark
                value = event.value
                node = Node("scalar", mark.index, mark.column, event.style or None, value=value)
                node.end = _scalar_end(text, node, event.end_mark.index) if node.style in ("|", ">") \
                    else event.end_mark.index
                if parent.kind == "map":
                    if keys[-1] is _NO_KEY:
                        parent.keys.append(node)
                        if value in values[-1] or (value == "<<" and node.style is None):
                            plain = False
                        keys[-1] = value
                        continue
                    if event.implicit[0] and value in _NULL_WORDS:
                        node.value = value = None
                    parent.items.append(node)
                    values[-1][keys[-1]] = value
                    keys[-1] = _NO_KEY
                else:
                    if event.implicit[0] and value in _NULL_WORDS:
                        node.value = value = None
                    parent.items.append(node)
                    values[-1].append(value)
                    if len(parent.items) == 1:
                        _note_style(style, parent, node)
                continue
            if kind in _ENDS:
                node = stack.pop()
                values.pop()
                keys.pop()
                if node.flow:
                    node.end = event.end_mark.index
                elif node.items:
                    node.end = node.items[-1].end
                    _block_start(text, node)
                if stack:
                    _note_style(style, stack[-1], node)
                continue
            if kind is not scalar_event and kind is not alias_event and kind not in _STARTS:
                continue
            mark = event.start_mark
            parent = stack[-1] if stack else None
            is_key = parent is not None and parent.kind == "map" and keys[-1] is _NO_KEY
            plain = plain and event.anchor is None and (kind is alias_event or event.tag is None) and not (
                is_key and kind is not scalar_event)
            if kind is scalar_event:
                node = Node("scalar", mark.index, mark.column, event.style or None, anchor=event.anchor,
                            value=event.value)
                node.end = _scalar_end(text, node, event.end_mark.index)
                value = event.value
                if not is_key and event.implicit[0] and value in _NULL_WORDS:
                    node.value = value = None
            elif kind is alias_event:
                node = Node("alias", mark.index, mark.column, value=event.anchor)
                node.end = event.end_mark.index
                aliased, plain, value = True, False, None
            else:
                node = Node("seq" if kind is seq_start else "map", mark.index, mark.column,
                            flow=bool(event.flow_style), anchor=event.anchor)
                node.end = event.end_mark.index
                value = [] if kind is seq_start else {}
            if parent is None:
                root, data = node, value
            elif is_key:
                parent.keys.append(node)
                plain = plain and isinstance(value, str) and value not in values[-1]
                keys[-1] = value if isinstance(value, str) else repr(value)
            elif parent.kind == "map":
                parent.items.append(node)
                values[-1][keys[-1]] = value
                keys[-1] = _NO_KEY
            else:
                parent.items.append(node)
                values[-1].append(value)
            if node.kind == "scalar" and parent is not None and not is_key:
                _note_style(style, parent, node)
            elif node.kind in ("seq", "map"):
                stack.append(node)
                values.append(value)
                keys.append(_NO_KEY)
    except (yaml.YAMLError, ValueError) as exc:  # refused (a syntax error, a control character, a lone
        # surrogate): the loader says where
        raise Unsupported(str(exc)) from None
    finally:
        parser.dispose()
    if root is None:
        raise Unsupported("no data")
    style.settle()
    return Tree(root, data, aliased, plain)


def _block_start(text: str, node: Node) -> None:
    """A block list starts at its first dash, a block mapping at its first key (their start marks
    are at an anchor or tag before them when there is one)."""
    if node.kind == "map":
        node.start, node.col = node.keys[0].start, node.keys[0].col
        return
    dash = node.items[0].start
    while dash > 0 and text[dash - 1] in " \t\r\n":
        dash -= 1
    if dash > 0 and text[dash - 1] == "-":
        node.start = dash - 1
        line = text.rfind("\n", 0, node.start) + 1
        line = max(line, text.rfind("\r", line, node.start) + 1)
        node.col = node.start - line


def _note_style(style: Style, parent: Node, node: Node) -> None:
    """Count the file's indentation habits (block collections inside block collections)."""
    if parent.flow or node.flow or node.kind not in ("seq", "map", "scalar"):
        return
    if parent.kind == "map":
        key = parent.keys[len(parent.items) - 1]
        if node.kind == "map" and node.col > key.col:
            style.note("map_step", node.col - key.col)
        elif node.kind == "seq":
            style.note("seq_indent", node.col - key.col)
    elif parent.kind == "seq" and len(parent.items) == 1 and node.kind in ("map", "scalar") and node.col > parent.col:
        style.note("dash_gap", node.col - parent.col)


def _scalar_end(text: str, node: Node, end: int) -> int:
    """A block scalar's marks run to the next token, over trailing blank lines: end it at its last
    content line instead (a 'keep' scalar, |+ or >+, owns its trailing lines up to the last break)."""
    if node.style not in ("|", ">"):
        return end
    header_end = text.find("\n", node.start)
    header = text[node.start:header_end if header_end >= 0 else len(text)].split("#", 1)[0]
    if "+" in header:
        if text[end - 2:end] == "\r\n":
            return end - 2
        return end - 1 if end > node.start and text[end - 1] in "\r\n\x85\u2028\u2029" else end
    while end > node.start and text[end - 1] in " \t\r\n\x85\u2028\u2029":
        end -= 1
    line_end = text.find("\n", end)
    if line_end < 0:
        return len(text)
    return line_end - 1 if text[line_end - 1] == "\r" else line_end
