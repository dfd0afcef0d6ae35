"""PDF: LibreOffice (headless) converts the built .docx.

Each conversion runs with its own temporary LibreOffice profile, so it works
beside a running LibreOffice and in parallel, and with a timeout.

Two things LibreOffice does differently from Word, handled here:

- Thai page numbers. LibreOffice 7.4 draws the footer's PAGE field with Arabic
  digits whatever the section's number format says; with the profile setting
  "Numerals: Context" (CTLTextNumerals=3) it draws Thai digit shapes in runs
  whose language is Thai (our styles say th-TH). The PDF's text layer still
  holds Arabic digits there; the pages show Thai ones.
- The font. When the computer has no TH Sarabun font (system.py asks fontconfig, or
  reads the font folders of Windows and macOS), LibreOffice substitutes
  Laksaman, a TLWG font based on TH Sarabun New whose glyphs are drawn about
  1.5 times larger, and the pages no longer match Word's. Then the PDF is made
  from a copy of the .docx that names Laksaman at 2/3 of each size, which gives
  Word's line breaks and page count closely (a warning says so).

The .docx's hash goes into the PDF's Keywords ("itareport-source-sha256-..."),
so `itareport build --check` can tell a stale PDF without running LibreOffice; so does the
provenance of the .docx (its data file's name, hash and itareport's version: provenance.py).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import queue
import re
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from ..errors import ItareportError
from ..i18n import N_
from ..messages import M_, Message
from ..oserrors import os_error_text
from ..provenance import keywords, package_provenance, pdf_keywords, pdf_with_source
from ..stopping import forget_child, forget_leftover, kill_process, register_child, register_leftover
from .ooxml import esc
from .package import deterministic_zip, read_package
from .system import find_soffice, installed_families

TIMEOUT = 180  # seconds for one conversion
FINGERPRINT_PREFIX = "itareport-source-sha256-"  # LibreOffice splits keywords at spaces and colons

# A font of the TH Sarabun family, and the installed stand-in drawn 1.5x larger.
SARABUN = re.compile(r"^TH ?Sarabun", re.IGNORECASE)
STAND_IN = "Laksaman"
STAND_IN_SCALE = (2, 3)

INSTALL_HINT = ("install LibreOffice Writer, e.g. `sudo apt-get install libreoffice-writer-nogui "
                "fonts-thai-tlwg` on Debian/Ubuntu, or from https://www.libreoffice.org/download/ "
                "(then make sure `soffice` is on PATH)")

_THAI_NUMERALS_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/I18N/CTL"><prop oor:name="CTLTextNumerals" oor:op="fuse">\
<value>3</value></prop></item>
</oor:items>
"""

_RFONTS = re.compile(r"<w:rFonts\b[^>]*>")
_FONT_ATTR = re.compile(r'(w:(?:ascii|hAnsi|cs|eastAsia)=")([^"]*)(")')
_SIZE = re.compile(r'(<w:sz(?:Cs)? w:val=")(\d+)(")')


def fingerprint(docx: bytes) -> str:
    return FINGERPRINT_PREFIX + hashlib.sha256(docx).hexdigest()


def read_fingerprint(pdf: bytes) -> str | None:
    """The itareport fingerprint in a PDF's Keywords, or None."""
    for text in pdf_keywords(pdf):
        found = re.search(re.escape(FINGERPRINT_PREFIX) + "[0-9a-f]{64}", text)
        if found:
            return found.group()
    return None


def _is_wml(name: str) -> bool:
    return name.startswith("word/") and name.endswith(".xml")


_STYLE = re.compile(r"<w:style\b([^>]*)>(.*?)</w:style>", re.S)
_STYLE_REF = re.compile(r'<w:(?:pStyle|rStyle|tblStyle) w:val="([^"]*)"')
_BASED_ON = re.compile(r'<w:basedOn w:val="([^"]*)"')


def _fonts_in(xml: str) -> set[str]:
    return {m.group(2) for element in _RFONTS.findall(xml) for m in _FONT_ATTR.finditer(element)}


