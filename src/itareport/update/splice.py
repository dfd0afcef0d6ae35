"""The differences between two versions of a data file's data, written into its text in place.

Each change becomes an edit of the text (start, end, new text); everything outside the edits
is the old text, byte for byte. A changed text replaces the span of its old text; a list or
mapping that gains, loses or reorders items is rebuilt from its items' old text (each with the
comments directly above it and the deeper comments after it) and rendered text for new items,
with the old separators (blank lines, floating comments) kept above the item they preceded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .match import pair_items, pair_moves
from .order import insert_at, key_order
from .render import Renderer, key_text
from .tree import Node, Source, Style, Unsupported


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Ctx:
    """Where a value sits: in `parent` (None: the document) at `index`, at `path` in the data."""

    parent: Node | None
    index: int
    path: tuple[str | int, ...]
    up: Ctx | None = None


def apply_edits(text: str, start: int, end: int, edits: list[Edit]) -> str:
    """text[start:end] with the edits (inside it, not overlapping) made."""
    out, pos = [], start
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < pos or edit.end > end:
            raise Unsupported("overlapping edits")
        out += [text[pos:edit.start], edit.text]
        pos = edit.end
    out.append(text[pos:end])
    return "".join(out)


class Splicer:
    """Edits that turn the text of `old` into a text of `new`. coarse: each changed top-level value
    is written whole (the fallback when a finer edit did not read back)."""

    def __init__(self, source: Source, root: Node, style: Style, new_root: Any, has_alias: bool,
                 coarse: bool = False) -> None:
        self.src, self.text, self.root = source, source.text, root
        self.style, self.new_root, self.has_alias, self.coarse = style, new_root, has_alias, coarse
        self.render = Renderer(style, source.nl)
        self.nl = source.nl
        self.last_break = max(self.text.rfind("\n"), self.text.rfind("\r"))

    def _at(self, node: Node) -> None:
        """Tell the renderer whether what it writes next ends the file (no line break after it)."""
        self.render.at_end = node.end > self.last_break

    # --- dispatch ----------------------------------------------------------------------

    def diff(self, node: Node, old: Any, new: Any, ctx: Ctx) -> list[Edit]:
        """The edits for one value; a layout the finer edits do not handle is written whole (and
        failing that, its parent is)."""
        if old == new:
            return []
        if ctx.parent is None:
            return self._diff(node, old, new, ctx)
        try:
            return self._diff(node, old, new, ctx)
        except Unsupported as exc:
            if str(exc) == "anchor":
                raise
            return [self.replace(node, new, ctx)]

    def _diff(self, node: Node, old: Any, new: Any, ctx: Ctx) -> list[Edit]:
        if self.has_alias and node.anchor is not None:
            raise Unsupported("anchor")  # aliases elsewhere repeat it: they would change too
        if node.kind == "alias":
            return [self.replace(node, new, ctx)]
        if self.coarse and len(ctx.path) >= 1:
            return [self.replace(node, new, ctx)]
        if node.flow and not node.items and isinstance(new, (list, dict)) and new:
            template = self._neighbour(new, ctx)
            if template is not None and not template.flow:  # `results: []` filled in, as the steps above it
                return [self.replace(node, new, ctx, template)]
        if node.kind == "scalar" and isinstance(new, str) and isinstance(old, str):
            return [self.scalar(node, new, ctx)]
        if node.kind == "map" and isinstance(new, dict) and isinstance(old, dict) and new:
            return self.mapping(node, old, new, ctx)
        if node.kind == "seq" and isinstance(new, list) and isinstance(old, list) and new:
            return self.sequence(node, old, new, ctx)
        return [self.replace(node, new, ctx)]

    # --- texts ---------------------------------------------------------------------------

    def scalar(self, node: Node, new: str, ctx: Ctx) -> Edit:
        flow = ctx.parent is not None and ctx.parent.flow
        indent, old_lines = self._block_indent(node, ctx), None
        if node.style in ("|", ">"):
            old_lines = self._block_lines(node)
            indent = self._content_indent(node, indent)
        self._at(node)
        rendered = self.render.scalar(new, flow=flow, indent=indent, old=node, old_lines=old_lines)
        if old_lines is not None and rendered[:1] in "|>":  # a comment after the old | or > stays there
            header = self.text[node.start:self.src.line_end(self.src.line_of(node.start))]
            comment = header[len(header.split("#", 1)[0].rstrip(" ")):] if "#" in header else ""
            first, _, rest = rendered.partition(self.nl)
            rendered = first + comment + self.nl + rest
        return self._tail_up(Edit(node.start, node.end, rendered))

    def _tail_up(self, edit: Edit) -> Edit:
        """A comment after the old value on its last line moves up to the first line of a new value of
        several lines (after a | block's last line it would be read as text)."""
        if self.nl not in edit.text:
            return edit
        end = self.src.line_end(self.src.line_of(edit.end))
        tail = self.text[edit.end:end]
        if not tail.strip():
            return edit
        first, _, rest = edit.text.partition(self.nl)
        return Edit(edit.start, end, first + tail + self.nl + rest)

    def _block_indent(self, node: Node, ctx: Ctx) -> int:
        """The indentation of a block scalar's lines written as this value."""
        parent = ctx.parent
        if parent is None:
            return self.style.map_step
        if parent.kind == "map":
            return parent.keys[ctx.index].col + self.style.map_step
        return parent.col + max(self.style.dash_gap, 1)

    def _block_lines(self, node: Node) -> list[str]:
        lines = self.text[node.start:node.end].splitlines()[1:]
        return [line.strip(" ") for line in lines]

    def _content_indent(self, node: Node, default: int) -> int:
        for line in self.text[node.start:node.end].splitlines()[1:]:
            if line.strip(" "):
                return len(line) - len(line.lstrip(" "))
        return default

    # --- a value written whole -----------------------------------------------------------

    def replace(self, node: Node, new: Any, ctx: Ctx, template: Node | None = None) -> Edit:
        """The value re-rendered as a whole in its place (a shape change, an alias, a new null); a
        list or mapping in brackets stays in brackets unless a template says otherwise."""
        self._at(node)
        parent = ctx.parent
        keep_flow = template or (node if node.flow and isinstance(new, (list, dict)) else None)
        if parent is None:
            start = self._regions_of_root()[0] if node.block else node.start
            if isinstance(new, dict) and new:
                lines = self.render.mapping(new, 0)
            elif isinstance(new, list) and new:
                lines = self.render.items(new, 0)
            else:
                lines = [self.render.flow(new)]
            return Edit(start, node.end, self.nl.join(lines))
        if parent.flow:
            return Edit(node.start, node.end, self.render.flow(new))
        if parent.kind == "map":
            key = parent.keys[ctx.index]
            rest = self.render.value_after(new, key.col, keep_flow)
            return self._tail_up(Edit(key.end, node.end, ":" + rest))
        dash = self._dash_before(node)
        lines = self.render.item(new, parent.col, keep_flow)
        return self._tail_up(Edit(dash + 1, node.end, self.nl.join(lines)[parent.col + 1:]))

    def _dash_before(self, node: Node) -> int:
        i = node.start
        while i > 0 and self.text[i - 1] in " \t\r\n":
            i -= 1
        if i == 0 or self.text[i - 1] != "-":
            raise Unsupported("no dash before a list item")
        return i - 1

    # --- mappings ------------------------------------------------------------------------

    def mapping(self, node: Node, old: dict[str, Any], new: dict[str, Any], ctx: Ctx) -> list[Edit]:
        keys = list(old)
        if keys != [k.value for k in node.keys]:
            raise Unsupported("keys")
        nested: dict[int, list[Edit]] = {}
        for i, key in enumerate(keys):
            if key in new:
                nested[i] = self.diff(node.items[i], old[key], new[key], Ctx(node, i, (*ctx.path, key), ctx))
        added = [k for k in new if k not in old]
        if not added and len(nested) == len(keys):
            return [e for edits in nested.values() for e in edits]
        pieces: list[tuple[str, Any]] = [(k, ("old", i)) for i, k in enumerate(keys) if k in new]
        order, new_keys = key_order(ctx.path, self.new_root), list(new)
        for key in added:
            at = insert_at([k for k, _ in pieces], key, order, new_keys)
            pieces.insert(at, (key, ("new", key)))
        items: list[tuple[str, Any]] = []
        self._at(node)
        for key, (kind, ref) in pieces:
            if kind == "old":
                items.append(("old", (ref, nested[ref])))
            elif node.flow:
                items.append(("new", key_text(key, True) + ": " + self.render.flow(new[key])))
            else:
                template = self._sibling_value(ctx, key) or self._alike(node, new[key])
                items.append(("new", self.render.entry(key, new[key], node.col, template)))
        return [self._rebuild(node, items)]

    def _sibling_value(self, ctx: Ctx, key: str) -> Node | None:
        """The same key's value in the items near this mapping in the list it is an item of (a text:
        one written in the style most of them use)."""
        parent = ctx.parent
        if parent is None or parent.kind != "seq":
            return None
        return _habit(parent, ctx.index, key)

    def _neighbour(self, new: Any, ctx: Ctx) -> Node | None:
        """A value to follow in style: the same key's in a neighbouring item, else one like it beside it."""
        parent = ctx.parent
        key = ctx.path[-1] if ctx.path else None
        if parent is None or parent.kind != "map" or parent.flow or ctx.up is None or not isinstance(key, str):
            return None
        return self._sibling_value(ctx.up, key) or self._alike(parent, new)

    @staticmethod
    def _alike(node: Node, value: Any) -> Node | None:
        """A list or mapping among the mapping's own values, for a new one's style (brackets or not)."""
        kind = "seq" if isinstance(value, list) else "map" if isinstance(value, dict) else None
        return next((v for v in node.items if v.kind == kind and v.items), None) if kind else None

    # --- lists ---------------------------------------------------------------------------

    def sequence(self, node: Node, old: list[Any], new: list[Any], ctx: Ctx) -> list[Edit]:
        if len(node.items) != len(old):
            raise Unsupported("items")
        pairs = pair_moves(old, new, pair_items(old, new))
        by_new = {j: i for i, j in pairs}
        nested = {i: self.diff(node.items[i], old[i], new[j], Ctx(node, i, (*ctx.path, i), ctx)) for i, j in pairs}
        if len(old) == len(new) and all(by_new.get(j) == j for j in range(len(new))):
            return [e for edits in nested.values() for e in edits]
        items: list[tuple[str, Any]] = []
        self._at(node)
        for j, value in enumerate(new):
            i = by_new.get(j)
            if i is not None:
                items.append(("old", (i, nested[i])))
                continue
            if node.flow:
                items.append(("new", self.render.flow(value)))
                continue
            near = next((by_new[k] for k in (*range(j - 1, -1, -1), *range(j + 1, len(new))) if k in by_new), 0)
            items.append(("new", self.render.item(value, node.col, _item_template(node, near, value))))
        return [self._rebuild(node, items)]

    # --- rebuilding a list or mapping from its old pieces ---------------------------------

    def _rebuild(self, node: Node, items: list[tuple[str, Any]]) -> Edit:
        return self._rebuild_flow(node, items) if node.flow else self._rebuild_block(node, items)

    def _rebuild_flow(self, node: Node, items: list[tuple[str, Any]]) -> Edit:
        spans = [(k.start, max(k.end, v.end)) for k, v in zip(node.keys, node.items, strict=True)] \
            if node.kind == "map" else [(v.start, v.end) for v in node.items]
        text = self.text
        if spans:
            prefix, suffix = text[node.start:spans[0][0]], text[spans[-1][1]:node.end]
        else:
            prefix, suffix = text[node.start:node.end - 1], text[node.end - 1:node.end]
        seps = [text[spans[i][1]:spans[i + 1][0]] for i in range(len(spans) - 1)]
        default = seps[0] if seps and "\n" not in seps[0] and "#" not in seps[0] else ", "
        out = []
        for n, (kind, ref) in enumerate(items):
            if kind == "old":
                i, edits = ref
                start, end = spans[i]
                piece = apply_edits(text, start, end, edits)
                sep = seps[i - 1] if i > 0 else default
            else:
                piece, sep = ref, default
            out.append((sep if n else "") + piece)
        return Edit(node.start, node.end, prefix + "".join(out) + suffix)

    def _rebuild_block(self, node: Node, items: list[tuple[str, Any]]) -> Edit:
        starts, ends = self._regions(node)
        text, nl, col = self.text, self.nl, node.col
        inline = not self.src.blank_before(starts[0])
        gaps = [text[ends[i]:starts[i + 1]] for i in range(len(starts) - 1)]
        blanks = [sum(1 for line in gap.split(nl)[1:-1] if not line.strip()) for gap in gaps]
        usual = max(set(blanks), key=lambda b: (blanks.count(b), -b)) if blanks else 0
        default = nl * (1 + usual)
        out, start = [], starts[0]
        for n, (kind, ref) in enumerate(items):
            if kind == "old":
                i, edits = ref
                piece = apply_edits(text, starts[i], ends[i], edits)
                if inline and i == 0 and n:
                    piece = " " * col + piece
                elif inline and n == 0 and i and piece.lstrip(" ").startswith("#"):
                    # comments above the new first key: the value starts on the line after the dash
                    start = len(text[:start].rstrip(" "))
                    piece = nl + piece
                elif inline and n == 0 and i:
                    piece = piece[col:]
                sep = gaps[i - 1] if i > 0 else default
            else:
                piece, sep = nl.join(ref), default
                if inline and n == 0:
                    piece = piece[col:]
            out.append((sep if n else "") + piece)
        return Edit(start, ends[-1], "".join(out))

    def _regions_of_root(self) -> tuple[int, int]:
        starts, ends = self._regions(self.root)
        return starts[0], ends[-1]

    def _regions(self, node: Node) -> tuple[list[int], list[int]]:
        """Each item's (or key's) stretch of text: from the comments directly above it (at its
        column or left of it) to the end of its last line and the deeper comments right after."""
        src, text = self.src, self.text
        col = node.col
        anchors: list[int] = []
        ends: list[int] = []
        for i, value in enumerate(node.items):
            if node.kind == "map":
                anchor, end = node.keys[i].start, max(node.keys[i].end, value.end)
            else:
                anchor, end = (node.start if i == 0 else self._next_dash(ends[-1], col)), value.end
                if text[anchor] != "-":
                    raise Unsupported("dash")
            line = src.line_of(end)
            while line + 1 < src.lines():
                kind, indent = src.kind(line + 1)
                if kind != "comment" or indent <= col:
                    break
                line += 1
            anchors.append(anchor)
            ends.append(src.line_end(line))
        starts = []
        for i, anchor in enumerate(anchors):
            if not src.blank_before(anchor):
                starts.append(anchor)
                continue
            line = src.line_of(anchor)
            if node is not self.root or i > 0:
                floor = src.line_of(ends[i - 1]) + 1 if i else 0
                while line - 1 >= floor:
                    kind, indent = src.kind(line - 1)
                    if kind != "comment" or indent > col:
                        break
                    line -= 1
            starts.append(src.line_start(line))
        return starts, ends

    def _next_dash(self, after: int, col: int) -> int:
        src = self.src
        line = src.line_of(after) + 1
        while line < src.lines():
            kind, indent = src.kind(line)
            if kind == "content":
                if indent != col:
                    raise Unsupported("dash column")
                return src.line_start(line) + indent
            line += 1
        raise Unsupported("no next dash")


def _near(index: int, count: int, reach: int = 11) -> list[int]:
    """Indexes around index (nearest first), index itself first."""
    return [i for d in range(reach + 1) for i in ((index,) if d == 0 else (index - d, index + d)) if 0 <= i < count]


def _usual(nodes: list[Node]) -> Node | None:
    """Of the texts among nodes, one written in the style most of them use (plain on a tie)."""
    counts: dict[str | None, int] = {}
    first: dict[str | None, Node] = {}
    for node in nodes:
        if node.kind == "scalar" and node.value is not None:
            counts[node.style] = counts.get(node.style, 0) + 1
            first.setdefault(node.style, node)
    if not counts:
        return None
    return first[max(counts, key=lambda style: (counts[style], style is None))]


def _habit(seq: Node, index: int, key: str | None, skip: bool = True) -> Node | None:
    """How the items around seq.items[index] (skip: other than it) write `key`: a text in their usual
    style, else the nearest non-empty list or mapping."""
    found = []
    for i in _near(index, len(seq.items)):
        item = seq.items[i]
        at = item.key_index(key) if item.kind == "map" and key is not None and not (skip and i == index) else -1
        if at >= 0 and not (item.items[at].flow and not item.items[at].items):  # not an empty [] or {}
            found.append(item.items[at])
    if found and found[0].kind == "scalar":
        return _usual(found) or found[0]
    return found[0] if found else None


def _item_template(seq: Node, near: int, value: Any) -> Node | None:
    """What a new item of seq follows: for a text, the items' usual style; for a mapping, the
    nearest item's layout with each key's text in the style the items around use for it."""
    if not seq.items:
        return None
    if isinstance(value, str):
        return _usual([seq.items[i] for i in _near(near, len(seq.items))])
    model = seq.items[near]
    if not isinstance(value, dict) or model.kind != "map":
        return model
    template = Node("map", model.start, model.col, flow=model.flow)
    template.keys = model.keys
    template.items = [(_habit(seq, near, k.value, skip=False) if v.kind == "scalar" else None) or v
                      for k, v in zip(model.keys, model.items, strict=True)]
    return template
