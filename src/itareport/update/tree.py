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

import yaml

from ..errors import ItareportError

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # what libyaml reads as a line break


class Unsupported(ItareportError):
    """A layout the splicer does not edit in place (the caller re-renders a larger part)."""


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

    def has_anchor(self) -> bool:
        """True when this value or one inside it is anchored (&name): aliases elsewhere repeat it."""
        stack = [self]
        while stack:
            node = stack.pop()
            if node.anchor is not None:
                return True
            stack.extend(node.items)
        return False


@dataclass
class Style:
    """How the file indents: a nested mapping's step, a list's dash under its key, the gap after '- '."""

    map_step: int = 2
    seq_indent: int = 2
    dash_gap: int = 2
    found: dict = field(default_factory=dict)

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
        self.starts = [0]
        self.starts.extend(m.end() for m in _BREAKS.finditer(text))
        first = _BREAKS.search(text)
        self.nl = first.group() if first else "\n"

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


def parse(text: str, style: Style) -> tuple[Node, bool]:
    """The tree of a text that loads (itareport.loader said so), positions as offsets into the text,
    and whether it holds an alias (*name). The file's indentation habits are noted in style."""
    parser = _Loader(text)
    stack: list[Node] = []
    expect_key: list[bool] = []
    root: Node | None = None
    aliased = False
    try:
        while parser.check_event():
            event = parser.get_event()
            kind = type(event)
            if kind in (yaml.SequenceEndEvent, yaml.MappingEndEvent):
                node = stack.pop()
                expect_key.pop()
                if node.flow:
                    node.end = event.end_mark.index
                elif node.items:
                    node.end = node.items[-1].end
                if stack and stack[-1].kind == "map":
                    expect_key[-1] = True
                continue
            if kind not in (yaml.ScalarEvent, yaml.AliasEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent):
                continue
            mark = event.start_mark
            if kind is yaml.ScalarEvent:
                node = Node("scalar", mark.index, mark.column, event.style or None, anchor=event.anchor,
                            value=event.value)
                node.end = _scalar_end(text, node, event.end_mark.index)
                if event.tag is None and event.implicit[0] and event.value in ("", "~", "null", "Null", "NULL"):
                    node.value = None
            elif kind is yaml.AliasEvent:
                node = Node("alias", mark.index, mark.column, anchor=None, value=event.anchor)
                aliased = True
                node.end = event.end_mark.index
            else:
                flow = bool(event.flow_style)
                node = Node("seq" if kind is yaml.SequenceStartEvent else "map", mark.index, mark.column,
                            flow=flow, anchor=event.anchor)
                node.end = event.end_mark.index
            if not stack:
                root = node
            else:
                parent = stack[-1]
                if parent.kind == "map":
                    if expect_key[-1]:
                        parent.keys.append(node)
                        expect_key[-1] = False
                    else:
                        parent.items.append(node)
                        expect_key[-1] = True
                        _note_style(style, parent, node)
                else:
                    parent.items.append(node)
                    _note_style(style, parent, node)
            if node.kind in ("seq", "map"):
                stack.append(node)
                expect_key.append(node.kind == "map")
    except yaml.YAMLError as exc:  # the loader read it; a different libyaml build may not
        raise Unsupported(str(exc)) from None
    finally:
        parser.dispose()
    if root is None:
        raise Unsupported("no data")
    style.settle()
    return root, aliased


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