def named_fonts(parts: dict[str, bytes]) -> set[str]:
    """The font families text in the document can use: those of the body, headers and footers,
    of the styles they use (and the styles those are based on), and of the defaults. Fonts only
    named by unused styles, numbering or the font table (Courier, Symbol in Word's own) are left out."""
    fonts: set[str] = set()
    used: set[str] = set()
    for name, data in parts.items():
        if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", name):
            text = data.decode("utf-8", "replace")
            fonts |= _fonts_in(text)
            used.update(_STYLE_REF.findall(text))
    styles = parts.get("word/styles.xml", b"").decode("utf-8", "replace")
    defaults = re.search(r"<w:docDefaults>.*?</w:docDefaults>", styles, re.S)
    fonts |= _fonts_in(defaults.group()) if defaults else set()
    by_id: dict[str, str] = {}
    for attrs, body in _STYLE.findall(styles):
        id_match = re.search(r'w:styleId="([^"]*)"', attrs)
        if id_match:
            by_id[id_match.group(1)] = body
        if 'w:default="1"' in attrs and id_match:
            used.add(id_match.group(1))
    seen: set[str] = set()
    while used:
        style_id = used.pop()
        if style_id in seen or style_id not in by_id:
            continue
        seen.add(style_id)
        fonts |= _fonts_in(by_id[style_id])
        used.update(_BASED_ON.findall(by_id[style_id]))
    fonts.discard("")
    return fonts


def substitute_fonts(parts: dict[str, bytes], missing: set[str]) -> None:
    """Name the stand-in font for the missing Sarabun fonts, every size scaled by 2/3."""
    num, den = STAND_IN_SCALE
    for name in [n for n in parts if _is_wml(n)]:
        text = parts[name].decode("utf-8")
        text = _RFONTS.sub(lambda e: _FONT_ATTR.sub(
            lambda m: m.group(1) + (STAND_IN if m.group(2) in missing else m.group(2)) + m.group(3), e.group()), text)
        text = _SIZE.sub(lambda m: f"{m.group(1)}{max(1, round(int(m.group(2)) * num / den))}{m.group(3)}", text)
        parts[name] = text.encode("utf-8")


def set_keywords(parts: dict[str, bytes], keywords: str) -> None:
    """Core properties carrying these keywords (LibreOffice copies them into the PDF)."""
    if "docProps/core.xml" not in parts:
        return
    text = re.sub(r"<cp:keywords>.*?</cp:keywords>|<cp:keywords/>", "", parts["docProps/core.xml"].decode("utf-8"),
                  flags=re.S)
    parts["docProps/core.xml"] = text.replace(
        "</cp:coreProperties>", f"<cp:keywords>{esc(keywords)}</cp:keywords></cp:coreProperties>").encode("utf-8")


_LANG = re.compile(r"<w:lang\b[^>]*>")


def keep_body_digits(parts: dict[str, bytes]) -> None:
    """Styles that mark Latin text (and so digits) as English, headers and footers untouched.

    With Numerals: Context, LibreOffice draws Thai digit shapes in runs whose language is Thai;
    the body's remaining Arabic digits (URLs, ISO9001) are meant as Arabic, so only the
    footer's page number keeps th-TH. Thai letters use the complex-script language (w:bidi).
    """
    if "word/styles.xml" in parts:
        parts["word/styles.xml"] = _LANG.sub(lambda m: re.sub(r'\bw:val="th-TH"', 'w:val="en-US"', m.group()),
                                             parts["word/styles.xml"].decode("utf-8")).encode("utf-8")


def prepare_fonts(parts: dict[str, bytes]) -> list[Message]:
    """Swap in the stand-in for a missing Sarabun font; warnings about fonts that are not installed."""
    families = installed_families()
    if families is None:
        return [M_("cannot tell which fonts are installed here (no fontconfig, no font folder), so no font is "
                  "replaced: if TH SarabunPSK is missing, the PDF's pages may differ from Word's")]
    missing = {f for f in named_fonts(parts) if f.lower() not in families}
    notes = []
    sarabun = {f for f in missing if SARABUN.match(f)}
    if sarabun and STAND_IN.lower() in families:
        substitute_fonts(parts, sarabun)
        notes.append(M_("font {fonts} is not installed: the PDF uses {stand_in} at 2/3 of each size to keep Word's "
                        "page layout; install the font for the exact glyphs",
                        fonts=", ".join(sorted(sarabun)), stand_in=STAND_IN))
    elif sarabun:
        notes.append(M_("fonts {fonts} and {stand_in} (fonts-thai-tlwg) are not installed: the PDF's pages will "
                        "differ from Word's", fonts=", ".join(sorted(sarabun)), stand_in=STAND_IN))
    for font in sorted(missing - sarabun):
        notes.append(M_("font {font} is not installed: LibreOffice substitutes another font in the PDF", font=font))
    return notes


def convert(docx: bytes, thai_numerals: bool = True, timeout: float = TIMEOUT) -> bytes:
    """Run LibreOffice once, in a fresh profile, to turn .docx bytes into PDF bytes."""
    result = convert_many([docx], thai_numerals, timeout)[0]
    if not isinstance(result, bytes):
        raise ItareportError(M_("cannot make a PDF: {reason}", reason=result))
    return result


