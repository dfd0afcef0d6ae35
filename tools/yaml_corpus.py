"""The corpus of broken data files: every kind of YAML mistake (ITA150-ITA162, ITA199) made in good files.

Each case takes a good host file (the shipped data file and the kinds' examples), picks a line near
its top, middle or end where the mistake can be made, and changes that line (or a few) the way an
officer would get it wrong. The case records the change and the true line and column of the mistake,
computed from the change itself: tests/test_yaml_corpus.py loads every broken file and checks that
the error is reported with the case's code exactly there.

    python tools/yaml_corpus.py            write tests/data/yaml_corpus.jsonl from the hosts
    python tools/yaml_corpus.py --check    fail when the written corpus is not what the hosts give now
    python tools/yaml_corpus.py --report   load every case; per code, how many are located exactly
    python tools/yaml_corpus.py --write D  write each broken file into folder D, to look at

A case is one JSON line: host, where (top, middle, end), code, mistake, edits ([line, old text,
[new lines]]: the host's line, 1-based, replaced by the new lines), and the true line and col
(1-based, in the broken file).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "yaml_corpus.jsonl"
HOSTS = ("data/measures_2568.yaml", "docs/kinds/columns.yaml", "docs/kinds/plan.yaml", "docs/kinds/progress.yaml")
WHERE = ("top", "middle", "end")

Edit = tuple[int, str, list[str]]   # the host's line (1-based), its text, the lines that replace it


@dataclass(frozen=True)
class Case:
    host: str
    where: str
    code: str
    mistake: str
    edits: list[Edit]
    line: int
    col: int


@dataclass(frozen=True)
class Line:
    """A host line as the mutations see it (0-based index, columns 0-based)."""

    index: int
    text: str
    indent: int
    dash: bool            # starts with '- '
    key: str | None       # 'key' of 'key: value' (after the dash, if any)
    key_col: int          # where the key (or an item's text) starts
    value: str            # the text after 'key: ' (or after '- '), '' for none
    value_col: int
    block: bool           # inside a block scalar (intro: >-)

    @property
    def significant(self) -> bool:
        return bool(self.text.strip()) and not self.text.lstrip().startswith("#") and not self.block

    @property
    def plain(self) -> bool:
        """Its value is a plain text (no quote, bracket or indicator): where a mistake can be typed in."""
        v = self.value
        return (bool(v) and self.significant and v[0] not in "\"'[]{}>|&*!%@`#?-,:" and ": " not in v
                and " #" not in v and not v.endswith(":"))


_SHAPE = re.compile(r"(?P<indent> *)(?P<dash>- +)?(?:(?P<key>[A-Za-z_][A-Za-z0-9_]*):(?: +|$))?(?P<value>.*)")


def read_lines(text: str) -> list[Line]:
    out: list[Line] = []
    block_indent: int | None = None
    for i, text_line in enumerate(text.split("\n")):
        m = _SHAPE.fullmatch(text_line)
        assert m is not None
        indent = len(m.group("indent"))
        in_block = block_indent is not None and (not text_line.strip() or indent > block_indent)
        if not in_block:
            block_indent = None
        value_col = m.start("value")
        key_col = m.start("key") if m.group("key") else value_col
        line = Line(i, text_line, indent, bool(m.group("dash")), m.group("key"), key_col, m.group("value"),
                    value_col, in_block)
        if not in_block and line.key and line.value[:1] in (">", "|"):
            block_indent = indent
        out.append(line)
    return out


def previous(lines: list[Line], index: int) -> Line | None:
    """The significant line before this one."""
    for line in reversed(lines[:index]):
        if line.significant:
            return line
    return None


def following(lines: list[Line], index: int) -> Line | None:
    for line in lines[index + 1:]:
        if line.significant:
            return line
    return None


def replace(line: Line, *new: str) -> Edit:
    return (line.index + 1, line.text, list(new))


Candidate = tuple[list[Edit], int, int]   # the edits, and the true line and col (1-based)
Mutation = Callable[[list[Line]], Iterator[Candidate]]


def _at(line: Line, col: int, *new: str) -> Candidate:
    """One line replaced; the mistake at this 0-based column of it."""
    return [replace(line, *new)], line.index + 1, col + 1


# --- the mistakes ------------------------------------------------------------------------------------

def tab_indent(lines: list[Line]) -> Iterator[Candidate]:
    """The indentation typed with the Tab key."""
    for line in lines:
        if line.significant and line.indent >= 2:
            yield _at(line, 0, "\t" + line.text[2:])


def colon_in_text(lines: list[Line]) -> Iterator[Candidate]:
    """'key: text: more', a ': ' inside a text that is not quoted."""
    for line in lines:
        if line.key and line.plain and " " in line.value:
            col = line.value_col + line.value.index(" ")
            yield _at(line, col, line.text[:col] + ":" + line.text[col:])


def colon_twice_in_item(lines: list[Line]) -> Iterator[Candidate]:
    """'- text: more: more', two ': ' in a list item (one makes a mapping, the second is the error)."""
    for line in lines:
        if line.dash and not line.key and line.plain and line.value.count(" ") >= 2:
            first = line.value_col + line.value.index(" ")
            second = line.value_col + line.value.index(" ", first - line.value_col + 1)
            text = line.text[:first] + ":" + line.text[first:second] + ":" + line.text[second:]
            yield _at(line, second + 1, text)


def indent_less(lines: list[Line]) -> Iterator[Candidate]:
    """A key one space left of the keys beside it."""
    for line in lines:
        before = previous(lines, line.index)
        if line.significant and line.key and not line.dash and line.indent >= 1 and before is not None \
                and before.key and before.key_col == line.indent and before.value:
            yield _at(line, line.indent - 1, line.text[1:])


def indent_more(lines: list[Line]) -> Iterator[Candidate]:
    """A key two spaces right of the key above it, which has its text on its line."""
    for line in lines:
        before = previous(lines, line.index)
        if line.significant and line.key and not line.dash and before is not None and before.key \
                and before.key_col == line.indent and before.plain:
            yield _at(line, line.indent + 2, "  " + line.text)


def item_less(lines: list[Line]) -> Iterator[Candidate]:
    """A list item one space left of the items above it."""
    for line in lines:
        before = previous(lines, line.index)
        if line.significant and line.dash and line.indent >= 1 and before is not None and before.dash \
                and before.indent == line.indent:
            yield _at(line, line.indent - 1, line.text[1:])


def key_among_items(lines: list[Line]) -> Iterator[Candidate]:
    """A key after a list, indented like the list's items."""
    for line in lines:
        before = previous(lines, line.index)
        if line.significant and line.key and not line.dash and before is not None and before.dash \
                and before.indent > line.indent:
            yield _at(line, before.indent, " " * before.indent + line.text.lstrip(" "))


