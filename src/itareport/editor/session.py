"""One data file being edited: what the page is given, checks, the preview, saving, building.

Every step calls the core, as the command line does: load_text and validate_loaded (as
`validate`), lint_text (as `lint`, when PyThaiNLP is installed), build_view and render_html
(the web page `build -f html` writes), update.update_text and update.write_data_file (saving
as a minimal diff), build.run_one (the files `build FILE` writes), scaffold.init_text (`init`).
The page's edits are checked by writing them into the file's text in memory, so the
diagnostics are exactly those `validate` would print for the saved file.
"""

from __future__ import annotations

import hashlib
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..build import BuildOptions, run_one
from ..errors import Diagnostic, ItareportError
from ..files import FORMATS, output_paths, write_new_file
from ..kinds import STARTERS
from ..lint import Dictionary, check_text, lint_text
from ..lint_rules import Finding
from ..loader import load_text, read_source
from ..messages import M_
from ..model import year_problem
from ..options import choice_option
from ..render.html import render_html
from ..scaffold import init_text
from ..schema import write_schema_beside
from ..thai import current_fiscal_year, to_arabic_digits
from ..update import ChangedOnDisk, UpdateError, merge_data, unified_diff, update_text, write_data_file
from ..validate import validate_loaded
from ..view import build_view
from ..yaml_writer import schema_ref_for
from .problems import problem_json, todo_items

MEMO_LIMIT = 100_000  # lint findings remembered by text


class ReadOnly(ItareportError):
    """The data file cannot be written: saving says so; the page keeps the edits."""


@dataclass(frozen=True)
class Settings:
    """What `itareport edit` was asked for."""

    path: Path
    templates: Path | None = None
    reference_doc: Path | None = None
    lint: bool = False  # --lint: Thai spelling as you type too (PyThaiNLP: ~100 MB more, so asked for)