Cancel = Callable[[], bool]   # true once the conversion must stop (the batch was asked to stop)
WORK_PREFIX = "itareport-pdf-"   # every folder of ours in the temporary folder


def convert_many(docs: list[bytes], thai_numerals: bool = True, timeout: float = TIMEOUT,
                 done: Callable[[int, bytes | Message], None] | None = None,
                 cancel: Cancel | None = None) -> list[bytes | Message | None]:
    """Each .docx as PDF bytes, or the reason it failed, in order (None: not reached, cancelled), by ONE
    LibreOffice start for all (convert_files); done(i, result) as each file finishes."""
    results: list[bytes | Message | None] = [None] * len(docs)
    with tempfile.TemporaryDirectory(prefix=WORK_PREFIX) as tmp:
        sources = []
        for i, doc in enumerate(docs):
            sources.append(Path(tmp) / f"{i:06d}.docx")
            sources[-1].write_bytes(doc)

        def finish(i: int, result: bytes | Message) -> None:
            results[i] = result
            if done is not None:
                done(i, result)

        convert_files(sources, Path(tmp) / "run", thai_numerals, timeout, finish, cancel)
    return results


def convert_files(sources: list[Path], work: Path, thai_numerals: bool = True, timeout: float = TIMEOUT,
                  done: Callable[[int, bytes | Message], None] | None = None, cancel: Cancel | None = None) -> None:
    """Convert .docx files (their stems unique) with ONE LibreOffice start (`soffice --convert-to pdf a.docx
    b.docx ...`, which goes on after a file it cannot open); done(i, PDF bytes or why it failed) as each
    finishes. A file that hangs (no progress for `timeout` s) or crashes LibreOffice is named, and a new
    start takes the rest. `work` (made here, removed at the end) holds LibreOffice's profile, its temporary
    folder (TMPDIR: its lu*.tmp files) and the PDFs. When cancel() turns true, LibreOffice and what it
    started are killed within 0.2 s and nothing of theirs is left (the OSL_PIPE socket in /tmp too)."""
    soffice = find_soffice()
    profile = work / "profile"
    leftovers = [work, *pipe_paths(profile)]  # removed by a second Ctrl+C too (stopping.remove_leftovers)
    for path in leftovers:
        register_leftover(path)
    try:
        (profile / "user").mkdir(parents=True)
        (work / "tmp").mkdir()
        if thai_numerals:
            (profile / "user" / "registrymodifications.xcu").write_text(_THAI_NUMERALS_PROFILE, encoding="utf-8")
        pending = list(range(len(sources)))

        def finish(i: int, result: bytes | Message) -> None:   # each PDF with its data file's text embedded
            (done or _ignore)(i, pdf_with_source(result, sources[i].read_bytes()) if isinstance(result, bytes)
                              else result)

        while pending and not (cancel is not None and cancel()):
            pending = _convert_run(soffice, sources, work, profile, pending, timeout, finish, cancel)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        remove_pipe(profile)
        for path in leftovers:
            forget_leftover(path)


def _ignore(_i: int, _result: bytes | Message) -> None:
    pass


def pipe_paths(profile: Path) -> list[Path]:
    """Where LibreOffice keeps its single-instance socket for this profile while it runs (POSIX: /tmp, else
    /var/tmp, whatever TMPDIR says): OSL_PIPE_<uid>_SingleOfficeIPC_<the MD5 of the profile's URL in
    UTF-16, each byte in hex without a leading zero>. A killed LibreOffice leaves it behind."""
    if not hasattr(os, "getuid"):
        return []  # Windows: a named pipe, no file
    digest = hashlib.md5(profile.as_uri().encode("utf-16-le")).digest()  # LibreOffice's name, not security
    name = f"OSL_PIPE_{os.getuid()}_SingleOfficeIPC_" + "".join(format(byte, "x") for byte in digest)
    return [Path(folder) / name for folder in ("/tmp", "/var/tmp")]


def remove_pipe(profile: Path) -> None:
    for path in pipe_paths(profile):
        with contextlib.suppress(OSError):
            path.unlink()


_CONVERTING = re.compile(r"[/\\]([^/\\]+)\.docx -> ")
NOT_OPENED = N_("LibreOffice could not open the .docx")


def _pdf_if_complete(path: Path) -> bytes | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return data if data.rstrip().endswith(b"%%EOF") else None


