"""update_text on random data files and random edits (hypothesis).

The files: random report-shaped data written in random styles (plain, 'single', "double", | and >
blocks; flow and block lists and mappings; comments above items and deeper ones after them; blank
lines; two indentation habits; CRLF; a missing final newline), dump_yaml's output, the shipped
file, the kinds' files and hand-written fixtures. The edits: set a text, change a value's shape,
insert, delete and move list items, add and remove keys.

The properties:
- the result loads (itareport.loader) to exactly the edited data;
- untouched lines stay byte-identical, in order (not checked when the edit deletes or moves one of
  several equal items of a list: the data cannot say which one went). A line is *touched* by an edit at path P when it
  lies in P's old stretch of lines: from P's key (or its list item's dash) down to the line before
  the next value that is not inside P, less the comment lines at the end of that stretch that are
  not indented deeper than P (they belong to the next value); for a removed or moved value, also
  the comment and blank lines directly above it and the blank lines below; for a value inside a
  [..] or {..} collection, every line of that outermost collection; for a new key or item, the
  line of the first key of its mapping (a key put first takes the '- ' of a list item). Every other
  line of the old text must appear in the new text, the same bytes, in the same order.
"""

from __future__ import annotations

import copy
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import DATA, ROOT
from itareport.loader import load_text
from itareport.update import merge_data, update_text
from itareport.update.render import reads_back
from itareport.yaml_writer import FLOW_INDICATORS, dump_yaml, is_plain_safe, literal_block, quote, single_quote

TRICKY = ["no", "on", "yes", "off", "true", "null", "~", "1.10", "2567-10-01", "2568", "72.40", "0x1F", "- x",
          "a: b", "#x", "x #y", "[x]", "{y}", "a, b", "'q'", '"dq"', "it's", " lead", "trail ", "ไทย ๑๒๓",
          "สำนักปลัด", "O26", "Dos & Don't", "50%", "@at", "*star", "&amp", "!bang", "|pipe", ">gt", "?q",
          "line1\nline2", "para\n", "x\ty", "a  b", "ก: ข", "http://x.go.th/a?b=1#c", "2567-10", "๒๕๖๘"]
ALPHABET = "กขคงจชซ่้๊ะาิีเแโไำ๐๑๒abcXZ019 -:#,.'\"/()&"
texts = st.one_of(st.sampled_from(TRICKY), st.text(alphabet=ALPHABET, min_size=1, max_size=14))
LIST_KEYS = ["steps", "results", "outcomes", "details"]


@st.composite
def measures(draw, activities: bool = True) -> dict:
    m: dict = {"title": draw(texts)}
    if activities and draw(st.integers(0, 4)) == 0:
        m["activities"] = draw(st.lists(measures(False), min_size=1, max_size=2))
        return m
    for key in LIST_KEYS:
        if draw(st.booleans()):
            m[key] = draw(st.lists(texts, min_size=0, max_size=3))
    if draw(st.booleans()):
        m["owner"] = draw(st.one_of(texts, st.none()))
    m["period"] = draw(st.one_of(texts, st.fixed_dictionaries({"from": st.just("2567-10"), "to": texts})))
    return m


@st.composite
def reports(draw) -> dict:
    data: dict = {"version": "1", "agency": {"name": draw(texts)}}
    if draw(st.booleans()):
        data["agency"]["province"] = draw(texts)
    data["fiscal_year"] = draw(st.sampled_from(["2568", "๒๕๖๘"]))
    if draw(st.booleans()):
        data["intro"] = draw(texts)
    data["measures"] = draw(st.lists(measures(), min_size=1, max_size=3))
    return data


# --- a writer of random styles ---------------------------------------------------------------

