"""The document's edits applied to a copy of the data it was built from: "theirs" of the three-way
merge, what changed (for the summary) and what could not be placed (notes, printed as warnings)."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from ..messages import Message, joined
from ..update import ABSENT

DataPath = tuple[str | int, ...]

# What the summary counts.
VALUES, MEASURES_ADDED, MEASURES_REMOVED, ROWS_ADDED, ROWS_REMOVED, SIGNERS_ADDED, SIGNERS_REMOVED = (
    "values", "measures+", "measures-", "rows+", "rows-", "signers+", "signers-")


@dataclass(frozen=True)
class Note:
    """What the document shows that could not go back (a deleted row kept, text with no key, ...): where in
    the document, and a message rendered when it is printed."""

    where: Message | str
    text: Message

    @property
    def message(self) -> Message:
        """The note as printed: 'where: text'."""
        return joined([self.where, self.text], ": ") if self.where else self.text

    def __str__(self) -> str:
        return str(self.message)


@dataclass
class Edits:
    """The data being edited (a copy of the base), the counts of what changed and the notes."""

    data: Any
    counts: dict[str, int] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)

    @classmethod
    def of(cls, base: Any) -> Edits:
        return cls(copy.deepcopy(base))

    def count(self, what: str, n: int = 1) -> None:
        if n:
            self.counts[what] = self.counts.get(what, 0) + n

    def note(self, where: Message | str, msgid: str, **args: Any) -> None:
        """A note made of a message marked with N_() where it is defined, and its arguments."""
        self.notes.append(Note(where, Message(msgid).format(**args)))

    def get(self, path: DataPath) -> Any:
        """The value at path, ABSENT when there is none; a text where a list is read as its one item."""
        node = self.data
        for part in path:
            if isinstance(part, int):
                if isinstance(node, str) and part == 0:
                    continue
                if not isinstance(node, list) or part >= len(node):
                    return ABSENT
                node = node[part]
            else:
                if not isinstance(node, dict) or part not in node:
                    return ABSENT
                node = node[part]
        return node

    def set(self, path: DataPath, value: Any) -> bool:
        """Put value at path (ABSENT: remove it); True when that changed the data. A text standing for a
        list of one is replaced as that item; missing mappings on the way are made."""
        if self.get(path) == value:
            return False
        *parents, last = path
        if isinstance(last, int) and isinstance(self.get(tuple(parents)), str):
            return self.set(tuple(parents), value)
        node = self.data
        for i, part in enumerate(parents):
            child = node[part] if (isinstance(part, int) or part in node) else ABSENT
            if child is ABSENT or child is None:
                child = [] if isinstance(path[i + 1], int) else {}
                node[part] = child
            node = child
        if value is ABSENT:
            if isinstance(node, dict):
                node.pop(last, None)
            elif isinstance(last, int) and last < len(node):
                del node[last]
        elif isinstance(last, int) and last >= len(node):
            node.append(value)
        else:
            node[last] = value
        return True

    def change(self, path: DataPath, value: Any) -> None:
        """Set a value the officer changed, and count it."""
        if self.set(path, value):
            self.count(VALUES)
