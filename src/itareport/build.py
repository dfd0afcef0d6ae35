"""Building: options, formats, build and check of one data file, and the batch.

load -> validate (validate.py) -> view (view.py) -> render (render/) -> atomic write (files.py).
"""

from __future__ import annotations

import os
import queue
import threading
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from multiprocessing.context import BaseContext
from pathlib import Path

from .errors import Diagnostic, Exit, InputError, ItareportError
from .files import CheckState, atomic_write, output_paths, same_file
from .i18n import language, set_language
from .messages import M_, Message
from .oserrors import os_error_text
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


# --- rendering in memory -------------------------------------------------------------

def render_docx_bytes(view: View, templates: Path | None = None,
                      reference_doc: Path | None = None) -> tuple[bytes, list[Message]]:
    """The Word file and notes; with a reference document, on its paper, styles, header and footer."""
    if reference_doc is None:
        return render_docx(view, base_document(templates)), []
    from .render.reference import merge_reference  # lazy: lxml, python-docx, only for --reference-doc

    merged, notes = merge_reference(reference_doc, base_document(templates), list(STYLE.values()))
    return render_docx(view, merged), notes


def render_formats(view: View, options: BuildOptions, pdf_fingerprint: bool = False) -> tuple[dict, list[Message]]:
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

def _prepare(source: Path, options: BuildOptions) -> tuple[dict[str, Path], View, list[Diagnostic]]:
    targets = output_paths(source, options.output, list(options.formats), options.many)
    for target in targets.values():
        if same_file(source, target):
            raise InputError(M_("{target}: the output would overwrite the input data file; choose another -o",
                                target=target))
    if options.templates is not None and not options.templates.is_dir():
        raise InputError(M_("{folder}: the templates folder does not exist", folder=options.templates))
    if options.reference_doc is not None and not options.reference_doc.is_file():
        raise InputError(M_("{path}: reference document not found (expected a Word .docx file)",
                            path=options.reference_doc))
    valid = load_valid(source, options.strict)
    return targets, build_view(valid.report, options.templates, provenance_of(source, valid.text)), valid.diagnostics


@dataclass
class Outcome:
    """What happened to one data file (plain data, so it crosses process boundaries: its messages are
    codes and arguments, rendered by the parent that prints them)."""

    source: Path
    outputs: list[Path] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    notes: list[Message] = field(default_factory=list)
    states: list[tuple[Path, CheckState]] = field(default_factory=list)
    error: Message | None = None
    error_diagnostics: list[Diagnostic] = field(default_factory=list)
    exit_code: int = Exit.OK
    pdf_job: tuple[Path, bytes, bool] | None = None  # batch: (target, LibreOffice's .docx, Thai numerals)

    @property
    def failed(self) -> bool:
        return bool(self.error or self.error_diagnostics)


def build_file(source: Path, options: BuildOptions = BuildOptions(), defer_pdf: bool = False) -> Outcome:
    """Validate a data file, render every format in memory, then write each file atomically.

    defer_pdf: write the other formats and leave the PDF to the batch's LibreOffice (Outcome.pdf_job)."""
    source = Path(source)
    targets, view, warnings = _prepare(source, options)
    formats = [fmt for fmt in options.formats if not (defer_pdf and fmt == "pdf")]
    rendered, notes = render_formats(view, replace(options, formats=tuple(formats) or ("docx",)))
    for fmt in formats:
        atomic_write(targets[fmt], rendered[fmt])
    outcome = Outcome(source, [targets[fmt] for fmt in formats], warnings, notes)
    if len(formats) < len(options.formats):
        prepared, more = pdf.prepare_source(rendered["docx"], view.numerals)
        outcome.notes += more
        outcome.pdf_job = (targets["pdf"], prepared, view.numerals == "thai")
    return outcome


def check_file(source: Path, options: BuildOptions = BuildOptions()) -> Outcome:
    """Each output file with its CheckState; writes nothing.

    docx, xlsx, html and md are compared byte for byte (their bytes depend only on the input).
    LibreOffice's PDF bytes are not reproducible (dates, ids), so a PDF is current when the
    fingerprint in its Keywords matches the .docx it would be made from now.
    """
    source = Path(source)
    targets, view, warnings = _prepare(source, options)
    rendered, _notes = render_formats(view, options, pdf_fingerprint=True)
    states = []
    for fmt in options.formats:
        target = targets[fmt]
        try:
            existing = target.read_bytes()
        except FileNotFoundError:
            states.append((target, CheckState.MISSING))
            continue
        except OSError as exc:
            raise InputError(M_("{name}: cannot read: {error}", name=target, error=os_error_text(exc))) from None
        same = pdf.read_fingerprint(existing) == rendered[fmt].decode() if fmt == "pdf" else existing == rendered[fmt]
        states.append((target, CheckState.CURRENT if same else CheckState.STALE))
    bad = any(state is not CheckState.CURRENT for _path, state in states)
    return Outcome(source, [p for p, _ in states], warnings, states=states,
                   exit_code=Exit.INVALID if bad else Exit.OK)


