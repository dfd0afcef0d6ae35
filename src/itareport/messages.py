"""Messages rendered where they are printed: a msgid and its arguments, translated only when shown.

A `Message` is plain data (picklable, hashable): the English msgid, its arguments (which may be
Messages themselves, such as a " (did you mean X?)" hint), and for counted words the plural msgid
and the count. `render(language)` translates it with that language's catalog and fills in the
arguments, each nested Message in the same language; `str()` renders it in the current language
(i18n.set_language). So a message made in a worker process, or while another language was chosen,
comes out in the language of the place that prints it.

    M_("{path}: cannot read: {error}", path=path, error=text)     a message (the msgid is extracted)
    Mn_("{n} error", "{n} errors", n)                              a counted one (n is an argument)
    verbatim(text)                                                 a text that is never translated
    joined([a, b, c], M_(" or "))                                  parts rendered and joined

The messages of diagnostics are the templates of their codes (codes.message); the rest are made
with M_() where they are raised or collected.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from .i18n import catalog, language

Args = tuple[tuple[str, Any], ...]


@dataclass(frozen=True)
class Message:
    """A msgid and its arguments, translated when rendered; `code` when it is a diagnostic code's template."""

    msgid: str
    args: Args = ()
    plural: str | None = None   # the plural msgid of a counted message (ngettext)
    n: int = 1                  # the count that picks the plural form
    literal: bool = False       # the msgid is the text itself, never looked up (data, a joined list)
    code: str = ""              # the diagnostic code whose template this is (codes.message)

    def render(self, language: str | None = None) -> str:
        """The text in this language ('th', 'en'; None: the current one)."""
        if self.literal:
            text = self.msgid
        else:
            translations = catalog(language or current_language())
            text = (translations.gettext(self.msgid) if self.plural is None
                    else translations.ngettext(self.msgid, self.plural, self.n))
        if not self.args:
            return text
        return text.format(**{name: render_value(value, language) for name, value in self.args})

    def __str__(self) -> str:
        return self.render()

    def format(self, **args: Any) -> Message:
        """The message with these arguments added (as str.format fills in a translated text)."""
        return replace(self, args=(*self.args, *args.items()))

    def __radd__(self, other: str) -> Message:
        """A text before a message (the text shown as it is)."""
        return replace(joined([other, self]), code=self.code)

    def arguments(self) -> dict[str, Any]:
        """The arguments by name (nested Messages as they are)."""
        return dict(self.args)

    def __add__(self, other: Message | str) -> Message:
        """Two messages printed one after the other (each translated on its own); the code is the first's."""
        return replace(joined([self, other]), code=self.code)


def render_value(value: Any, language: str | None = None) -> Any:
    """An argument as str.format takes it: a Message rendered in the language, anything else as it is."""
    return value.render(language) if isinstance(value, Message) else value


def current_language() -> str:
    return language()


def M_(msgid: str, /, **args: Any) -> Message:
    """A message to translate when it is printed; tools/catalog.py extracts its msgid."""
    return Message(msgid, tuple(args.items()))


def Mn_(singular: str, plural: str, n: int, /, **args: Any) -> Message:
    """A counted message ('{n} error' / '{n} errors'): the form is picked for n when it is printed."""
    return Message(singular, (("n", n), *args.items()), plural, n)


def verbatim(text: str) -> Message:
    """A text shown as it is in every language (data, a program's own words, an already-made text)."""
    return Message(text, literal=True)


def as_message(text: Message | str) -> Message:
    """A Message as it is; a str (from code not converted yet, or data) shown verbatim."""
    return text if isinstance(text, Message) else verbatim(text)


def joined(parts: Iterable[Message | str], separator: Message | str = "") -> Message:
    """The parts rendered one after the other, with the separator between them."""
    names, args = [], []
    for i, part in enumerate(parts):
        names.append(f"{{p{i}}}")
        args.append((f"p{i}", part))
    args.append(("sep", separator))
    return Message("{sep}".join(names), tuple(args), literal=True)


def render_text(text: Message | str, language: str | None = None) -> str:
    """A Message rendered in the language; a str as it is."""
    return text.render(language) if isinstance(text, Message) else text
