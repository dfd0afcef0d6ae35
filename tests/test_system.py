"""LibreOffice and fonts on Windows and macOS, simulated on Linux (issue 15): a patched
sys.platform, fake Program Files, app bundles and font folders, a PATH without soffice."""

from __future__ import annotations

import shutil
import struct
import sys
from pathlib import Path

import pytest

from helpers import run_cli
from itareport.errors import ItareportError
from itareport.render import pdf, system
from itareport.render.package import read_package

# A real font file of this machine and its family (Linux: fonts-thai-tlwg, from tools/install-test-deps.sh)
REAL_FONTS = {"linux": (Path("/usr/share/fonts/truetype/tlwg/Laksaman.ttf"), "Laksaman"),
              "win32": (Path(r"C:\Windows\Fonts\arial.ttf"), "Arial"),
              "darwin": (Path("/System/Library/Fonts/Supplemental/Arial.ttf"), "Arial")}
REAL_FONT, REAL_FAMILY = REAL_FONTS[sys.platform]


def fake_program(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n")
    path.chmod(0o755)
    return path


def name_table_font(*families: str) -> bytes:
    """A font file holding only a `name` table (all the family lookup reads), Windows records."""
    strings = b"".join(f.encode("utf-16-be") for f in families)
    records, at = b"", 0
    for family in families:
        size = len(family.encode("utf-16-be"))
        records += struct.pack(">HHHHHH", 3, 1, 0x409, 1, size, at)
        at += size
    name = struct.pack(">HHH", 0, len(families), 6 + len(records)) + records + strings
    header = struct.pack(">IHHHH", 0x00010000, 1, 16, 0, 0)
    return header + struct.pack(">4sIII", b"name", 0, 12 + 16, len(name)) + name


def as_collection(font: bytes) -> bytes:
    """The same font as a one-font TrueType collection (.ttc): a header, and offsets moved by it."""
    tables = struct.unpack(">H", font[4:6])[0]
    directory = bytearray(font[:12 + 16 * tables])
    for i in range(tables):
        at = 12 + 16 * i + 8
        directory[at:at + 4] = struct.pack(">I", struct.unpack(">I", directory[at:at + 4])[0] + 16)
    return b"ttcf" + struct.pack(">HHII", 1, 0, 1, 16) + bytes(directory) + font[len(directory):]


# --- LibreOffice -------------------------------------------------------------------------------

def test_windows_program_files_both_architectures(tmp_path):
    x86 = fake_program(tmp_path / "x86" / "LibreOffice" / "program" / "soffice.exe")
    env = {"PATH": str(tmp_path / "empty"), "ProgramFiles": str(tmp_path / "pf"),
           "ProgramFiles(x86)": str(tmp_path / "x86")}
    assert system.find_soffice("win32", env) == str(x86)
    native = fake_program(tmp_path / "pf" / "LibreOffice" / "program" / "soffice.exe")
    assert system.find_soffice("win32", env) == str(native)


def test_windows_versioned_folder_of_older_installers(tmp_path):
    old = fake_program(tmp_path / "pf" / "LibreOffice 7" / "program" / "soffice.exe")
    assert system.find_soffice("win32", {"PATH": "", "ProgramFiles": str(tmp_path / "pf")}) == str(old)


def test_macos_app_bundle(tmp_path):
    assert Path("/Applications/LibreOffice.app/Contents/MacOS/soffice") in system.soffice_candidates("darwin", {})
    mine = fake_program(tmp_path / "Applications" / "LibreOffice.app" / "Contents" / "MacOS" / "soffice")
    assert system.find_soffice("darwin", {"PATH": ""}, home=tmp_path) == str(mine)


def test_path_first_then_the_variable_then_install_folders(tmp_path):
    on_path = fake_program(tmp_path / "bin" / "soffice")
    configured = fake_program(tmp_path / "custom" / "soffice.exe")
    fake_program(tmp_path / "pf" / "LibreOffice" / "program" / "soffice.exe")
    env = {"PATH": str(tmp_path / "bin"), system.ENV_SOFFICE: str(configured), "ProgramFiles": str(tmp_path / "pf")}
    assert system.find_soffice("win32", env) == str(on_path)
    env["PATH"] = str(tmp_path / "empty")
    assert system.find_soffice("win32", env) == str(configured)


def test_a_wrong_variable_is_named(tmp_path):
    env = {"PATH": "", system.ENV_SOFFICE: str(tmp_path / "nowhere" / "soffice.exe")}
    with pytest.raises(ItareportError, match=r"ITAREPORT_SOFFICE is set to '.*nowhere.*soffice.exe', which is not"):
        system.find_soffice("win32", env)


def test_the_error_lists_every_place_it_looked(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setenv("ProgramFiles", str(tmp_path / "pf"))
    monkeypatch.delenv("ProgramFiles(x86)", raising=False)
    monkeypatch.delenv("ProgramW6432", raising=False)
    monkeypatch.delenv(system.ENV_SOFFICE, raising=False)
    with pytest.raises(ItareportError) as info:
        pdf.find_soffice()
    message = str(info.value)
    for place in ("PATH (soffice, libreoffice)", "ITAREPORT_SOFFICE (not set)",
                  str(tmp_path / "pf" / "LibreOffice" / "program" / "soffice.exe"),
                  str(Path(r"C:\Program Files (x86)") / "LibreOffice" / "program" / "soffice.exe"),
                  "set ITAREPORT_SOFFICE to the full path of soffice", "libreoffice.org/download"):
        assert place in message, (place, message)


def test_cli_without_libreoffice_exits_2_naming_the_variable(tmp_path):
    result = run_cli("build", "data/measures_2568.yaml", "--format", "pdf", "-o", tmp_path / "x.pdf",
                     env={"PATH": str(tmp_path)})
    assert result.returncode == 2, result.stderr
    assert "ITAREPORT_SOFFICE" in result.stderr and "Traceback" not in result.stderr
    assert not list(tmp_path.iterdir())


# --- fonts -------------------------------------------------------------------------------------

def test_family_names_read_from_a_real_font_file():
    assert system.font_families(REAL_FONT) == {REAL_FAMILY}
    assert system.font_families(REAL_FONT.with_name("missing.ttf")) == set()


def test_a_collection_and_a_broken_file(tmp_path):
    (tmp_path / "thai.ttc").write_bytes(as_collection(REAL_FONT.read_bytes()))
    assert system.font_families(tmp_path / "thai.ttc") == {REAL_FAMILY}
    (tmp_path / "broken.ttf").write_bytes(b"\x00\x01\x00\x00\x00\x09")
    assert system.font_families(tmp_path / "broken.ttf") == set()


def windows(tmp_path, monkeypatch, system_fonts=(), user_fonts=()):
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("WINDIR", str(tmp_path / "Windows"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "Local"))
    for folder, fonts in ((tmp_path / "Windows" / "Fonts", system_fonts),
                          (tmp_path / "Local" / "Microsoft" / "Windows" / "Fonts", user_fonts)):
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in fonts:
            (folder / name).write_bytes(data)


def test_windows_system_and_per_user_fonts(tmp_path, monkeypatch):
    windows(tmp_path, monkeypatch, system_fonts=[("THSarabun.ttf", name_table_font("TH SarabunPSK"))],
            user_fonts=[("Laksaman.ttf", name_table_font("Laksaman"))])
    assert system.installed_families() == {"th sarabunpsk", "laksaman"}


def test_macos_font_folders(tmp_path):
    assert system.font_folders("darwin", {}, tmp_path) == [
        Path("/Library/Fonts"), Path("/System/Library/Fonts"), tmp_path / "Library" / "Fonts"]
    (tmp_path / "Library" / "Fonts").mkdir(parents=True)
    (tmp_path / "Library" / "Fonts" / "THSarabunNew.ttf").write_bytes(name_table_font("TH Sarabun New"))
    assert "th sarabun new" in system.installed_families("darwin", {}, tmp_path)


@pytest.fixture
def parts(seed_docx):
    return dict(read_package(seed_docx.read_bytes()))


def test_sarabun_installed_on_windows_means_no_substitution(tmp_path, monkeypatch, parts):
    windows(tmp_path, monkeypatch, user_fonts=[("THSarabun.ttf", name_table_font("TH SarabunPSK"))])
    before = dict(parts)
    assert pdf.prepare_fonts(parts) == []
    assert parts == before


def test_sarabun_missing_on_windows_uses_the_stand_in(tmp_path, monkeypatch, parts):
    windows(tmp_path, monkeypatch, system_fonts=[("Laksaman.ttf", name_table_font("Laksaman"))])
    notes = pdf.prepare_fonts(parts)
    assert len(notes) == 1 and "Laksaman at 2/3" in str(notes[0])
    assert b'w:ascii="Laksaman"' in parts["word/styles.xml"] or b'w:cs="Laksaman"' in parts["word/styles.xml"]


def test_no_font_check_possible_one_note_and_nothing_changed(tmp_path, monkeypatch, parts):
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setattr(system, "font_folders", lambda *a, **k: [tmp_path / "no-such-folder"])
    before = dict(parts)
    notes = pdf.prepare_fonts(parts)
    assert len(notes) == 1 and "cannot tell which fonts are installed" in str(notes[0])
    assert parts == before


def test_linux_without_fontconfig_one_note(tmp_path, monkeypatch, parts):
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("PATH", str(tmp_path))
    assert shutil.which("fc-list") is None
    system._fontconfig_families.cache_clear()  # fc-list is asked once per process
    monkeypatch.setattr(system, "_fontconfig_families", system._fontconfig_families.__wrapped__)
    before = dict(parts)
    assert len(pdf.prepare_fonts(parts)) == 1 and parts == before


def test_a_hung_libreoffice_is_ended_without_process_groups(monkeypatch):
    """On Windows os.killpg does not exist: the stuck soffice is killed as a process."""
    import subprocess as sp

    from itareport.render import pdf

    process = sp.Popen([sys.executable, "-c", "import time; time.sleep(60)"], start_new_session=True)
    monkeypatch.delattr(pdf.os, "killpg")
    pdf._kill_group(process)
    assert process.wait(timeout=10) != 0
