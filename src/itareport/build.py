"""Building one data file: options, formats, render, build (write) and check; the worker's call of a batch.

load -> validate (validate.py) -> view (view.py) -> render (render/) -> atomic write (files.py).
The batch (many files, workers, LibreOffice, stopping) is batch.py.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from multiprocessing.context import BaseContext
from pathlib import Path
from typing import Literal

from .errors import Diagnostic, Exit, InputError, ItareportError
from .files import OutputState, atomic_write, output_paths, same_file
from .i18n import language, set_language
from .messages import M_, Message
from .oserrors import os_error_text
from .pool import WorkerPool
from .provenance import provenance_of
from .render import pdf
from .render.docx import STYLE, render_docx
from .render.html import render_html
from .render.markdown import render_markdown
from .validate import load_valid
from .view import View, base_document, build_view

POOL_MIN_FILES = 4  # from this many files on, build the .docx files in a process pool


@dataclass(frozen=True)
class BuildOptions:
    """What `itareport build` was asked for, the same for every file of a batch."""

    output: Path | None = None          # -o: a file, or a folder (always with several inputs)
    templates: Path | None = None       # --templates
    reference_doc: Path | None = None   # --reference-doc
    formats: tuple[str, ...] = ("docx",)
    strict: bool = False
    many: bool = False                  # several input files: -o is a folder
    jobs: int | None = None             # --jobs: workers (processes, LibreOffice starts); None: one per core
    keep_folders: bool = False          # --keep-folders: each data file's folder kept under -o

    def targets(self, source: Path) -> dict[str, Path]:
        """Each format's output file for this data file."""
        return output_paths(source, self.output, self.formats, self.many, self.keep_folders)


# --- rendering in memory -------------------------------------------------------------

def render_docx_bytes(view: View, templates: Path | None = None,
                      reference_doc: Path | None = None) -> tuple[bytes, list[Message]]:
    """The Word file and notes; with a reference document, on its paper, styles, header and footer."""
    if reference_doc is None:
        return render_docx(view, base_document(templates)), []
    from .render.reference import merge_reference  # lazy: lxml, python-docx, only for --reference-doc

    merged, notes = merge_reference(reference_doc, base_document(templates), list(STYLE.values()))
    return render_docx(view, merged), notes


def render_formats(view: View, options: BuildOptions,
                   pdf_fingerprint: bool = False) -> tuple[dict[str, bytes], list[Message]]:
    """{format: bytes} in memory, and notes (font warnings). pdf_fingerprint: the PDF's source
    fingerprint instead of the PDF (what --check compares; no LibreOffice run)."""
    formats = options.formats
    docx, notes = render_docx_bytes(view, options.templates, options.reference_doc) \
        if {"docx", "pdf"} & set(formats) else (b"", [])
    rendered: dict[str, bytes] = {}
    for fmt in formats:
        if fmt == "docx":
            rendered[fmt] = docx
        elif fmt == "pdf":
            if pdf_fingerprint:
                rendered[fmt] = pdf.fingerprint(docx).encode()
            else:
                rendered[fmt], more = pdf.render_pdf(docx, view.numerals)
                notes += more
        elif fmt == "html":
            rendered[fmt] = render_html(view, options.templates)
        elif fmt == "xlsx":
            from .render.xlsx import render_xlsx  # lazy: openpyxl (0.2 s), only for -f xlsx

            rendered[fmt] = render_xlsx(view)
        else:
            rendered[fmt] = render_markdown(view)
    return rendered, notes


# --- one file --------------------------------------------------------------------------

def check_inputs(options: BuildOptions) -> None:
    """The templates folder and the reference document, which every data file of a run uses."""
    if options.templates is not None and not options.templates.is_dir():
        raise InputError(M_("{folder}: the templates folder does not exist", folder=options.templates))
    if options.reference_doc is not None and not options.reference_doc.is_file():
        raise InputError(M_("{path}: reference document not found (expected a Word .docx file)",
                            path=options.reference_doc))


def check_targets(source: Path, targets: dict[str, Path]) -> None:
    for target in targets.values():
        if same_file(source, target):
            raise InputError(M_("{target}: the output would overwrite the input data file; choose another -o",
                                target=target))


def _prepare(source: Path, options: BuildOptions,
             targets: dict[str, Path] | None = None) -> tuple[dict[str, Path], View, list[Diagnostic]]:
    targets = options.targets(source) if targets is None else targets
    check_targets(source, targets)
    check_inputs(options)
    valid = load_valid(source, options.strict)
    return targets, build_view(valid.report, options.templates, provenance_of(source, valid.text)), valid.diagnostics


Stage = Literal["files", "pdf"]


