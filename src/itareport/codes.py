"""The registry of diagnostic codes: one stable code per kind of problem, the same in every language,
with the message templates of each code.

Ranges: ITA1xx the file itself (encoding, control characters, YAML syntax, what the loader
refuses); ITA2xx the schema (keys, types, values); ITA3xx semantic checks and warnings of
validate and new-year; ITA4xx lint; ITA5xx import warnings; ITA6xx document kinds and columns;
ITA7xx build --check (a report out of date or missing).
Each code has a one-line English description (a msgid: the README table shows it with its Thai)
and its message templates (English msgids with {arguments}): the usual one, and a few named ones
where the wording really differs. A diagnostic is made with `message(code, name, **arguments)`
and rendered where it is printed (messages.Message). Adding a message is adding a template here;
adding a kind of problem is adding a code in its range.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .i18n import N_, translation
from .messages import Message


@dataclass(frozen=True)
class Code:
    """A code's description (the README's line) and its message templates by name ('' the usual one)."""

    description: str
    templates: Mapping[str, str]


def _code(description: str, template: str = "", /, **named: str) -> Code:
    return Code(description, {"": template, **named} if template else named)


# The wrapper of every YAML syntax error's explanation (ITA15x, ITA199).
YAML_SYNTAX = N_("YAML syntax error: {explanation}")

CODES: dict[str, Code] = {
    # the file (loader.py)
    "ITA101": _code(N_("the file is not UTF-8 text (UTF-16, TIS-620 or another encoding)"),
                    utf16=N_("expected UTF-8 text, found UTF-16 (byte order mark); save the file as UTF-8"),
                    nul=N_("expected UTF-8 text, found NUL bytes (the file looks like UTF-16 without a byte order "
                           "mark); save the file as UTF-8"),
                    byte=N_("expected UTF-8 text, found byte 0x{byte:02X}{guess}")),
    "ITA102": _code(N_("a control character that no report text may hold"),
                    N_("control character U+{code:04X} is not allowed; delete it"),
                    more=N_("{count} more control characters not listed; is this a text file?")),
    "ITA104": _code(N_("the file holds no data"),
                    N_("the file has no data: expected a mapping with version, agency, fiscal_year and measures")),
    "ITA105": _code(N_("a YAML tag (!something): only plain data is read"),
                    N_("tag '{tag}' is not allowed: only plain data (text, lists, mappings)")),
    "ITA106": _code(N_("a merge key (<<) or a list or mapping used as a key"),
                    merge=N_("merge keys (<<) are not supported"),
                    key=N_("expected a plain key, found a list or mapping")),
    "ITA107": _code(N_("a key written twice in the same mapping"),
                    N_("duplicate key '{key}' (first written at line {line}); keep one")),
    "ITA108": _code(N_("too many values, too deep, or a recursive alias"),
                    values=N_("more than {limit:,} values after expanding aliases (*name); remove the aliases or "
                              "split the file"),
                    depth=N_("nested deeper than {limit} levels"),
                    recursive=N_("an alias refers to itself (recursive data)")),
    # YAML syntax errors explained (yaml_errors.py); each is the explanation in YAML_SYNTAX
    "ITA150": _code(N_("a tab character in the indentation: YAML indents with spaces only"),
                    N_("a tab character; YAML indents with spaces only: replace the tab with spaces")),
    "ITA151": _code(N_("': ' inside a text that is not in quotes, so YAML reads a key"),
                    N_("': ' inside a text makes YAML read it as a key; put the whole text in quotes: {fixed}")),
    "ITA152": _code(N_("a line that starts in line with no key or list item above it"),
                    N_("this line starts at column {col}, in line with no key or list item above it; start it at "
                       "{where}"),
                    list=N_("this line stands among list items but does not start with '- '; add '- ', or start "
                            "it at {where}"),
                    deeper=N_("this line is indented more than the key above it, so YAML reads it as more of that "
                              "key's text; start it at {where}, or if it does go on with that text, put the whole "
                              "text in quotes")),
    "ITA153": _code(N_("a line that is neither 'key: value' nor a list item '- text'"),
                    N_("expected 'key: value' or a list item '- text' on this line; add ': ' after the key, or if "
                       "the line goes on with the text above, indent it more than that text's key"),
                    dash=N_("a list item needs a space after '-': write '- {text}'")),
    "ITA154": _code(N_("a quote that is opened and never closed"),
                    N_("the quote {quote} opened here is never closed; add the closing {quote} at the end of the "
                       "text")),
    "ITA155": _code(N_("a bracket or brace that is opened and never closed"),
                    N_("the {open} opened here is not closed; add {close} at the end of the list, or if {open} is "
                       "part of the text, put the whole text in quotes")),
    "ITA156": _code(N_("a text that starts with a character YAML reserves, not in quotes"),
                    N_("a text cannot start with {char} unless it is in quotes; put the whole text in quotes: "
                       "{fixed}")),
    "ITA157": _code(N_("a text that goes on after its closing quote or bracket"),
                    N_("the text goes on after the closing {char}; a text that starts with a quote or a bracket "
                       "must be quoted as a whole: {fixed}")),
    "ITA158": _code(N_("a backslash inside double quotes that starts no known escape"),
                    N_("inside double quotes a backslash starts an escape such as \\n; write \\\\ for a backslash, "
                       "or use single quotes 'like this'")),
    "ITA159": _code(N_("a list item '- ' on the same line as its key"),
                    N_("a list item '- ' cannot follow a key on the same line; start each item on a line of its "
                       "own, indented under the key (or put the text in quotes if '- ' is part of it)")),
    "ITA160": _code(N_("a second YAML document ('---' or '...') in the file"),
                    N_("a data file holds one document, and a second one starts here; delete the '---' or '...' "
                       "line and merge what follows into the data above")),
    "ITA161": _code(N_("an alias *name with no anchor &name above it"),
                    N_("*{name} refers to an anchor &{name} that is not defined above; if '*' is part of the text, "
                       "put the whole text in quotes")),
    "ITA162": _code(N_("a value missing where YAML expects one"),
                    N_("expected a value here, found {char}; write the value, or put a text that holds {char} in "
                       "quotes")),
    "ITA199": _code(N_("another YAML syntax error"), "{problem}"),   # PyYAML's own words
    # the schema (validate.py, model.py)
    "ITA201": _code(N_("the whole file is not a mapping of keys"),
                    N_("expected a mapping with version, agency, fiscal_year and measures, got {found}")),
    "ITA202": _code(N_("a required key is missing"), N_("required key '{key}' is missing")),
    "ITA203": _code(N_("an unknown key (often a typo of a known one)"),
                    N_("unknown key '{key}'")),   # + a hint (validate.py)
    "ITA204": _code(N_("a value of the wrong kind: text, list or mapping"), N_("{expected}, got {found}")),
    "ITA205": _code(N_("a period that is neither fiscal-year nor a from-to mapping"),
                    N_("expected 'fiscal-year' (or 'ปีงบประมาณ') or a mapping {{from: YYYY-MM, to: YYYY-MM}}, got "
                       "{found}")),
    "ITA206": _code(N_("a value that is not one of the allowed words"), N_("expected {expected}, got {found}")),
    "ITA207": _code(N_("an empty list where at least one item is needed"),
                    N_("expected at least one item, got an empty list")),
    "ITA208": _code(N_("an empty text"), N_("expected text, got an empty text")),
    "ITA209": _code(N_("a control character inside a text"),
                    N_("control character U+{code} is not allowed in text; delete it")),
    "ITA210": _code(N_("a period whose 'from' comes after its 'to'"),
                    N_("expected 'from' before 'to', got a period that starts in {s} and ends in {e} (swap them?)")),
    "ITA211": _code(N_("a year that is not a Buddhist-era year"), N_("expected a Buddhist-era year such as 2568"),
                    christian=N_("expected a Buddhist-era year (พ.ศ.), not a Christian-era one")),
    "ITA212": _code(N_("a month not written as YYYY-MM in the Buddhist era"),
                    N_("expected YYYY-MM in Buddhist era (e.g. 2567-10)")),
    "ITA213": _code(N_("a data format version other than 1"),
                    N_("expected version 1 (the only version this itareport reads)")),
    "ITA214": _code(N_("a date not written as YYYY-MM-DD in the Buddhist era (or 'blank')"),
                    N_("expected a Buddhist-era date YYYY-MM-DD (e.g. 2568-10-15) or 'blank'")),
    "ITA215": _code(N_("a year far from the current fiscal year (a typing slip?)"),
                    N_("expected a fiscal year from {first} to {last} (the current one is {current}), got "
                       "{year}{hint}"),
                    month=N_("expected a month from {start} to {end} (fiscal years {first} to {last}), got "
                             "{found}{hint}"),
                    date=N_("expected a date from {start} to {end} (fiscal years {first} to {last}), got "
                            "{found}{hint}")),
    "ITA219": _code(N_("another schema error"), "{problem}"),   # pydantic's own words
    "ITA290": _code(N_("a text read as a mapping because of ': ' inside it"),
                    N_("expected text, got a mapping: ': ' in a text makes YAML read a key; put the whole text in "
                       "quotes: {fixed}")),
    "ITA291": _code(N_("a period written in a way that cannot be read"),
                    N_("cannot read the period {text}; write the months it covers as {{from: {first}, to: {last}}} "
                       "(YYYY-MM in B.E.), or 'fiscal-year' for the whole fiscal year")),
    # semantic checks and warnings (validate.py, scaffold.py)
    "ITA301": _code(N_("a month outside the report's fiscal year"),
                    N_("expected a month in fiscal year {year} ({first} to {last}), got '{found}'")),
    "ITA302": _code(N_("results or outcomes not filled in yet"),
                    N_("no {key} yet: fill them in before the report is published"),
                    results=N_("no results yet: fill them in before the report is published"),
                    outcomes=N_("no outcomes yet: fill them in before the report is published")),
    "ITA303": _code(N_("HTML markup left over from a web page or Word"),
                    N_("found markup {markup} left over from a web page or Word; it is printed literally (delete "
                       "it if it is not meant as text)")),
    "ITA304": _code(N_("new-year: a text that mentions the previous fiscal year"),
                    N_("mentions {old}, the previous fiscal year: check whether it should say {year}")),
    "ITA305": _code(N_("new-year: the ITA item code may be numbered differently"),
                    N_("the ITA item code of {old}; the list of {year} may number it differently")),
    "ITA306": _code(N_("new-year: a period that stays outside the new fiscal year"),
                    N_("moved on to fiscal year {year}, the period is still outside it ({first} to {last}): "
                       "check it")),
    "ITA307": _code(N_("new-year --agency: the old agency's name or place replaced in a text"),
                    N_("{old!r} replaced by {new!r}")),
    "ITA308": _code(N_("new-year --agency: a signer or web address of the old agency cleared, to fill in"),
                    signer=N_("the old agency's signer {name!r} cleared: fill in this agency's signer"),
                    link=N_("the old agency's web address {url} cleared: fill in this agency's")),
    "ITA390": _code(N_("example text from 'itareport init' not replaced yet"),
                    N_("{text} is the example text 'itareport init' wrote; replace it with your own")),
    "ITA391": _code(N_("a period with a Christian-era year, read as Buddhist era"),
                    N_("the period {text} has a Christian-era year; it was read as {read} in the Buddhist era: "
                       "write B.E. years")),
    # lint (lint.py, lint_rules.py): "KIND: 'FRAGMENT' TEMPLATE (did you mean ...?)"
    "ITA401": _code(N_("lint: a word that is not in the Thai dictionary"), N_("is not in the Thai dictionary"),
                    allow=N_("is not in the Thai dictionary (if it is right, add it to {allow_list})")),
    "ITA402": _code(N_("lint: a word that looks like a misspelt one"), N_("looks like a misspelt word"),
                    rare=N_("is a rare word here: a tone mark lost or added?")),
    "ITA403": _code(N_("lint: a word written twice in a row"), N_("repeats a word")),
    "ITA404": _code(N_("lint: a space inside a word"), N_("has a space inside a word")),
    "ITA405": _code(N_("lint: HTML left over from a web page"),
                    N_("is HTML left over from a web page and would be printed literally; delete it")),
    "ITA406": _code(N_("lint: a number that would print in Thai digits among Arabic ones"),
                    N_("would be printed with Thai digits, while web addresses and Latin codes keep their Arabic "
                       "digits in the report (as '{other}' does); write it with Arabic digits")),
    "ITA407": _code(N_("lint: a repeated punctuation mark"), N_("repeats a punctuation mark")),
    "ITA408": _code(N_("lint: a Latin or look-alike letter inside a Thai word"),
                    N_("has the Latin letter '{letter}' inside a Thai word; retype it in Thai"),
                    lookalike=N_("is written with {chars}, which looks like {wanted}; search and sort fail on it")),
    "ITA409": _code(N_("lint: an invisible character"), N_("hides an invisible {name}; delete it")),
    "ITA410": _code(N_("lint: stray letters between Thai words"),
                    N_("stands alone between Thai words and is no word: keys hit by mistake? delete it")),
    # import warnings (importer/)
    "ITA501": _code(N_("import: no fiscal year in the title; guessed from the periods or the current year"),
                    N_("no fiscal year in the title; {year} was guessed from the periods"),
                    current=N_("no fiscal year in the title or the periods; the current one, {year}, was written")),
    "ITA502": _code(N_("import: text after the table that was not understood"),
                    N_("text after the table was not understood; it is kept under review: at the end of the file: "
                       "{text!r}")),
    "ITA503": _code(N_("import: a row across the whole table (a heading)"),
                    N_("{where}: a row across the whole table ({text!r}, a heading?) is kept under review: at the "
                       "end of the file"),
                    end=N_("{where}: a row across the whole table ({text!r}) is kept under review: at the end of the "
                           "file")),
    "ITA504": _code(N_("import: a measure without a title in the source"),
                    N_("{where}: the measure has no title in the source; '{text}' was written")),
    "ITA505": _code(N_("import: the source numbers a measure differently"),
                    N_("{where}: numbered {number} in the source; the report numbers it {index}")),
    "ITA506": _code(N_("import: a row without an activity title of its own"),
                    N_("{where}: this row of measure {index} has no activity title of its own; '{title}' was "
                       "written")),
    "ITA507": _code(N_("import: an activity without steps in the source"),
                    N_("{where}: no steps in the source; '{text}' was written")),
    "ITA508": _code(N_("import: an activity without an owner in the source"),
                    N_("{where}: no owner in the source; '{text}' was written")),
    "ITA509": _code(N_("import: a column that is not one of the official ones, kept under review:"),
                    N_("{where}: column '{header}' is not one of the six columns; its text is kept under review: at "
                       "the end of the file")),
    "ITA510": _code(N_("import: an activity without a period in the source"),
                    N_("{where}: no period in the source; 'fiscal-year' was written")),
    "ITA511": _code(N_("import: a period that was not understood"),
                    N_("{where}: period {text!r} not understood; 'fiscal-year' was written and the text kept under "
                       "review:")),
    "ITA512": _code(N_("import: a Christian-era year turned into the Buddhist era"),
                    N_("{where}: period {text!r} has a Christian-era year; it was turned into B.E.")),
    "ITA513": _code(N_("import: no agency name above the table"),
                    N_("no agency name found above the table; '{text}' was written")),
    "ITA515": _code(N_("import: text outside the measures table"),
                    N_("{where}: text outside the measures table is kept under review: at the end: {text!r}")),
    "ITA516": _code(N_("import: what a reader could not read (rotated text, glyphs without letters, images, "
                       "unsaved formulas, other sheets)"), "{where}: {problem}"),
    "ITA520": _code(N_("a leftover of import to check: delete its item under review: once checked"),
                    N_("left by import to check: {what}; once checked, delete item {number} of review: (line "
                       "{line})"),
                    here=N_("left by import to check: {what}; once checked, delete this item of review:"),
                    source=N_(" (the source said: {source!r})")),
    "ITA521": _code(N_("a text itareport wrote where the source had nothing, not replaced yet"),
                    N_("{text!r} was written where the source had nothing to put; write the real text")),
    "ITA522": _code(N_("import: a signer without a name or position in the source"),
                    name=N_("a signer without a name in the source; '{text}' was written"),
                    position=N_("a signer without a position in the source; '{text}' was written")),
    "ITA523": _code(N_("import: a signing date line that was not understood, or several different dates"),
                    N_("the date line {text!r} was not understood"),
                    dates=N_("the date line {text!r} differs from the date {date} taken from the first one")),
    "ITA530": _code(N_("import: a total row whose amount is not the sum of its column"),
                    N_("the source's total {printed} is not the sum of the column, {sum}; the report prints the "
                       "sum: check the amounts")),
    # document kinds and columns (kinds_check.py)
    "ITA601": _code(N_("a row key that no column declares"),
                    N_("unknown key '{key}'{hint}{where}; expected one of: {keys}")),
    "ITA602": _code(N_("an unknown column type"), N_("unknown column type '{type}'{hint}; expected one of: {types}")),
    "ITA603": _code(N_("a column key declared twice"),
                    N_("duplicate column key '{key}' (first declared in columns[{first}]); keep one or rename it")),
    "ITA604": _code(N_("a column key not made of letters, digits and '_'"),
                    N_("expected a key of letters, digits and '_' (such as budget or objective), got '{key}'")),
    "ITA605": _code(N_("a column width that is not above 0"),
                    N_("expected a width above 0 (a share such as 1 or 2.5), got '{width}'")),
    "ITA606": _code(N_("an amount or number that cannot be read"),
                    N_("expected an amount such as 15000 or 15,000.50 (Thai or Arabic digits), got {value}")),
    "ITA607": _code(N_("a status that is not one of the allowed words"),
                    N_("expected a status: {words} (or its Thai words), got '{value}'{hint}")),
    "ITA608": _code(N_("a score outside 0 to 100"),
                    N_("expected a score from 0 to 100 (such as 72.40), got '{value}'")),
    "ITA609": _code(N_("a total on a column that is not money or number"),
                    N_("a total row adds up money or number columns, and '{key}' is of type {type}; set its type "
                       "or remove total")),
    "ITA610": _code(N_("a declared column that no measure fills"),
                    N_("column '{key}' ({header}) is declared but no measure fills it; fill it in or remove the "
                       "column")),
    "ITA611": _code(N_("'round' outside a progress-report"),
                    N_("'round' is printed only in a progress-report (kind: progress-report); it is ignored in a "
                       "{kind}")),
    "ITA612": _code(N_("a period in a column of your own that cannot be read"),
                    N_("expected 'fiscal-year' (or 'ปีงบประมาณ') or a mapping {{from: YYYY-MM, to: YYYY-MM}}, got "
                       "{value}")),
    # build --check (commands/build.py): the committed reports against their data files
    "ITA701": _code(N_("build --check: a report older than its data file (build it again and commit it)"),
                    N_("{state}: {path} (run: {command})")),
    "ITA702": _code(N_("build --check: a report that was never built (build it and commit it)"),
                    N_("{state}: {path} (run: {command})")),
    "ITA703": _code(N_("build --check: a report whose data file is gone (delete it, or bring the data file back)"),
                    N_("orphan: {path} was built from {data_file}, which is not among the data files any more: "
                       "delete the report, or bring its data file back")),
}


def template(code: str, name: str = "") -> str:
    """The msgid of a code's template (KeyError for a code or name not registered)."""
    return CODES[code].templates[name]


def message(code: str, name: str = "", /, **arguments: Any) -> Message:
    """The message of a diagnostic: the code's template (the usual one, or the one named) with its arguments,
    rendered where it is printed. A template that is not a msgid ('{problem}': a library's own words, shown
    as they are) is in no catalog, so it stays as it is in every language."""
    return Message(template(code, name), tuple(arguments.items()), code=code)


def markdown_table() -> str:
    """The README's table of codes: code, Thai line, English line (tests/test_codes.py keeps them equal)."""
    thai = translation("th").gettext
    rows = ["| code | ความหมาย | meaning |", "|---|---|---|"]
    rows += [f"| {code} | {thai(entry.description)} | {entry.description} |" for code, entry in sorted(CODES.items())]
    return "\n".join(rows) + "\n"