def _convert_run(soffice: str, sources: list[Path], work: Path, profile: Path, pending: list[int], timeout: float,
                 finish: Callable[[int, bytes | Message], None], cancel: Cancel | None) -> list[int]:
    """One soffice process over `pending` (indexes into sources); returns the files still to convert after a
    hang or crash (none after a cancel).

    soffice prints "convert .../NAME.docx -> ..." as it starts storing a file: the file before it is
    then finished, and files it skipped could not be opened."""
    out = work / "out"
    stems = {sources[i].stem: i for i in pending}
    command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--nolockcheck", "--nodefault", "--convert-to", "pdf", "--outdir", str(out),
               *(str(sources[i]) for i in pending)]
    # HOME keeps LibreOffice away from the user's own settings; TMPDIR (TMP, TEMP on Windows) puts its
    # temporary files (lu*.tmp) in our folder, removed with it.
    temporary = str(work / "tmp")
    env = {**os.environ, "HOME": str(work), "TMPDIR": temporary, "TMP": temporary, "TEMP": temporary}
    try:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.DEVNULL, text=True, env=env, start_new_session=True)
    except OSError as exc:
        raise ItareportError(M_("cannot make a PDF: cannot run {program}: {reason}; ",
                                program=soffice, reason=os_error_text(exc)) + INSTALL_HINT) from None
    register_child(process.pid, group=True)
    lines: queue.Queue[str | None] = queue.Queue()
    threading.Thread(target=_read_lines, args=(process, lines), daemon=True).start()
    position = 0          # index into pending of the next file soffice has not reached
    current: int | None = None  # the file being stored
    hung = cancelled = False
    try:
        deadline = time.monotonic() + timeout
        while True:
            cancelled = cancel is not None and cancel()
            if cancelled:
                break
            try:
                line = lines.get(timeout=0.2)
            except queue.Empty:
                if time.monotonic() > deadline:
                    hung = True
                    break
                continue
            if line is None:
                break
            found = _CONVERTING.search(line)
            at = stems.get(found.group(1)) if found else None
            if at is None or at not in pending[position:]:
                continue
            if current is not None:
                finish(current, _pdf_if_complete(out / f"{sources[current].stem}.pdf") or
                       M_("LibreOffice wrote no PDF"))
            at = pending.index(at, position)
            for skipped in pending[position:at]:
                finish(skipped, Message(NOT_OPENED))
            current, position = pending[at], at + 1
            deadline = time.monotonic() + timeout
    finally:
        if process.poll() is None:
            kill_process(process.pid, group=True)
        process.wait()
        forget_child(process.pid)
    if cancelled:
        return []
    crashed = hung or process.returncode != 0
    if current is not None:
        made = _pdf_if_complete(out / f"{sources[current].stem}.pdf")
        if made is not None:
            finish(current, made)
            current = None
    rest = pending[position:]
    if not crashed:
        if current is not None:
            finish(current, M_("LibreOffice wrote no PDF"))
        for skipped in rest:
            finish(skipped, Message(NOT_OPENED))
        return []
    culprit = current if current is not None else (rest.pop(0) if rest else None)
    if culprit is not None:
        finish(culprit, M_("LibreOffice did not finish within {seconds:g} s", seconds=timeout) if hung
               else M_("LibreOffice stopped (exit {code}) while converting it", code=process.returncode))
    return rest


def _read_lines(process: subprocess.Popen[str], lines: queue.Queue[str | None]) -> None:
    """LibreOffice's output, line by line, then None."""
    if process.stdout is not None:
        with contextlib.suppress(OSError, ValueError):
            for line in process.stdout:
                lines.put(line)
    lines.put(None)


def prepare_source(docx: bytes, numerals: str = "thai") -> tuple[bytes, list[Message]]:
    """The .docx LibreOffice converts: the stand-in font where Sarabun is missing, body digits kept
    Arabic (with Thai numerals), and the fingerprint of `docx` in its keywords; and font warnings."""
    entries = read_package(docx)
    parts = dict(entries)
    notes = prepare_fonts(parts)
    if numerals == "thai":
        keep_body_digits(parts)
    provenance = package_provenance(parts)
    set_keywords(parts, fingerprint(docx) + (" " + keywords(provenance) if provenance is not None else ""))
    return deterministic_zip((name, parts[name]) for name, _ignored in entries), notes


def render_pdf(docx: bytes, numerals: str = "thai", timeout: float = TIMEOUT) -> tuple[bytes, list[Message]]:
    """PDF bytes for the .docx bytes, and warnings (fonts)."""
    prepared, notes = prepare_source(docx, numerals)
    return convert(prepared, thai_numerals=numerals == "thai", timeout=timeout), notes
