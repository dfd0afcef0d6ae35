"""YAML syntax errors explained: what PyYAML (or libyaml) refused, said as what to do about it.

Each error PyYAML's scanner and parser can report (in libyaml's words and in PyYAML's own)
is mapped to a code ITA150-ITA162 and advice, located where the mistake is (where a quote or
bracket opened, the start of a wrongly indented line), not where the parser gave up. Where the
parser gave up can be far below the mistake: a quote left open runs on to the next quote in the
file, a line without its ':' runs on into the key below it. The tokens PyYAML's scanner read
before the error tell where such a text started. Anything else keeps PyYAML's words under ITA199.
tests/test_yaml_corpus.py checks every code on a corpus of broken files (tools/yaml_corpus.py).
"""

from __future__ import annotations

import re
from typing import Protocol

import yaml

from . import codes
from .errors import Diagnostic
from .messages import M_, Message, joined
from .snippet import source_lines

_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*[ \t]*:(?=[ \t]|$)")   # a key of our schema, as written
_ITEM = re.compile(r"(?:-[ \t]+)+")
# A line that starts a key, a list item or a comment: inside a quoted text it means the quote ran on past its end.
_STRUCTURE = re.compile(r"[ \t]*(?:#|-(?:[ \t]|$)|[A-Za-z_][A-Za-z0-9_-]*[ \t]*:(?:[ \t]|$))")


class _Source:
    def __init__(self, text: str):
        self.lines = source_lines(text)

    def line(self, index: int) -> str:
        return self.lines[index] if 0 <= index < len(self.lines) else ""

    def char(self, mark: yaml.Mark) -> str:
        line = self.line(mark.line)
        return line[mark.column] if 0 <= mark.column < len(line) else ""


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _value_start(line: str) -> int:
    """Where the text of a line starts: after its indentation, list dashes and schema key."""
    pos = _indent(line)
    m = _ITEM.match(line, pos)
    if m:
        pos = m.end()
    m = _KEY.match(line, pos)
    if m:
        pos = m.end()
        while pos < len(line) and line[pos] in " \t":
            pos += 1
    return pos


def quoted(text: str) -> str:
    """A text in the quotes YAML reads back as that text."""
    if '"' in text and "'" not in text:
        return "'" + text + "'"
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _quoted_line(line: str, start: int) -> str:
    """The line with its text from start quoted: 'intro: "ผล: ดี"'."""
    return (line[:start] + quoted(line[start:].strip())).strip()


def _block_columns(src: _Source, index: int) -> list[tuple[int, int]]:
    """(column, line) of every key or list item still open at line index, innermost first (1-based)."""
    out: list[tuple[int, int]] = []
    limit = None
    for i in range(index - 1, -1, -1):
        line = src.line(i)
        stripped = line.strip()
        if not stripped or stripped.startswith("#") or "\t" in line[:_indent(line) + 1]:
            continue
        starts = [_indent(line)]
        m = _ITEM.match(line, starts[0])
        if m and _KEY.match(line, m.end()):
            starts.append(m.end())
        for col in reversed(starts):
            if limit is None or col < limit:
                out.append((col + 1, i + 1))
                limit = col
        if limit == 0:
            break
    return out


def _columns_hint(src: _Source, index: int, col: int) -> Message:
    choices = [c for c in _block_columns(src, index) if c[0] != col]
    choices = sorted(choices, key=lambda c: (abs(c[0] - col), -c[0]))[:2]
    if not choices:
        return M_("column 1")
    return joined([M_("column {col} (like line {line})", col=c, line=n) for c, n in choices], M_(" or "))


def _indentation(src: _Source, index: int, kind: str = "") -> tuple[int, int, Message, str]:
    """A line at a column no open key or list item has; kind 'list' (among items) or 'deeper' (read as text)."""
    line = src.line(index)
    col = _indent(line) + 1
    where = _columns_hint(src, index, col)
    if kind == "list":
        message = codes.message("ITA152", "list", where=where)
    elif kind == "deeper":
        message = codes.message("ITA152", "deeper", where=where)
    else:
        message = codes.message("ITA152", col=col, where=where)
    return index + 1, col, message, "ITA152"