def key_without_colon(lines: list[Line]) -> Iterator[Candidate]:
    """'key text': the ':' after a key forgotten."""
    for line in lines:
        if line.key and line.plain:
            col = line.key_col + len(line.key)
            yield _at(line, line.key_col, line.text[:col] + line.text[col + 1:])


def dash_without_space(lines: list[Line]) -> Iterator[Candidate]:
    """'-text': a list item without its space."""
    for line in lines:
        if line.dash and not line.key and line.plain:
            yield _at(line, line.indent, line.text[:line.indent + 1] + line.text[line.value_col:])


def note_without_hash(lines: list[Line]) -> Iterator[Candidate]:
    """A note written without its '#'."""
    for line in lines:
        stripped = line.text.lstrip(" ")
        note = stripped[1:].strip()
        if stripped.startswith("# ") and not line.block and note and note[0] not in "\"'[]{}>|&*!%@`#?-,:" \
                and ":" not in note and "#" not in note and "$" not in note:
            yield _at(line, line.indent, " " * line.indent + note)


def _prefixed(prefix: str) -> Mutation:
    """A plain text typed with this before it (an opening quote, a character YAML reserves)."""
    def mutation(lines: list[Line]) -> Iterator[Candidate]:
        for line in lines:
            if line.plain:
                yield _at(line, line.value_col, line.text[:line.value_col] + prefix + line.value)
    return mutation


def unclosed_quote_quoted_below(lines: list[Line]) -> Iterator[Candidate]:
    """A text opens '"' and never closes it, and a text a few lines below is quoted right."""
    for line in lines:
        below = [other for other in lines[line.index + 3:line.index + 12] if other.plain]
        if line.plain and below:
            other = below[0]
            yield ([replace(line, line.text[:line.value_col] + '"' + line.value),
                    replace(other, other.text[:other.value_col] + '"' + other.value + '"')],
                   line.index + 1, line.value_col + 1)


def unclosed_bracket(lines: list[Line]) -> Iterator[Candidate]:
    """A list [a, b with no ']' (a written list's last ']' forgotten, or a list started and left open)."""
    for line in lines:
        if line.significant and line.value.startswith("[") and line.value.endswith("]"):
            yield _at(line, line.value_col, line.text[:-1])
        elif line.key and line.plain:
            yield _at(line, line.value_col, line.text[:line.value_col] + "[" + line.value)


def unclosed_brace(lines: list[Line]) -> Iterator[Candidate]:
    """A mapping {from: x, to: y with no '}'."""
    for line in lines:
        if line.significant and line.value.startswith("{") and line.value.endswith("}"):
            yield _at(line, line.value_col, line.text[:-1])