# --- many files ------------------------------------------------------------------------

def run_one(source: Path, options: BuildOptions, check: bool = False, defer_pdf: bool = False) -> Outcome:
    """Build (or check) one file; a user-facing error becomes part of the outcome."""
    try:
        return check_file(source, options) if check else build_file(source, options, defer_pdf)
    except ItareportError as exc:
        return Outcome(source, error=None if exc.diagnostics else exc.message, error_diagnostics=exc.diagnostics,
                       exit_code=exc.exit_code)


def worker_count(options: BuildOptions) -> int:
    return max(1, options.jobs or os.cpu_count() or 1)


def worker_pool(workers: int, context: BaseContext | None = None) -> ProcessPoolExecutor:
    """The batch's processes. A worker started by spawn (Windows, macOS) has fresh module globals: the
    initializer gives it the parent's language for anything rendered there (diagnostics, errors and
    notes come back unrendered anyway, as codes and arguments, and the parent renders them)."""
    return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=set_language,
                               initargs=(language(),))


def run_all(sources: list[Path], options: BuildOptions, check: bool = False):
    """Outcomes as files finish (with PDFs: as each PDF is written).

    The .docx (and html, md) files are built by a pool of `jobs` processes; then the PDFs by `jobs`
    LibreOffice processes, each started once for its share of the batch (render/pdf.convert_many).
    """
    options = replace(options, many=options.many or len(sources) > 1)
    jobs = worker_count(options)
    defer_pdf = not check and "pdf" in options.formats and len(sources) > 1
    waiting: list[Outcome] = []
    for outcome in _run_files(sources, options, check, defer_pdf, jobs):
        if outcome.pdf_job is None:
            yield outcome
        else:
            waiting.append(outcome)
    if waiting:
        yield from _convert_pdfs(waiting, jobs)


def _run_files(sources: list[Path], options: BuildOptions, check: bool, defer_pdf: bool, jobs: int):
    if len(sources) < POOL_MIN_FILES or jobs == 1:
        for source in sources:
            yield run_one(source, options, check, defer_pdf)
        return
    with worker_pool(min(jobs, len(sources))) as pool:
        futures = [pool.submit(run_one, source, options, check, defer_pdf) for source in sources]
        try:
            for future in as_completed(futures):
                yield future.result()
        except BaseException:
            for future in futures:
                future.cancel()
            raise


def _convert_pdfs(waiting: list[Outcome], jobs: int):
    """Each worker thread drives one LibreOffice over its share; PDFs are written here as they come."""
    shares: list[list[Outcome]] = []
    for thai in (True, False):  # the Thai-numerals setting lives in LibreOffice's profile
        group = [o for o in waiting if o.pdf_job[2] is thai]
        n = min(jobs, len(group))
        shares += [group[len(group) * k // n:len(group) * (k + 1) // n] for k in range(n)]
    finished: queue.Queue = queue.Queue()
    cancel = threading.Event()

    def convert(share: list[Outcome]) -> None:
        try:
            pdf.convert_many([o.pdf_job[1] for o in share], share[0].pdf_job[2],
                         done=lambda i, result: finished.put((share[i], result)), cancel=cancel)
        except ItareportError as exc:  # LibreOffice missing: every file of the share says so
            for outcome in share:
                finished.put((outcome, exc))
        except BaseException as exc:
            finished.put((None, exc))

    threads = [threading.Thread(target=convert, args=(share,), daemon=True) for share in shares]
    for thread in threads:
        thread.start()
    done: set[int] = set()
    try:
        while len(done) < len(waiting):
            outcome, result = finished.get()
            if outcome is None:
                raise result
            if id(outcome) in done:
                continue
            done.add(id(outcome))
            target = outcome.pdf_job[0]
            outcome.pdf_job = None
            if isinstance(result, ItareportError):
                outcome.error, outcome.exit_code = result.message, result.exit_code
            elif isinstance(result, Message):
                outcome.error = M_("{target}: the PDF was not made: {reason} (the other formats were written)",
                                   target=target, reason=result)
                outcome.exit_code = Exit.USAGE
            else:
                atomic_write(target, result)
                outcome.outputs.append(target)
            yield outcome
    finally:
        cancel.set()
        for thread in threads:
            thread.join(timeout=10)