class _Scanner(Protocol):
    """What _tokens_before uses of PyYAML's scanner (its stubs leave get_token untyped)."""

    tokens: list[yaml.Token]

    def check_token(self, *choices: type[yaml.Token]) -> bool: ...
    def get_token(self) -> yaml.Token: ...
    def dispose(self) -> None: ...


def _tokens_before(src: _Source, mark: yaml.Mark) -> list[yaml.Token]:
    """The tokens PyYAML's own scanner reads before the mark, as far as it gets (an error stops it)."""
    scanner: _Scanner = yaml.SafeLoader("\n".join(src.lines[:mark.line + 1]))
    found: list[yaml.Token] = []
    try:
        while not scanner.check_token(yaml.StreamEndToken):
            found.append(scanner.get_token())
    except yaml.YAMLError:
        found.extend(scanner.tokens)
    finally:
        scanner.dispose()
    return [t for t in found if (t.start_mark.line, t.start_mark.column) < (mark.line, mark.column)]


def _runs_over_structure(src: _Source, first: int, last: int) -> bool:
    """Whether lines first+1 .. last (0-based) start a key or a list item."""
    return any(_STRUCTURE.match(src.line(index)) for index in range(first + 1, last + 1))


def _run_on(src: _Source, exc: yaml.MarkedYAMLError, mark: yaml.Mark) -> tuple[int, int, Message, str] | None:
    """A mistake above the place the parser gave up: a quote left open that ran on over keys and list
    items to the next quote in the file; a line without ':' that ran on into the key below it; a line of
    text before the data (a note without '#'); '...' (the end of the data) followed by more data."""
    problem, context = exc.problem or "", exc.context or ""
    start = exc.context_mark
    if "quoted scalar" in context and start is not None and _runs_over_structure(src, start.line, mark.line):
        return start.line + 1, start.column + 1, codes.message("ITA154", quote=src.char(start) or '"'), "ITA154"
    tokens = _tokens_before(src, mark)
    for token in tokens:
        if isinstance(token, yaml.ScalarToken) and token.style in ("'", '"') and _runs_over_structure(
                src, token.start_mark.line, token.end_mark.line):
            opened = token.start_mark
            return opened.line + 1, opened.column + 1, codes.message("ITA154", quote=src.char(opened)), "ITA154"
    scalars = [t for t in tokens if isinstance(t, yaml.ScalarToken)]
    if problem.startswith("mapping values are not allowed") and scalars and not scalars[-1].style:
        text = scalars[-1].start_mark   # a text that ran on to this key: a line above without its ':'?
        before = src.line(text.line)[:text.column]
        if text.line < mark.line and (not before.strip() or (
                _ITEM.fullmatch(before.lstrip(" ")) and _indent(src.line(mark.line)) <= text.column)):
            return text.line + 1, text.column + 1, codes.message("ITA153"), "ITA153"
    if "document start" in problem:
        above = [i for i in range(mark.line) if src.line(i).strip() and not src.line(i).lstrip().startswith("#")]
        if above and src.line(above[-1]).rstrip() == "...":
            return above[-1] + 1, 1, codes.message("ITA160"), "ITA160"
        content = [t for t in tokens if not isinstance(t, (yaml.StreamStartToken, yaml.DirectiveToken,
                                                              yaml.DocumentStartToken))]
        if content and isinstance(content[0], yaml.ScalarToken) and not content[0].style:
            text = content[0].start_mark
            return text.line + 1, text.column + 1, codes.message("ITA153"), "ITA153"
    return None


