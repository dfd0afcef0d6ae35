"""Messages in the user's language: gettext with the catalogs in itareport/locale.

Source texts (msgids) are English; the Thai catalog is locale/th/LC_MESSAGES/itareport.po,
compiled to .mo with Babel. Call set_language() once, before any message is made;
`_("...")` translates a message, `N_("...")` marks one for extraction that is translated
later (module-level constants), `ngettext` picks a plural form.
"""

from __future__ import annotations

import gettext
from pathlib import Path

DOMAIN = "itareport"
LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("th", "en")

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def set_language(language: str) -> None:
    """Use the catalog of this language ('th' or 'en') for every message from now on."""
    global _translation, _language
    _language = language if language in LANGUAGES else "en"
    if _language == "en":
        _translation = gettext.NullTranslations()
    else:
        _translation = gettext.translation(DOMAIN, LOCALE_DIR, languages=[_language], fallback=True)


def language() -> str:
    return _language


def _(message: str) -> str:
    return _translation.gettext(message)


def N_(message: str) -> str:
    """Mark a message for extraction without translating it yet."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)
