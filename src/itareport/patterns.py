"""Text patterns shared across layers (a leaf: imports nothing of itareport).

CONTROL_CHARS: characters XML 1.0 cannot hold, and C1 controls, never valid in a report text
(the loader blanks them, the model refuses them, import turns them into spaces).
ELEMENT_TAG, HTML_TAG: markup left over from a web page or Word (import strips tags; validate and
lint warn about tags and entities). URL_OR_LATIN: what Thai digits never replace.
compiled(): a pattern compiled when first used, for the few that take milliseconds to compile.
"""

from __future__ import annotations

import re
from functools import cache

CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")

# An HTML or XML element's tag (<p>, </ul>, <br/>, <span class="x">).
ELEMENT_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
# A tag or a character entity (&nbsp; &#160; &#xA0;).
HTML_TAG = re.compile(rf"{ELEMENT_TAG.pattern}|&(?:[a-z]+|#\d+|#x[0-9a-fA-F]+);")

# Left alone by thai.thai_numerals: web and mail addresses, and Latin words that
# contain digits (O26, ISO9001, COVID-19 keeps "COVID" but converts "19").
URL_OR_LATIN = re.compile(r"(?:https?|ftp)://\S+|www\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
                          r"|[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*")

# A web address written in a text: with its scheme, from www., or a bare Thai domain (khoksung.go.th/x).
WEB_ADDRESS = re.compile(r"(?:https?://|www\.)[^\s<>\"'()]+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:go|or|ac|co|in|mi)\.th"
                         r"(?:/[^\s<>\"'()]*)?", re.I)


@cache
def compiled(pattern: str) -> re.Pattern[str]:
    """The pattern, compiled on its first use and kept. For patterns that take milliseconds to compile (wide
    character ranges, long Thai alternatives) in modules that start-up imports for every command but only
    some commands match with (start-up time: benchmarks/startup.py)."""
    return re.compile(pattern)
