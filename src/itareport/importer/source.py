"""What the readers produce: the paragraphs around the measures table and its rows, each cell
assigned to one of the six official columns by its header (SourcePara, Cell, SourceRow, Source), and
what import gives back (ImportResult)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import placeholders
from ..errors import Diagnostic
from ..messages import Message

MAX_SOURCE_BYTES = 50 * 1024 * 1024
MAX_PART_BYTES = 200 * 1024 * 1024
FIELDS = ("title", "steps", "owner", "period", "results", "outcomes")
PLACEHOLDER = placeholders.MISSING
OTHER = "other"   # the cells of a column none of the six: SourceRow.cells[(OTHER, header)]


@dataclass
class SourcePara:
    """A paragraph as read: its text (labels included), Word list numbering and style."""

    text: str
    numbering: str | None = None   # 'number' or 'bullet' when Word numbers the paragraph
    style: str | None = None
    where: Message | str = ""   # where it stands in the source, for messages


@dataclass
class Cell:
    paras: list[SourcePara] = field(default_factory=list)
    merged: bool = False           # continues the cell above (vertically merged)

    @property
    def empty(self) -> bool:
        return not any(p.text.strip() for p in self.paras)


@dataclass
class SourceRow:
    cells: dict[str | tuple[str, str], Cell]
    where: Message | str
    extra: list[tuple[str, str]] = field(default_factory=list)   # (column header, text) of other columns
    section: str | None = None     # one cell across the whole row: a heading, not a measure


@dataclass
class Source:
    name: str
    before: list[SourcePara] = field(default_factory=list)
    rows: list[SourceRow] = field(default_factory=list)
    after: list[SourcePara] = field(default_factory=list)
    stray: list[tuple[Message | str, str]] = field(default_factory=list)   # (where, text) of unread text
    number_column: bool = False
    notes: list[tuple[Message | str, Message | str]] = field(default_factory=list)   # (where, what was not read)
    header: list[tuple[str | None, str]] = field(default_factory=list)   # (field, header text) of each column


@dataclass
class ImportResult:
    yaml_text: str
    warnings: list[Diagnostic]
    data: dict
    summary: Message | str = ""   # what was read and what is left to check, one line