def text_after_quote(lines: list[Line]) -> Iterator[Candidate]:
    """'key: "word" more': the first word quoted, the rest not."""
    for line in lines:
        if line.plain and " " in line.value:
            first, rest = line.value.split(" ", 1)
            yield _at(line, line.value_col + len(first) + 3,
                      f'{line.text[:line.value_col]}"{first}" {rest}')


def text_after_bracket(lines: list[Line]) -> Iterator[Candidate]:
    """'title: [word] more': a text starting with a bracketed word."""
    for line in lines:
        if line.plain and " " in line.value:
            first, rest = line.value.split(" ", 1)
            yield _at(line, line.value_col + len(first) + 3,
                      f"{line.text[:line.value_col]}[{first}] {rest}")


def backslash_in_quotes(lines: list[Line]) -> Iterator[Candidate]:
    """'"text\\more"': a backslash inside double quotes (a Windows path, a document number)."""
    for line in lines:
        if line.plain and " " in line.value:
            first, rest = line.value.split(" ", 1)
            yield _at(line, line.value_col + 1 + len(first),
                      f'{line.text[:line.value_col]}"{first}\\{rest}"')


def item_after_key(lines: list[Line]) -> Iterator[Candidate]:
    """'steps: - text': the first item written on the key's line."""
    for line in lines:
        after = following(lines, line.index)
        if line.significant and line.key and not line.value and after is not None and after.dash \
                and after.index == line.index + 1 and not after.key:
            col = len(line.text) + 1
            yield ([replace(line, line.text + " " + after.text.lstrip(" ")), replace(after)], line.index + 1,
                   col + 1)


def _separator(mark: str) -> Mutation:
    def mutation(lines: list[Line]) -> Iterator[Candidate]:
        for line in lines:
            before = previous(lines, line.index)
            if line.significant and before is not None and (mark == "---" or line.index + 1 < len(lines)):
                yield [replace(line, mark, line.text)], line.index + 1, 1
    mutation.__doc__ = f"a {mark!r} line in the middle of the data"
    return mutation


def undefined_alias(lines: list[Line]) -> Iterator[Candidate]:
    """'owner: *owner': an alias with no anchor."""
    for line in lines:
        if line.plain:
            yield _at(line, line.value_col, f"{line.text[:line.value_col]}*{line.key or 'text'}")


def missing_value(lines: list[Line]) -> Iterator[Candidate]:
    """'[a, , b]': an empty place in a written list or mapping."""
    for line in lines:
        if line.significant and line.value[:1] in "[{" and ", " in line.value:
            col = line.value_col + line.value.index(", ")
            yield _at(line, col + 2, line.text[:col] + ", ," + line.text[col + 1:])


def colon_before_bracket(lines: list[Line]) -> Iterator[Candidate]:
    """'[text:]': a ':' right before a written list's closing bracket (PyYAML's own words)."""
    for line in lines:
        if line.significant and line.value[:1] in "[{" and line.value[-1:] in "]}" and len(line.value) > 2:
            col = len(line.text) - 1
            yield _at(line, col, line.text[:col] + ":" + line.text[col:])


MUTATIONS: list[tuple[str, str, Mutation]] = [
    ("ITA150", "a tab in the indentation", tab_indent),
    ("ITA151", "': ' inside a text", colon_in_text),
    ("ITA151", "': ' twice in a list item", colon_twice_in_item),
    ("ITA152", "a key indented less", indent_less),
    ("ITA152", "a key indented more", indent_more),
    ("ITA152", "a list item indented less", item_less),
    ("ITA152", "a key among list items", key_among_items),
    ("ITA153", "a key without ':'", key_without_colon),
    ("ITA153", "'-' without a space", dash_without_space),
    ("ITA153", "a note without '#'", note_without_hash),
    ("ITA154", "an unclosed double quote", _prefixed('"')),
    ("ITA154", "an unclosed single quote", _prefixed("'")),
    ("ITA154", "an unclosed quote, a quoted text below", unclosed_quote_quoted_below),
    ("ITA155", "an unclosed list", unclosed_bracket),
    ("ITA155", "an unclosed mapping", unclosed_brace),
    ("ITA156", "a text starting with '@'", _prefixed("@")),
    ("ITA156", "a text starting with '%'", _prefixed("%")),
    ("ITA156", "a text starting with '`'", _prefixed("`")),
    ("ITA156", "a text starting with '| '", _prefixed("| ")),
    ("ITA156", "a text starting with '? '", _prefixed("? ")),
    ("ITA157", "a text after a closing quote", text_after_quote),
    ("ITA157", "a text after a closing bracket", text_after_bracket),
    ("ITA158", "a backslash in double quotes", backslash_in_quotes),
    ("ITA159", "a list item after its key", item_after_key),
    ("ITA160", "a second document ('---')", _separator("---")),
    ("ITA160", "an end of document ('...') before more data", _separator("...")),
    ("ITA161", "an undefined alias", undefined_alias),
    ("ITA162", "a missing value in a written list", missing_value),
    ("ITA199", "a ':' before a closing bracket", colon_before_bracket),
]