@dataclass
class Outcome:
    """What happened to one data file (plain data, so it crosses process boundaries: its messages are
    codes and arguments, rendered by the parent that prints them). In a batch, a data file's PDF comes
    later as an Outcome of its own (stage "pdf"): the PDF written, or why it was not made."""

    source: Path
    outputs: list[Path] = field(default_factory=list)          # the files written
    warnings: list[Diagnostic] = field(default_factory=list)
    notes: list[Message] = field(default_factory=list)
    states: list[tuple[Path, OutputState]] = field(default_factory=list)  # each output file it concerns
    error: Message | None = None
    error_diagnostics: list[Diagnostic] = field(default_factory=list)
    exit_code: int = Exit.OK
    index: int = 0          # its place among the batch's data files
    stage: Stage = "files"

    @property
    def failed(self) -> bool:
        return bool(self.error or self.error_diagnostics)

    def fail(self, error: ItareportError) -> None:
        self.error = None if error.diagnostics else error.message
        self.error_diagnostics = error.diagnostics
        self.exit_code = error.exit_code


@dataclass
class Rendered:
    """A data file rendered in memory (a batch worker's answer): its outcome so far, the files to write,
    and the .docx LibreOffice will convert (with its numerals setting) when a PDF is asked for."""

    outcome: Outcome
    files: list[tuple[Path, bytes]] = field(default_factory=list)
    pdf: tuple[Path, bytes, bool] | None = None   # (the PDF's path, LibreOffice's .docx, Thai numerals)


def render_file(source: Path, targets: dict[str, Path], options: BuildOptions, check: bool = False,
                defer_pdf: bool = False) -> Rendered:
    """A batch's call for one data file (in a worker process): everything rendered in memory, nothing
    written (the parent writes). check: compared with the files on disk instead. defer_pdf: the PDF is
    left to the batch's LibreOffice (Rendered.pdf). A user-facing error becomes part of the outcome."""
    try:
        if check:
            return Rendered(check_file(source, options, targets))
        targets, view, warnings = _prepare(source, options, targets)
        formats = [fmt for fmt in options.formats if not (defer_pdf and fmt == "pdf")]
        rendered, notes = render_formats(view, replace(options, formats=tuple(formats) or ("docx",)))
        result = Rendered(Outcome(source, warnings=warnings, notes=notes),
                          [(targets[fmt], rendered[fmt]) for fmt in formats])
        if len(formats) < len(options.formats):
            prepared, more = pdf.prepare_source(rendered["docx"], view.numerals)
            result.outcome.notes += more
            result.pdf = (targets["pdf"], prepared, view.numerals == "thai")
        return result
    except ItareportError as exc:
        outcome = Outcome(source)
        outcome.fail(exc)
        return Rendered(outcome)


def build_file(source: Path, options: BuildOptions = BuildOptions()) -> Outcome:
    """Validate a data file, render every format in memory (the PDF by LibreOffice), then write each file
    atomically."""
    source = Path(source)
    targets, view, warnings = _prepare(source, options)
    rendered, notes = render_formats(view, options)
    for fmt in options.formats:
        atomic_write(targets[fmt], rendered[fmt])
    written = [targets[fmt] for fmt in options.formats]
    return Outcome(source, written, warnings, notes, [(path, OutputState.WRITTEN) for path in written])


def check_file(source: Path, options: BuildOptions = BuildOptions(),
               targets: dict[str, Path] | None = None) -> Outcome:
    """Each output file with its state (current, stale, missing); writes nothing.

    docx, xlsx, html and md are compared byte for byte (their bytes depend only on the input).
    LibreOffice's PDF bytes are not reproducible (dates, ids), so a PDF is current when the
    fingerprint in its Keywords matches the .docx it would be made from now.
    """
    source = Path(source)
    targets, view, warnings = _prepare(source, options, targets)
    rendered, _notes = render_formats(view, options, pdf_fingerprint=True)
    states = []
    for fmt in options.formats:
        target = targets[fmt]
        try:
            existing = target.read_bytes()
        except FileNotFoundError:
            states.append((target, OutputState.MISSING))
            continue
        except OSError as exc:
            raise InputError(M_("{name}: cannot read: {error}", name=target, error=os_error_text(exc))) from None
        same = pdf.read_fingerprint(existing) == rendered[fmt].decode() if fmt == "pdf" else existing == rendered[fmt]
        states.append((target, OutputState.CURRENT if same else OutputState.STALE))
    bad = any(state is not OutputState.CURRENT for _path, state in states)
    return Outcome(source, warnings=warnings, states=states, exit_code=Exit.INVALID if bad else Exit.OK)


def run_one(source: Path, options: BuildOptions, check: bool = False) -> Outcome:
    """Build (or check) one file; a user-facing error becomes part of the outcome."""
    try:
        return check_file(source, options) if check else build_file(source, options)
    except ItareportError as exc:
        outcome = Outcome(source)
        outcome.fail(exc)
        return outcome


def worker_count(options: BuildOptions) -> int:
    return max(1, options.jobs or os.cpu_count() or 1)


def worker_pool(workers: int, context: BaseContext | None = None) -> WorkerPool:
    """The batch's processes. A worker started by spawn (Windows, macOS) has fresh module globals: the
    initializer gives it the parent's language for anything rendered there (diagnostics, errors and
    notes come back unrendered anyway, as codes and arguments, and the parent renders them)."""
    return WorkerPool(workers, context, initializer=set_language, initargs=(language(),))