def explain(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, int, Message, str]:
    """(line, column, message, code) of a YAML error, 1-based, the message with what to do."""
    src = _Source(text)
    problem, context = exc.problem or "", exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    if mark is None:
        return 1, 1, codes.message("ITA199", problem=" ".join(s for s in (context, problem) if s)), "ITA199"
    start = exc.context_mark or mark
    at = (mark.line + 1, mark.column + 1)
    opened = (start.line + 1, start.column + 1)
    line = src.line(mark.line)
    above = _run_on(src, exc, mark)
    if above is not None:
        return above

    if "tab character" in problem or ("cannot start any token" in problem and src.char(mark) == "\t"):
        return (*at, codes.message("ITA150"), "ITA150")
    if problem.startswith("mapping values are not allowed"):
        value = _value_start(line)
        if value <= mark.column:
            return (*at, codes.message("ITA151", fixed=_quoted_line(line, value)), "ITA151")
        return _indentation(src, mark.line, "deeper")
    if context.startswith("while parsing a block") and (
            problem.startswith(("did not find expected key", "did not find expected '-'", "expected <block end>"))):
        if mark.column > _indent(line):
            value = _value_start(line)
            return (*at, codes.message("ITA157", char=_closing(line[value:mark.column]),
                                       fixed=_quoted_line(line, value)), "ITA157")
        return _indentation(src, mark.line, "list" if "'-'" in problem or "'?'" in problem else "")
    if context == "while scanning a simple key" and "expected ':'" in problem:
        key_line = src.line(start.line)
        if re.match(r"-[^ \t-]", key_line[start.column:]):
            return (*opened, codes.message("ITA153", "dash", text=key_line[start.column + 1:].strip()), "ITA153")
        return (*opened, codes.message("ITA153"), "ITA153")
    if context == "while scanning a quoted scalar" or (
            "quoted scalar" in context and "end of stream" in problem):
        return (*opened, codes.message("ITA154", quote=src.char(start) or '"'), "ITA154")
    # a ':' just before the closing bracket (pure PyYAML calls it a flow error; libyaml, as ITA199, says where it is)
    colon_closing = "got ':'" in problem and src.line(mark.line)[mark.column + 1:mark.column + 2] in ("]", "}")
    if context.startswith(("while parsing a flow sequence", "while parsing a flow mapping")) and not colon_closing:
        bracket = src.char(start) or ("[" if "sequence" in context else "{")
        closing = {"[": "]", "{": "}"}.get(bracket, "]")
        return (*opened, codes.message("ITA155", open=f"'{bracket}'", close=f"'{closing}'"), "ITA155")
    reserved = _reserved_start(src, exc, context, problem)
    if reserved is not None:
        index, column = reserved
        line = src.line(index)
        return (index + 1, column + 1, codes.message("ITA156", char=f"'{line[column:column + 1]}'",
                                                     fixed=_quoted_line(line, column)), "ITA156")
    if context == "while parsing a flow node":
        return (*at, codes.message("ITA162", char=f"'{src.char(mark) or ','}'"), "ITA162")
    if "escape" in problem and "quoted scalar" in context:   # at the backslash (pure PyYAML marks the next char)
        slash = src.line(mark.line).rfind("\\", 0, mark.column + 1)
        return (mark.line + 1, (slash if slash >= 0 else mark.column) + 1, codes.message("ITA158"), "ITA158")
    if "sequence entries are not allowed" in problem:
        return (*at, codes.message("ITA159"), "ITA159")
    if "single document" in context or "document start" in problem:
        return (*at, codes.message("ITA160"), "ITA160")
    m = re.match(r"found undefined alias '?([^']*)'?", problem)
    if m:
        return (*at, codes.message("ITA161", name=m.group(1)), "ITA161")
    return (*at, codes.message("ITA199", problem=" ".join(s for s in (context, problem) if s)), "ITA199")


def _closing(text: str) -> str:
    pairs = {'"': '"', "'": "'", "[": "]", "{": "}"}
    first = text[:1]
    return pairs.get(first, '"')


def _reserved_start(src: _Source, exc: yaml.MarkedYAMLError, context: str, problem: str) -> tuple[int, int] | None:
    """(line, column), 0-based, of a text that starts with a character YAML reserves: @ ` % * & ! | > , ] }."""
    if ("cannot start any token" in problem or "mapping keys are not allowed" in problem) \
            and exc.problem_mark is not None:   # '?' starts a key in YAML
        return exc.problem_mark.line, exc.problem_mark.column
    if exc.context_mark is not None and context.startswith((
            "while scanning a directive", "while scanning an alias", "while scanning an anchor",
            "while scanning a tag", "while parsing a tag", "while scanning a block scalar",
            "while parsing a block node", "while parsing a node")):
        return exc.context_mark.line, exc.context_mark.column
    return None


def syntax_diagnostic(exc: yaml.MarkedYAMLError, text: str, name: str) -> Diagnostic:
    line, col, message, code = explain(exc, text)
    return Diagnostic(name, line, col, "error", "", M_(codes.YAML_SYNTAX, explanation=message), code)
