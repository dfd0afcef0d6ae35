"""`--format sarif`: SARIF 2.1.0 (OASIS), the format GitHub code scanning and other viewers read.

One run: tool.driver names itareport (version, home page) with a rule for each code the results use
(its English description, the Thai in the rule's properties, a link to the README's table of codes);
each result has the code, the level, the message in the user's language and the place: the file
relative to %SRCROOT% (the repository root, paths.py) and the region's line and columns (Unicode code
points, SARIF's default; endColumn is the column after the last character). A file that could not be
read is a tool execution notification, and the invocation then did not succeed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .. import HOME_PAGE, __version__
from ..codes import CODES
from ..errors import Diagnostic
from ..i18n import translation
from .paths import relative_to_root, repository_root
from .text import message_text

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
ROOT_ID = "%SRCROOT%"
HELP_URI = HOME_PAGE + "#codes"


def rule(code: str) -> dict[str, Any]:
    english = CODES[code].description if code in CODES else code
    return {"id": code, "shortDescription": {"text": english}, "helpUri": HELP_URI,
            "properties": {"shortDescription.th": translation("th").gettext(english)}}


def result(d: Diagnostic, root: Path, rule_index: dict[str, int]) -> dict[str, Any]:
    region = {"startLine": d.line, "startColumn": d.col, "endColumn": (d.end_col or d.col) + 1}
    location = {"physicalLocation": {
        "artifactLocation": {"uri": quote(relative_to_root(d.file, root)), "uriBaseId": ROOT_ID},
        "region": region}}
    found: dict[str, Any] = {"level": d.severity, "message": {"text": message_text(d)}, "locations": [location]}
    if d.code:
        found = {"ruleId": d.code, "ruleIndex": rule_index[d.code], **found}
    return found


def render_sarif(diagnostics: Iterable[Diagnostic], unread: Iterable[object] = (), root: Path | None = None) -> str:
    root = root or repository_root()
    diagnostics = list(diagnostics)
    codes = sorted({d.code for d in diagnostics if d.code})
    rule_index = {code: i for i, code in enumerate(codes)}
    notifications = [{"level": "error", "message": {"text": str(message)}} for message in unread]
    invocation: dict[str, Any] = {"executionSuccessful": not notifications}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    run = {
        "tool": {"driver": {"name": "itareport", "version": __version__, "informationUri": HOME_PAGE,
                            "rules": [rule(code) for code in codes]}},
        "invocations": [invocation],
        "columnKind": "unicodeCodePoints",
        "results": [result(d, root, rule_index) for d in diagnostics],
    }
    document = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