def version_of(text: str) -> str:
    """A short name for one text of the file (what the page's edits started from)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


class Session:
    """The data file, the texts the page has been given, the last valid preview."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.path = settings.path
        self.name = str(settings.path)
        self.lock = threading.RLock()
        self.disk_text: str | None = None
        self.texts: dict[str, str] = {}   # version -> text, the versions the page may start from
        self.preview = b""
        self.preview_id = 0
        self._memo: dict[tuple[str, str], list[Finding]] = {}
        self.linting = settings.lint

    # --- reading ---------------------------------------------------------------------------

    def _remember(self, text: str) -> str:
        version = version_of(text)
        self.texts[version] = text
        if len(self.texts) > 64:
            self.texts.pop(next(iter(self.texts)))
        return version

    def read_only(self) -> bool:
        try:
            mode = self.path.stat().st_mode
        except OSError:
            return False
        return not (mode & 0o222) or not os.access(self.path, os.W_OK)

    def state(self) -> dict[str, Any]:
        """The file as it is on disk now: the page's starting point (form, or text when it does not load)."""
        with self.lock:
            if not self.path.exists():
                self.disk_text = None
                return {"mode": "missing", "file": self.name, "kinds": list(STARTERS),
                        "year": current_fiscal_year()}
            try:
                text = read_source(self.path)
            except ItareportError as exc:
                return {"mode": "unreadable", "file": self.name,
                        "problems": [problem_json(d) for d in exc.diagnostics], "message": str(exc)}
            if text.startswith("\ufeff"):
                text = text[1:]
            self.disk_text = text
            result = self.check_text(text)
            return {**result, "file": self.name, "text": text, "version": self._remember(text),
                    "read_only": self.read_only()}

    def changed_on_disk(self) -> dict[str, Any] | None:
        """The new state when the file on disk is no longer the text last read or written, else None."""
        with self.lock:
            try:
                text = read_source(self.path) if self.path.exists() else None
            except ItareportError:
                return None
            if text is not None and text.startswith("\ufeff"):
                text = text[1:]
            if text == self.disk_text:
                return None
            return self.state()

    # --- checking ------------------------------------------------------------------------

    def check_text(self, text: str) -> dict[str, Any]:
        """validate (and lint) of a text of the file; the preview when the report is valid."""
        loaded = load_text(text, self.name)
        if not isinstance(loaded.data, dict):  # YAML errors, or a list or a text: validate says what was expected
            diagnostics = validate_loaded(loaded).diagnostics if loaded.data is not None else loaded.diagnostics
            return {"mode": "text", "problems": [problem_json(d) for d in diagnostics], "todo": [],
                    "preview": self.preview_id, "valid": False}
        checked = validate_loaded(loaded)
        diagnostics = list(checked.diagnostics)
        if self.linting:
            diagnostics += self._lint(text)
        valid = checked.ok
        if valid and checked.report is not None:
            try:
                self.preview = render_html(build_view(checked.report, self.settings.templates),
                                           self.settings.templates)
                self.preview_id += 1
            except ItareportError as exc:  # a user template's error: shown, the last preview kept
                diagnostics.append(Diagnostic(self.name, 1, 1, "error", "", str(exc)))
                valid = False
        diagnostics.sort(key=lambda d: (d.line, d.col))
        return {"mode": "form", "data": loaded.data, "problems": [problem_json(d) for d in diagnostics],
                "todo": todo_items(loaded, text, diagnostics), "preview": self.preview_id, "valid": valid}

    def _lint(self, text: str) -> list[Diagnostic]:
        def memo(value: str, dictionary: Dictionary, numerals: str) -> list[Finding]:
            key = (value, numerals)
            if key not in self._memo:
                if len(self._memo) > MEMO_LIMIT:
                    self._memo.clear()
                self._memo[key] = check_text(value, dictionary, numerals)
            return self._memo[key]

        return lint_text(text, self.path, markup=False, check=memo).findings

    def edited_text(self, data: Any) -> str:
        """The file's text with the page's data written in (minimal changes), in memory."""
        base = self.disk_text if self.disk_text is not None else ""
        return update_text(base, data, name=self.name)

    def check(self, data: Any) -> dict[str, Any]:
        """The page's edits, checked as the saved file would be."""
        with self.lock:
            try:
                text = self.edited_text(data)
            except UpdateError as exc:
                return {"mode": "form", "problems": [{"field": "", "severity": "error", "code": "",
                                                      "message": str(exc), "text": str(exc)}],
                        "todo": [], "preview": self.preview_id, "valid": False}
            result = self.check_text(text)
            result.pop("data", None)   # the page has it
            return result

    def check_raw(self, text: str) -> dict[str, Any]:
        """A text typed in the page's text view (the file did not load): its diagnostics."""
        with self.lock:
            return self.check_text(text)

    # --- saving --------------------------------------------------------------------------

    def _refuse_read_only(self) -> None:
        if self.read_only():
            raise ReadOnly(M_("{path}: the file is read-only, so it was not saved; your changes are still in "
                              "the page. Make the file writable (or save a copy) and save again.", path=self.name))

    def save(self, data: Any, version: str) -> dict[str, Any]:
        """Write the page's data into the file as a minimal diff; ChangedOnDisk when the file is no
        longer the text the page started from."""
        with self.lock:   # a read-only file: update.write_data_file refuses it (UpdateError), nothing written
            before = self.texts.get(version)
            if before is None:
                raise ChangedOnDisk(M_("{path}: changed since the page loaded it", path=self.name),
                                    self.disk_text or "")
            text = write_data_file(self.path, data, expected=before)
            self.disk_text = text
            return {"version": self._remember(text), "diff": unified_diff(before, text, self.path.name)}

    def save_text(self, text: str, version: str) -> dict[str, Any]:
        """Save the text view (the file did not load): only over the text the page started from."""
        with self.lock:
            self._refuse_read_only()
            current = read_source(self.path) if self.path.exists() else ""
            if self.texts.get(version) != current:
                raise ChangedOnDisk(M_("{path}: changed since the page loaded it", path=self.name), current)
            write_new_file(self.path, text, force=True)
            self.disk_text = text
            return self.state()

    def conflict(self, data: Any, version: str, current: str) -> dict[str, Any]:
        """Both sides of a change made on disk while the page had edits: the file's version, what saving
        the page's edits over it would change, and the two merged when they touch different places."""
        with self.lock:
            self.disk_text = current
            disk = load_text(current, self.name).data
            out: dict[str, Any] = {"disk": self.state(), "merged": None, "conflicts": []}
            try:
                ours = update_text(current, data, name=self.name)
                out["diff"] = unified_diff(current, ours, self.path.name)
            except UpdateError as exc:
                out["diff"] = str(exc)
            base_text = self.texts.get(version)
            if base_text is not None and isinstance(disk, dict):
                merged, conflicts = merge_data(load_text(base_text, self.name).data, data, disk)
                out["conflicts"] = [{"path": ".".join(str(p) for p in c.path)} for c in conflicts]
                if not conflicts:
                    out["merged"] = merged
            return out

    # --- new file, building ------------------------------------------------------------------

    def create(self, kind: str, agency: str, year_text: str) -> dict[str, Any]:
        """The missing data file, written from init's starter of this kind."""
        with self.lock:
            choice_option("--kind", kind, list(STARTERS))
            text = to_arabic_digits(year_text.strip())
            year = int(text) if text.isascii() and text.isdigit() else 0
            problem = year_problem(year)
            if problem:
                raise ItareportError(M_("--year {year}: expected a Buddhist-era year such as 2569{hint}",
                                        year=year_text, hint=problem[1]))
            write_new_file(self.path, init_text(agency.strip() or None, year, schema_ref_for(self.path), starter=kind))
            write_schema_beside(self.path)
            return self.state()

    def outputs(self) -> dict[str, Path]:
        """The files `itareport build FILE` writes, by name (what the page may open)."""
        return {path.name: path for path in output_paths(self.path, None, list(FORMATS)).values()}

    def build(self, fmt: str) -> dict[str, Any]:
        """What `itareport build FILE -f FMT` (with the same --templates, --reference-doc) writes."""
        if fmt not in FORMATS:
            raise ItareportError(M_("--format: expected docx, pdf, html, md or xlsx, got '{name}'", name=fmt))
        options = BuildOptions(formats=(fmt,), templates=self.settings.templates,
                               reference_doc=self.settings.reference_doc)
        outcome = run_one(self.path, options)
        problems = [problem_json(d) for d in outcome.error_diagnostics]
        return {"ok": not outcome.failed, "format": fmt, "outputs": [p.name for p in outcome.outputs],
                "error": outcome.error, "problems": problems, "notes": outcome.notes}