def apply(text: str, edits: list[Edit]) -> str:
    """The host's text with the edits made (each checked against the line it replaces)."""
    lines = text.split("\n")
    for number, old, new in sorted(edits, key=lambda e: e[0], reverse=True):
        if lines[number - 1] != old:
            raise ValueError(f"line {number} is no longer {old!r}: run python tools/yaml_corpus.py")
        lines[number - 1:number] = new
    return "\n".join(lines)


def _fails(text: str) -> bool:
    try:
        yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return True
    return False


def _pick(candidates: list[Candidate], where: str, text: str) -> Candidate | None:
    """The candidate nearest the top, the middle or the end whose broken file does not load."""
    order = list(range(len(candidates)))
    if where == "end":
        order.reverse()
    elif where == "middle":
        middle = len(candidates) // 2
        order.sort(key=lambda i: (abs(i - middle), i))
    for i in order:
        if _fails(apply(text, candidates[i][0])):
            return candidates[i]
    return None


def make_cases() -> list[Case]:
    cases: list[Case] = []
    for host in HOSTS:
        text = (ROOT / host).read_text(encoding="utf-8")
        lines = read_lines(text)
        for code, mistake, mutation in MUTATIONS:
            candidates = list(mutation(lines))
            chosen: set[int] = set()
            for where in WHERE:
                picked = _pick(candidates, where, text)
                if picked is None or picked[1] in chosen:
                    continue
                chosen.add(picked[1])
                edits, line, col = picked
                cases.append(Case(host, where, code, mistake, edits, line, col))
    return cases


def dumps(cases: list[Case]) -> str:
    return "".join(json.dumps(asdict(case), ensure_ascii=False) + "\n" for case in cases)


def read_corpus(path: Path = CORPUS) -> list[Case]:
    cases = []
    for row in path.read_text(encoding="utf-8").splitlines():
        data = json.loads(row)
        data["edits"] = [(number, old, list(new)) for number, old, new in data["edits"]]
        cases.append(Case(**data))
    return cases


def broken_text(case: Case) -> str:
    return apply((ROOT / case.host).read_text(encoding="utf-8"), case.edits)


def results(cases: list[Case]) -> list[tuple[Case, str, int, int]]:
    """Each case with the code, line and column the loader reports for its broken file."""
    from itareport.loader import load_text

    out = []
    for case in cases:
        diagnostics = load_text(broken_text(case), case.host).diagnostics
        first = diagnostics[0] if diagnostics else None
        out.append((case, first.code if first else "", first.line if first else 0, first.col if first else 0))
    return out


def table(found: list[tuple[Case, str, int, int]]) -> str:
    """Per code: cases, right code, located exactly (code, line and column)."""
    total, coded, exact = Counter(), Counter(), Counter()
    for case, code, line, col in found:
        total[case.code] += 1
        coded[case.code] += code == case.code
        exact[case.code] += (code, line, col) == (case.code, case.line, case.col)
    rows = ["code     cases  right code  located exactly"]
    rows += [f"{code}  {total[code]:5}  {coded[code]:10}  {exact[code]:15}" for code in sorted(total)]
    rows.append(f"all     {sum(total.values()):5}  {sum(coded.values()):10}  {sum(exact.values()):15}")
    return "\n".join(rows)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--report", action="store_true")
    parser.add_argument("--write", metavar="FOLDER", type=Path)
    args = parser.parse_args(argv)
    if args.check:
        if CORPUS.read_text(encoding="utf-8") != dumps(make_cases()):
            print(f"{CORPUS.relative_to(ROOT)} is out of date: run python tools/yaml_corpus.py", file=sys.stderr)
            return 1
        return 0
    if args.report:
        found = results(read_corpus())
        print(table(found))
        for case, code, line, col in found:
            if (code, line, col) != (case.code, case.line, case.col):
                print(f"  {case.host} {case.where} {case.mistake}: expected {case.code} at {case.line}:{case.col},"
                      f" got {code} at {line}:{col}")
        return 0
    if args.write:
        args.write.mkdir(parents=True, exist_ok=True)
        for i, case in enumerate(read_corpus(), start=1):
            name = f"{i:03}-{case.code}-{Path(case.host).stem}-{case.where}.yaml"
            (args.write / name).write_text(broken_text(case), encoding="utf-8")
        return 0
    CORPUS.write_text(dumps(make_cases()), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
