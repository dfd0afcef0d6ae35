"""The registry of diagnostic codes: one stable code per kind of problem, the same in every language.

Ranges: ITA1xx the file itself (encoding, control characters, YAML syntax, what the loader
refuses); ITA2xx the schema (keys, types, values); ITA3xx semantic checks and warnings of
validate and new-year; ITA4xx lint; ITA5xx import warnings; ITA6xx document kinds and columns;
ITA7xx build --check (a report out of date or missing).
Each code has a one-line English description (a msgid: the README table shows it with its Thai).
Other modules add their codes here, in their range.
"""

from __future__ import annotations

from .i18n import N_, translation

CODES: dict[str, str] = {
    # the file (loader.py)
    "ITA101": N_("the file is not UTF-8 text (UTF-16, TIS-620 or another encoding)"),
    "ITA102": N_("a control character that no report text may hold"),
    "ITA104": N_("the file holds no data"),
    "ITA105": N_("a YAML tag (!something): only plain data is read"),
    "ITA106": N_("a merge key (<<) or a list or mapping used as a key"),
    "ITA107": N_("a key written twice in the same mapping"),
    "ITA108": N_("too many values, too deep, or a recursive alias"),
    # YAML syntax errors explained (yaml_errors.py)
    "ITA150": N_("a tab character in the indentation: YAML indents with spaces only"),
    "ITA151": N_("': ' inside a text that is not in quotes, so YAML reads a key"),
    "ITA152": N_("a line that starts in line with no key or list item above it"),
    "ITA153": N_("a line that is neither 'key: value' nor a list item '- text'"),
    "ITA154": N_("a quote that is opened and never closed"),
    "ITA155": N_("a bracket or brace that is opened and never closed"),
    "ITA156": N_("a text that starts with a character YAML reserves, not in quotes"),
    "ITA157": N_("a text that goes on after its closing quote or bracket"),
    "ITA158": N_("a backslash inside double quotes that starts no known escape"),
    "ITA159": N_("a list item '- ' on the same line as its key"),
    "ITA160": N_("a second YAML document ('---' or '...') in the file"),
    "ITA161": N_("an alias *name with no anchor &name above it"),
    "ITA162": N_("a value missing where YAML expects one"),
    "ITA199": N_("another YAML syntax error"),
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
    "ITA214": N_("a date not written as YYYY-MM-DD in the Buddhist era (or 'blank')"),
    "ITA219": N_("another schema error"),
    "ITA290": N_("a text read as a mapping because of ': ' inside it"),
    "ITA291": N_("a period written in a way that cannot be read"),
    # semantic checks and warnings (validate.py, scaffold.py)
    "ITA301": N_("a month outside the report's fiscal year"),
    "ITA302": N_("results or outcomes not filled in yet"),
    "ITA303": N_("HTML markup left over from a web page or Word"),
    "ITA304": N_("new-year: a text that mentions the previous fiscal year"),
    "ITA305": N_("new-year: the ITA item code may be numbered differently"),
    "ITA306": N_("new-year: a period that stays outside the new fiscal year"),
    "ITA307": N_("new-year --agency: the old agency's name or place replaced in a text"),
    "ITA308": N_("new-year --agency: a signer or web address of the old agency cleared, to fill in"),
    "ITA390": N_("example text from 'itareport init' not replaced yet"),
    "ITA391": N_("a period with a Christian-era year, read as Buddhist era"),
    # lint (lint.py, lint_rules.py)
    "ITA401": N_("lint: a word that is not in the Thai dictionary"),
    "ITA402": N_("lint: a word that looks like a misspelt one"),
    "ITA403": N_("lint: a word written twice in a row"),
    "ITA404": N_("lint: a space inside a word"),
    "ITA405": N_("lint: HTML left over from a web page"),
    "ITA406": N_("lint: a number that would print in Thai digits among Arabic ones"),
    "ITA407": N_("lint: a repeated punctuation mark"),
    "ITA408": N_("lint: a Latin or look-alike letter inside a Thai word"),
    "ITA409": N_("lint: an invisible character"),
    "ITA410": N_("lint: stray letters between Thai words"),
    # import warnings (importer/)
    "ITA501": N_("import: no fiscal year in the title; guessed from the periods or the current year"),
    "ITA502": N_("import: text after the table that was not understood"),
    "ITA503": N_("import: a row across the whole table (a heading)"),
    "ITA504": N_("import: a measure without a title in the source"),
    "ITA505": N_("import: the source numbers a measure differently"),
    "ITA506": N_("import: a row without an activity title of its own"),
    "ITA507": N_("import: an activity without steps in the source"),
    "ITA508": N_("import: an activity without an owner in the source"),
    "ITA509": N_("import: a column that is not one of the official ones, kept as a comment"),
    "ITA510": N_("import: an activity without a period in the source"),
    "ITA511": N_("import: a period that was not understood"),
    "ITA512": N_("import: a Christian-era year turned into the Buddhist era"),
    "ITA513": N_("import: no agency name above the table"),
    "ITA514": N_("import: a title line that itareport does not write"),
    "ITA515": N_("import: text outside the measures table"),
    "ITA516": N_("import: what a reader could not read (rotated text, glyphs without letters, images, unsaved "
                 "formulas, other sheets)"),
    "ITA520": N_("a leftover of import to check: delete its item under review: once checked"),
    "ITA521": N_("a text itareport wrote where the source had nothing, not replaced yet"),
    "ITA522": N_("import: a signer without a name or position in the source"),
    "ITA523": N_("import: a signing date line that was not understood, or several different dates"),
    # document kinds and columns (kinds_check.py)
    "ITA601": N_("a row key that no column declares"),
    "ITA602": N_("an unknown column type"),
    "ITA603": N_("a column key declared twice"),
    "ITA604": N_("a column key not made of letters, digits and '_'"),
    "ITA605": N_("a column width that is not above 0"),
    "ITA606": N_("an amount or number that cannot be read"),
    "ITA607": N_("a status that is not one of the allowed words"),
    "ITA608": N_("a score outside 0 to 100"),
    "ITA609": N_("a total on a column that is not money or number"),
    "ITA610": N_("a declared column that no measure fills"),
    "ITA611": N_("'round' outside a progress-report"),
    "ITA612": N_("a period in a column of your own that cannot be read"),
    # build --check (commands/build.py): the committed reports against their data files
    "ITA701": N_("build --check: a report older than its data file (build it again and commit it)"),
    "ITA702": N_("build --check: a report that was never built (build it and commit it)"),
}


def markdown_table() -> str:
    """The README's table of codes: code, Thai line, English line (tests/test_codes.py keeps them equal)."""
    thai = translation("th").gettext
    rows = ["| code | ความหมาย | meaning |", "|---|---|---|"]
    rows += [f"| {code} | {thai(text)} | {text} |" for code, text in sorted(CODES.items())]
    return "\n".join(rows) + "\n"