class Styled:
    """YAML for data in styles chosen by a seeded random generator."""

    def __init__(self, rnd: random.Random) -> None:
        self.r = rnd
        self.step = rnd.choice([2, 2, 4])
        self.seq = rnd.choice([0, 2, 2])
        self.n = 0

    def scalar(self, text, flow: bool, indent: int) -> str:
        if text is None:
            return self.r.choice(["null", "~"] if flow else ["", "null", "~"])
        options = [quote(text)]
        if is_plain_safe(text) and not (flow and FLOW_INDICATORS.intersection(text)):
            options += [text, text]
        if "\n" not in text and single_quote(text):
            options.append(single_quote(text))
        if not flow:
            options.append(literal_block(text, indent))
            words = text.split(" ")
            if len(words) > 1 and all(words):
                cut = self.r.randrange(1, len(words))
                pad = " " * indent
                options.append(f">-\n{pad}{' '.join(words[:cut])}\n{pad}{' '.join(words[cut:])}")
        options = [o for o in options if o is not None and reads_back(o, text, flow)]
        return self.r.choice(options)

    def flow(self, value) -> str:
        if isinstance(value, list):
            inner = ", ".join(self.flow(v) for v in value)
            return f"[ {inner} ]" if inner and self.r.random() < 0.2 else f"[{inner}]"
        if isinstance(value, dict):
            return "{" + ", ".join(f"{self.key(k)}: {self.flow(v)}" for k, v in value.items()) + "}"
        return self.scalar(value, True, 0)

    def key(self, key: str) -> str:
        return key if is_plain_safe(key) else quote(key)

    def comment(self, col: int) -> list[str]:
        if self.r.random() < 0.25:
            self.n += 1
            return [" " * self.r.choice([col, max(col - 2, 0)]) + f"# comment {self.n}"]
        return []

    def blank(self) -> list[str]:
        return [""] if self.r.random() < 0.3 else []

    def mapping(self, data: dict, col: int, first_comment: bool = True) -> list[str]:
        lines: list[str] = []
        for i, (key, value) in enumerate(data.items()):
            if i or first_comment:
                lines += self.comment(col)
            lines += self.entry(key, value, col)
        return lines

    def entry(self, key: str, value, col: int) -> list[str]:
        head = " " * col + self.key(key) + ":"
        if isinstance(value, (dict, list)):
            if not value or self.r.random() < 0.3:
                return [head + " " + self.flow(value)]
            if isinstance(value, dict):
                return [head, *self.mapping(value, col + self.step)]
            return [head, *self.items(value, col + self.seq)]
        text = self.scalar(value, False, col + self.step)
        tail = "  # note" if text and text[0] not in "|>" and self.r.random() < 0.15 else ""
        return (head + (" " + text if text else "") + tail).split("\n")

    def items(self, values: list, col: int) -> list[str]:
        lines: list[str] = []
        pad = " " * col
        for i, value in enumerate(values):
            if i:
                lines += self.blank()
            lines += self.comment(col)
            if isinstance(value, dict) and value and self.r.random() < 0.85:
                inner = self.mapping(value, col + 2, first_comment=False)
                lines += [pad + "- " + inner[0][col + 2:], *inner[1:]]
            elif isinstance(value, (dict, list)):
                lines.append(pad + "- " + self.flow(value))
            else:
                text = self.scalar(value, False, col + 2)
                lines += (pad + "-" + (" " + text if text else "")).split("\n")
                if text and text[0] not in "|>" and self.r.random() < 0.15:
                    lines.append(" " * (col + 1) + "# deeper, about the item above")
        return lines

    def document(self, data: dict) -> str:
        lines = ["# yaml-language-server: $schema=../schema/itareport.schema.json", "# header", *self.blank()]
        lines += self.mapping(data, 0, first_comment=False)
        text = "\n".join(lines) + "\n"
        if self.r.random() < 0.2:
            text = text.replace("\n", "\r\n")
        if self.r.random() < 0.2:
            text = text.rstrip("\r\n")
        return text


