"""The registry of diagnostic codes: one stable code per kind of problem, the same in every language.

Ranges: ITA1xx the file itself (encoding, control characters, YAML syntax, what the loader
refuses); ITA2xx the schema (keys, types, values); ITA3xx semantic checks and warnings of
validate and new-year; ITA4xx lint; ITA5xx import warnings; ITA6xx document kinds and columns.
Each code has a one-line English description (a msgid: the README table shows it with its Thai).
Other modules add their codes here, in their range.
"""

from __future__ import annotations

from .i18n import N_, translation

CODES: dict[str, str] = {
    # the file (loader.py)
    "ITA101": N_("the file is not UTF-8 text (UTF-16, TIS-620 or another encoding)"),
    "ITA102": N_("a control character that no report text may hold"),
    "ITA103": N_("YAML syntax error"),
    "ITA104": N_("the file holds no data"),
    "ITA105": N_("a YAML tag (!something): only plain data is read"),
    "ITA106": N_("a merge key (<<) or a list or mapping used as a key"),
    "ITA107": N_("a key written twice in the same mapping"),
    "ITA108": N_("too many values, too deep, or a recursive alias"),
    # the schema (validate.py, model.py)
    "ITA201": N_("the whole file is not a mapping of keys"),
    "ITA202": N_("a required key is missing"),
    "ITA203": N_("an unknown key (often a typo of a known one)"),
    "ITA204": N_("a value of the wrong kind: text, list or mapping"),
    "ITA205": N_("a period that is neither fiscal-year nor a from-to mapping"),
    "ITA206": N_("a value that is not one of the allowed words"),
    "ITA207": N_("an empty list where at least one item is needed"),
    "ITA208": N_("an empty text"),
    "ITA209": N_("a control character inside a text"),
    "ITA210": N_("a period whose 'from' comes after its 'to'"),
    "ITA211": N_("a year that is not a Buddhist-era year"),
    "ITA212": N_("a month not written as YYYY-MM in the Buddhist era"),
    "ITA213": N_("a data format version other than 1"),
    "ITA219": N_("another schema error"),
    # semantic checks and warnings (validate.py, scaffold.py)
    "ITA301": N_("a month outside the report's fiscal year"),
    "ITA302": N_("results or outcomes not filled in yet"),
    "ITA303": N_("HTML markup left over from a web page or Word"),
    "ITA304": N_("new-year: a text that mentions the previous fiscal year"),
    "ITA305": N_("new-year: the ITA item code may be numbered differently"),
}


def markdown_table() -> str:
    """The README's table of codes: code, Thai line, English line (tests/test_codes.py keeps them equal)."""
    thai = translation("th").gettext
    rows = ["| code | ความหมาย | meaning |", "|---|---|---|"]
    rows += [f"| {code} | {thai(text)} | {text} |" for code, text in sorted(CODES.items())]
    return "\n".join(rows) + "\n"
