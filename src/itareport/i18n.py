"""Messages in the user's language: gettext with the catalogs in itareport/locale.

Source texts (msgids) are English; the Thai catalog is locale/th/LC_MESSAGES/itareport.po,
compiled to .mo with Babel (tools/catalog.py). Call set_language() once, before any message
is made; `_("...")` translates a message, `N_("...")` marks one for extraction that is
translated later (module-level constants), `ngettext` picks a plural form.

The language: `--lang th|en`, else ITAREPORT_LANG, else the locale variables LC_ALL,
LC_MESSAGES, LANG, LANGUAGE (Thai when the first one set starts with 'th'), else the
system locale (Windows names it 'Thai_Thailand', with no LANG), else English.
"""

from __future__ import annotations

import gettext
import locale
import os
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from pathlib import Path

DOMAIN = "itareport"
LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("th", "en")
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def translation(language: str) -> gettext.NullTranslations:
    """The catalog of a language ('en': the English msgids as they are)."""
    if language not in LANGUAGES or language == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True)


@cache
def catalog(language: str) -> gettext.NullTranslations:
    """The catalog of a language, read once (messages.Message renders with it)."""
    return translation(language)


def set_language(language: str) -> None:
    """Use the catalog of this language ('th' or 'en') for every message from now on (and for the
    Messages rendered without a language)."""
    global _translation, _language
    _language = language if language in LANGUAGES else "en"
    _translation = catalog(_language)


def language() -> str:
    return _language


def _is_thai(name: str | None) -> bool:
    """'th', 'th_TH.UTF-8', 'Thai_Thailand.874', 'Thai' are Thai; 'C', 'en_US' are not."""
    return name is not None and name.strip().lower().startswith("th")


def known_language(value: str) -> str | None:
    """'th' or 'en' for a language name people write (th, th_TH.UTF-8, Thai_Thailand, en, en_US, English);
    None for any other."""
    name = value.strip().lower()
    if _is_thai(name):
        return "th"
    return "en" if name.startswith(("en", "c.", "posix")) or name == "c" else None


def lang_argument(argv: Sequence[str]) -> str | None:
    """The value of --lang (or --lang=X) in the arguments, wherever it is; None when absent."""
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def detect_language(argv: Sequence[str] = (), environ: Mapping[str, str] | None = None,
                    system_locale: Callable[[], tuple[str | None, str | None]] | None = None) -> str:
    """'th' or 'en': --lang, ITAREPORT_LANG, the locale variables, the system locale, English."""
    environ = os.environ if environ is None else environ
    chosen = lang_argument(argv)
    if chosen is not None and known_language(chosen):  # an unknown --lang: warned about (cli.py), then ignored
        return known_language(chosen) or "en"
    chosen = environ.get("ITAREPORT_LANG", "")
    if chosen.strip():
        return "th" if _is_thai(chosen) else "en"
    for name in LOCALE_VARIABLES:
        value = environ.get(name, "")
        if value:  # the first one set decides, as in gettext (LANGUAGE may list several: th:en)
            return "th" if _is_thai(value.split(":")[0]) else "en"
    try:
        system = (system_locale or locale.getlocale)()[0]
    except (ValueError, TypeError):
        system = None
    return "th" if _is_thai(system) else "en"


def _(message: str) -> str:
    return _translation.gettext(message)


def N_(message: str) -> str:
    """Mark a message for extraction without translating it yet."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)
