"""Where this computer keeps LibreOffice and its fonts: Linux, Windows and macOS.

LibreOffice: PATH first (`soffice`, `libreoffice`), then the ITAREPORT_SOFFICE environment
variable, then the standard install folders: on Windows `LibreOffice\\program\\soffice.exe`
under Program Files (64- and 32-bit), on macOS the app bundle in /Applications (or
~/Applications).

Fonts: Linux asks fontconfig (`fc-list`); Windows and macOS, whose LibreOffice does not use
fontconfig, read the family names out of the font files in their font folders (the `name`
table every TrueType/OpenType font carries). None when neither can be done.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

from ..errors import ItareportError
from ..messages import M_, Message, joined

ENV_SOFFICE = "ITAREPORT_SOFFICE"
FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")
FAMILY_NAME_IDS = (1, 16)  # the font family, and the typographic family when a family has many weights


def _program_files(environ) -> list[str]:
    roots = [environ.get(name) for name in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)")]
    roots += [r"C:\Program Files", r"C:\Program Files (x86)"]
    return list(dict.fromkeys(root for root in roots if root))


def soffice_candidates(platform: str | None = None, environ=None, home: Path | None = None) -> list[Path]:
    """The standard install places of LibreOffice on this platform, most likely first."""
    platform = platform or sys.platform
    environ = os.environ if environ is None else environ
    if platform == "win32":
        found = []
        for root in map(Path, _program_files(environ)):
            found.append(root / "LibreOffice" / "program" / "soffice.exe")
            with contextlib.suppress(OSError):  # older installers used a versioned folder, "LibreOffice 7"
                found += sorted(root.glob("LibreOffice */program/soffice.exe"), reverse=True)
        return found
    if platform == "darwin":
        bundle = Path("LibreOffice.app") / "Contents" / "MacOS" / "soffice"
        return [Path("/Applications") / bundle, (home or Path.home()) / "Applications" / bundle]
    return []


def find_soffice(platform: str | None = None, environ=None, home: Path | None = None) -> str:
    """The LibreOffice program to run; an error saying everywhere it looked when there is none."""
    environ = os.environ if environ is None else environ
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name, path=environ.get("PATH"))
        if found:
            return found
    configured = environ.get(ENV_SOFFICE, "").strip().strip('"')
    if configured:
        found = shutil.which(configured, path=environ.get("PATH")) if not os.path.isfile(configured) else configured
        if found:
            return found
        raise ItareportError(M_("cannot make a PDF: {var} is set to '{value}', which is not the LibreOffice program; "
                                "set it to the full path of soffice (e.g. {example})",
                                var=ENV_SOFFICE, value=configured, example=_example(platform)))
    candidates = soffice_candidates(platform, environ, home)
    for candidate in candidates:
        if candidate.is_file():
            return str(candidate)
    places: list[Message | str] = [M_("PATH (soffice, libreoffice)"), M_("{var} (not set)", var=ENV_SOFFICE)]
    places += [str(c) for c in candidates]
    raise ItareportError(M_("cannot make a PDF: LibreOffice (soffice) is not installed; looked in: {places}. "
                            "{hint}, or set {var} to the full path of soffice (e.g. {example})",
                            places=joined(places, "; "), hint=install_hint(platform), var=ENV_SOFFICE,
                            example=_example(platform)))


def _example(platform: str | None) -> str:
    platform = platform or sys.platform
    if platform == "win32":
        return r"C:\Program Files\LibreOffice\program\soffice.exe"
    if platform == "darwin":
        return "/Applications/LibreOffice.app/Contents/MacOS/soffice"
    return "/opt/libreoffice/program/soffice"


def install_hint(platform: str | None = None) -> Message:
    platform = platform or sys.platform
    if platform in ("win32", "darwin"):
        return M_("Install LibreOffice from https://www.libreoffice.org/download/")
    return M_("Install LibreOffice Writer, e.g. `sudo apt-get install libreoffice-writer-nogui fonts-thai-tlwg` "
              "on Debian/Ubuntu, or from https://www.libreoffice.org/download/")


def font_folders(platform: str | None = None, environ=None, home: Path | None = None) -> list[Path]:
    """The folders LibreOffice takes fonts from on Windows and macOS (empty elsewhere: fontconfig)."""
    platform = platform or sys.platform
    environ = os.environ if environ is None else environ
    home = home or Path.home()
    if platform == "win32":
        windows = environ.get("WINDIR") or environ.get("SystemRoot") or r"C:\Windows"
        folders = [Path(windows) / "Fonts"]
        local = environ.get("LOCALAPPDATA")
        folders.append(Path(local) / "Microsoft" / "Windows" / "Fonts" if local else
                       home / "AppData" / "Local" / "Microsoft" / "Windows" / "Fonts")
        return folders
    if platform == "darwin":
        return [Path("/Library/Fonts"), Path("/System/Library/Fonts"), home / "Library" / "Fonts"]
    return []


def installed_families(platform: str | None = None, environ=None, home: Path | None = None) -> set[str] | None:
    """Installed font families (lower case), or None when this computer cannot be asked."""
    folders = font_folders(platform, environ, home)
    if folders:
        existing = tuple(f for f in folders if f.is_dir())
        return set(_families_in(existing)) if existing else None
    families = _fontconfig_families()
    return None if families is None else set(families)


@functools.lru_cache(maxsize=1)
def _fontconfig_families() -> frozenset[str] | None:
    """Font families fontconfig knows (lower case), asked once per process; None without fc-list."""
    try:
        out = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return frozenset(name.strip().lower() for line in out.splitlines() for name in line.split(",") if name.strip())


@functools.lru_cache(maxsize=8)
def _families_in(folders: tuple[Path, ...]) -> frozenset[str]:
    families: set[str] = set()
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.suffix.lower() in FONT_SUFFIXES:
                families |= {name.lower() for name in font_families(path)}
    return frozenset(families)


def font_families(path: Path) -> set[str]:
    """The family names a TrueType/OpenType font file (or collection) declares; empty when unreadable."""
    try:
        with open(path, "rb") as handle:
            return _read_families(handle)
    except (OSError, struct.error, ValueError):
        return set()


def _read(handle, offset: int, size: int) -> bytes:
    handle.seek(offset)
    data = handle.read(size)
    if len(data) != size:
        raise ValueError("truncated font file")
    return data


def _read_families(handle) -> set[str]:
    head = _read(handle, 0, 12)
    fonts = [0]
    if head[:4] == b"ttcf":  # a collection: a list of fonts, each with its own table directory
        count = struct.unpack(">I", head[8:12])[0]
        fonts = list(struct.unpack(f">{count}I", _read(handle, 12, 4 * count)))
    names: set[str] = set()
    for start in fonts:
        tables = struct.unpack(">H", _read(handle, start + 4, 2))[0]
        directory = _read(handle, start + 12, 16 * tables)
        for i in range(tables):
            tag, _checksum, offset, _length = struct.unpack(">4sIII", directory[16 * i:16 * i + 16])
            if tag == b"name":
                names |= _name_table_families(handle, offset)
    return names


def _name_table_families(handle, offset: int) -> set[str]:
    _format, count, strings = struct.unpack(">HHH", _read(handle, offset, 6))
    records = _read(handle, offset + 6, 12 * count)
    names = set()
    for i in range(count):
        platform, encoding, _language, name_id, length, at = struct.unpack(">HHHHHH", records[12 * i:12 * i + 12])
        if name_id not in FAMILY_NAME_IDS or not length:
            continue
        raw = _read(handle, offset + strings + at, length)
        if platform in (0, 3):  # Unicode, Windows: UTF-16 big-endian
            names.add(raw.decode("utf-16-be", "replace").strip())
        elif platform == 1 and encoding == 0:  # Macintosh Roman
            names.add(raw.decode("mac_roman", "replace").strip())
    names.discard("")
    return names