FIXTURES = [
    DATA.read_text(encoding="utf-8"),
    *(p.read_text(encoding="utf-8") for p in sorted((ROOT / "docs" / "kinds").glob("*.yaml"))),
    """\
# yaml-language-server: $schema=../schema/itareport.schema.json
version: 1   # the format
agency: {name: 'เทศบาล ก', province: "ขอนแก่น"}
fiscal_year: 2568
intro: |
  บรรทัดแรก
  บรรทัดที่สอง

measures:
# measure one, at the left margin
- title: "หนึ่ง: เริ่ม"
  steps: [ ก, 'ข', "ค, ง" ]
  owner: สำนักปลัด  # who
  period: {from: 2567-10, to: 2568-09}
  results:
  - ผล ๑
    # deeper: about ผล ๑

  - 'ผล ''สอง'''
- title: สอง
  activities:
  -   title: กิจกรรม
      steps:
      -   ขั้น
      owner: กองคลัง
      period: fiscal-year
""",
    """\
---
# a document marker, a plain text over two lines, brackets over lines, a |+ block, comments after keys
version: 1
agency:
    name: เทศบาลตำบล
        ตัวอย่าง
    province: >
        ขอนแก่น
fiscal_year: '2568'
measures:
    -   title: หนึ่ง
        steps: [
            ก,
            "ข"
        ]
        owner: |+
            สำนักปลัด

        period:   # the months
            from: 2567-10
            to: 2568-09
    # the second
    -   title: สอง
        steps:  # one step
            - ขั้น ๑
        period: fiscal-year
...
""",
]


@st.composite
def files(draw) -> str:
    choice = draw(st.integers(0, 5))
    if choice < 3:
        return Styled(draw(st.randoms(use_true_random=False))).document(draw(reports()))
    if choice == 3:
        return dump_yaml(draw(reports()))
    return draw(st.sampled_from(FIXTURES))


# --- edits -------------------------------------------------------------------------------------

