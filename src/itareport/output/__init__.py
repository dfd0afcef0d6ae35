"""Diagnostics written for people and for CI: one renderer per format, each module one job.

    text.py     FILE:LINE:COL: error: PATH: message [CODE], the source line and a caret
    json.py     one JSON document: counts, and each file's diagnostics
    github.py   GitHub Actions workflow commands: annotations on the pull request's lines
    sarif.py    SARIF 2.1.0, for code scanning and other SARIF viewers
    machine.py  render(): the document of a machine format (json, github, sarif) for a run
    paths.py    the repository root that github and sarif make paths relative to

`validate`, `lint` and `build --check` print text as each file is checked (console.Printer calls
text.py); in a machine format they call machine.render() once at the end with the run's results
(results.Validation), so nothing else reaches stdout: no progress bar, no colour. This file imports
nothing, so that the text path (every command) loads none of the machine formats.
"""

FORMATS = ("text", "json", "github", "sarif")