def paths(data, path=()):
    yield path, data
    if isinstance(data, dict):
        for key, value in data.items():
            yield from paths(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from paths(value, (*path, i))


def at(data, path):
    for part in path:
        data = data[part]
    return data


@st.composite
def edits(draw, data):
    """(new data, kind of edit, old path it touches)."""
    new = copy.deepcopy(data)
    places = list(paths(new))
    path, value = draw(st.sampled_from(places[1:]))
    parent = at(new, path[:-1])
    last = path[-1]
    if isinstance(value, list) and draw(st.booleans()):
        op = draw(st.sampled_from(["insert", "delete", "move"] if value else ["insert"]))
        like = value[0] if value else ""
        item = draw(measures(False)) if isinstance(like, dict) else draw(texts)
        if op == "insert":
            value.insert(draw(st.integers(0, len(value))), item)
            return new, "insert", path
        i = draw(st.integers(0, len(value) - 1))
        if op == "delete":
            del value[i]
            return new, "delete", (*path, i)
        moved = value.pop(i)
        value.insert(draw(st.integers(0, len(value))), moved)
        return new, "move", (*path, i)
    if isinstance(value, dict) and draw(st.booleans()):
        absent = [k for k in ("owner", "details", "status", "target", "intro", "district", "x_own", "no")
                  if k not in value]
        if absent and (not value or draw(st.booleans())):
            value[draw(st.sampled_from(absent))] = draw(st.one_of(texts, st.lists(texts, min_size=1, max_size=2)))
            return new, "add", path
        if value:
            key = draw(st.sampled_from(list(value)))
            del value[key]
            return new, "remove", (*path, key)
    parent[last] = draw(st.one_of(texts, texts, st.none(), st.lists(texts, min_size=1, max_size=2),
                                  st.fixed_dictionaries({"from": texts, "to": texts})))
    return new, "set", path


# --- which lines an edit may touch ----------------------------------------------------------------

def touched_lines(text: str, loaded, kind: str, path: tuple, new_data) -> set[int]:
    """0-based line numbers of the old text the edit may change (see the module's docstring)."""
    lines = text.splitlines()
    spots = {**{p: pos for p, pos in loaded.positions.items()},
             **{p: pos for p, pos in loaded.key_positions.items()}}

    def inside(q, p):
        return q[:len(p)] == p

    def stretch(p) -> set[int]:
        first, col = spots[p][0] - 1, spots[p][1] - 1
        if p and isinstance(p[-1], int):  # a list item: its dash's column
            dash = lines[first][:col].rstrip(" ")
            col = len(dash) - 1 if dash.endswith("-") else col
        later = [pos[0] - 1 for q, pos in spots.items() if not inside(q, p) and not inside(p, q)
                 and pos[0] - 1 > first]
        last = min(later) - 1 if later else len(lines) - 1
        while last > first and _is_comment(lines[last]) and _indent(lines[last]) <= col:
            last -= 1
        return set(range(first, last + 1))

    def flow_of(p) -> tuple | None:
        """The outermost [..] or {..} collection holding p."""
        for n in range(len(p)):
            q = p[:n]
            if q in loaded.positions:
                line, col = loaded.positions[q]
                if lines[line - 1][col - 1:col] in ("[", "{"):
                    return q
        return None

    out: set[int] = set()
    flow = flow_of(path) if kind not in ("insert", "add") else flow_of((*path, 0))
    if flow is not None and flow != ():
        out |= stretch(flow)
    container = path if kind in ("insert", "add") else path[:-1]
    if kind in ("insert", "add"):
        if isinstance(at(loaded.data, path), dict):
            first_key = next(iter(at(loaded.data, path)), None)
            if first_key is not None:
                out.add(spots[(*path, first_key)][0] - 1)
        elif not at(loaded.data, path):
            out |= stretch(path)
        return out
    out |= stretch(path)
    if kind in ("delete", "move", "remove"):
        first = min(out)
        while first > 0 and (_is_comment(lines[first - 1]) or not lines[first - 1].strip()):
            first -= 1
            out.add(first)
        last = max(out)
        while last + 1 < len(lines) and not lines[last + 1].strip():
            last += 1
            out.add(last)
    if kind == "remove":
        keys = list(at(loaded.data, container))
        if keys and keys[0] == path[-1] and len(keys) > 1:
            out.add(spots[(*container, keys[1])][0] - 1)
    if not at(new_data, container) if _exists(new_data, container) else False:
        out |= stretch(container)
    return out


def _exists(data, path) -> bool:
    try:
        at(data, path)
    except (KeyError, IndexError, TypeError):
        return False
    return True


def _is_comment(line: str) -> bool:
    return line.lstrip().startswith("#")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def is_subsequence(needles: list[str], hay: list[str]) -> bool:
    it = iter(hay)
    return all(any(n == h for h in it) for n in needles)


PROFILE = settings(max_examples=150, deadline=None,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@PROFILE
@given(st.data())
def test_an_edit_loads_back_and_leaves_every_untouched_line_as_it_was(data):
    text = data.draw(files())
    loaded = load_text(text)
    assert not loaded.diagnostics, text
    new, kind, path = data.draw(edits(loaded.data))
    result = update_text(text, new)
    check = load_text(result)
    assert not check.diagnostics and check.data == new, result
    if kind in ("delete", "move") and at(loaded.data, path[:-1]).count(at(loaded.data, path)) > 1:
        return  # equal items of one list: the data cannot say which of them went (or moved)
    touched = touched_lines(text, loaded, kind, path, new)
    # Lines are compared without their line breaks: the file's last line gains one when lines are added
    # after it, or loses it when it becomes the last of a file without a final line break.
    kept = [line for i, line in enumerate(text.splitlines()) if i not in touched and line.strip()]
    assert is_subsequence(kept, result.splitlines()), (kind, path, result)
    assert_same_line_breaks(text, result)


def assert_same_line_breaks(old: str, new: str) -> None:
    """The file's line break (LF or CRLF) everywhere, and a final one only when the old file had one."""
    crlf = "\r\n" in old
    assert new.count("\r\n") == (new.count("\n") if crlf else 0)
    assert new.endswith("\n") == old.endswith("\n")


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
def test_several_edits_at_once_load_back(data):
    text = data.draw(files())
    new = load_text(text).data
    for _ in range(data.draw(st.integers(2, 4))):
        new, _kind, _path = data.draw(edits(new))
    result = update_text(text, new)
    check = load_text(result)
    assert not check.diagnostics and check.data == new, result


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
def test_merge_takes_each_sides_changes(data):
    base = data.draw(reports())
    ours, _kind, _path = data.draw(edits(base))
    assert merge_data(base, ours, base) == (ours, []) and merge_data(base, base, ours) == (ours, [])
    # ours changes the measures only, theirs the agency only: both changes, no conflict
    mine = copy.deepcopy(base)
    mine["measures"] = data.draw(edits({"measures": base["measures"]}))[0]["measures"]
    theirs = copy.deepcopy(base)
    theirs["agency"] = data.draw(edits({"agency": base["agency"]}))[0]["agency"]
    merged, conflicts = merge_data(base, mine, theirs)
    assert conflicts == [] and merged == {**mine, "agency": theirs["agency"]}
