"""files.py on officers' computers (issue 15): a report held open in Word (os.replace raising
PermissionError, as on Windows), -o as typed in PowerShell/cmd, Thai names with spaces,
CRLF and BOM data files."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import DATA
from itareport import files
from itareport.cli import make_app
from itareport.errors import InputError, ItareportError
from itareport.files import output_path
from itareport.options import output_option


@pytest.fixture
def no_wait(monkeypatch):
    sleeps = []
    monkeypatch.setattr(files.time, "sleep", sleeps.append)
    return sleeps


def held_open(monkeypatch, times: int):
    """os.replace refusing the first `times` calls, like Windows while Word has the target open."""
    real, calls = os.replace, []

    def replace(src, dst):
        calls.append(dst)
        if len(calls) <= times:
            raise PermissionError(13, "The process cannot access the file because it is being used by another process")
        real(src, dst)

    monkeypatch.setattr(files.os, "replace", replace)
    return calls


def test_a_briefly_held_file_is_replaced_after_retrying(tmp_path, monkeypatch, no_wait):
    target = tmp_path / "รายงาน.docx"
    target.write_bytes(b"old")
    calls = held_open(monkeypatch, times=2)
    files.atomic_write(target, b"new")
    assert target.read_bytes() == b"new" and len(calls) == 3 and no_wait == [0.05, 0.1]
    assert os.listdir(tmp_path) == ["รายงาน.docx"]


def test_a_file_held_open_in_word_is_left_intact_with_advice(tmp_path, monkeypatch, no_wait):
    target = tmp_path / "รายงาน ปี 2568.docx"
    target.write_bytes(b"old")
    calls = held_open(monkeypatch, times=99)
    with pytest.raises(InputError) as info:
        files.atomic_write(target, b"new")
    assert str(info.value) == (f"{target}: another program has this file open: close รายงาน ปี 2568.docx in Word "
                               "(or the program that has it open) and run again")
    assert len(calls) == len(files.REPLACE_RETRY_DELAYS) + 1
    assert sum(no_wait) < 2  # about 1.5 s before giving up
    assert target.read_bytes() == b"old" and os.listdir(tmp_path) == [target.name]  # no temporary file left


def test_a_permission_problem_without_a_target_is_not_retried(tmp_path, monkeypatch, no_wait):
    held_open(monkeypatch, times=99)
    with pytest.raises(InputError, match=r"cannot write: permission denied$"):
        files.atomic_write(tmp_path / "new.docx", b"new")
    assert no_wait == [] and os.listdir(tmp_path) == []


def test_cli_exits_2_and_the_old_report_survives(tmp_path, monkeypatch, no_wait):
    target = tmp_path / "รายงาน.docx"
    target.write_bytes(b"old report")
    held_open(monkeypatch, times=99)
    result = CliRunner().invoke(make_app("en"), ["build", str(DATA), "-o", str(target)])
    assert result.exit_code == 2, result.output
    assert "close รายงาน.docx in Word (or the program that has it open) and run again" in result.output
    assert target.read_bytes() == b"old report" and os.listdir(tmp_path) == ["รายงาน.docx"]


# --- -o as typed -------------------------------------------------------------------------------

def test_a_trailing_slash_means_a_folder(tmp_path):
    folder = tmp_path / "รายงาน ปี 2568"
    assert output_option(f"{folder}/") == (folder, True)
    assert output_option(f"{folder}\\") == (folder, True)
    assert output_path(Path("measures_2568.yaml"), folder, many=True) == folder / "measures_2568.docx"
    assert output_option("รายงาน.docx") == (Path("รายงาน.docx"), False)


def test_windows_backslash_before_the_closing_quote(tmp_path, monkeypatch):
    """`-o "C:\\My Reports\\"` reaches Python on Windows as `C:\\My Reports"`."""
    monkeypatch.setattr(sys, "platform", "win32")
    folder = tmp_path / "My Reports"
    assert output_option(f'{folder}"') == (folder, True)
    with pytest.raises(ItareportError, match="a backslash just before a closing quote escapes it"):
        output_option(f'{folder}" --format pdf')


def test_windows_paths_with_drive_letters_are_understood_by_windows_path():
    """What itareport relies on (it never splits paths itself): Windows' path rules for -o."""
    from pathlib import PureWindowsPath

    path = PureWindowsPath(r"C:\Users\สมชาย\Documents\รายงาน ITA\รายงาน 2568.docx")
    assert path.drive == "C:" and path.suffix == ".docx" and path.stem == "รายงาน 2568"
    assert PureWindowsPath("D:\\reports\\") == PureWindowsPath("D:/reports")


def test_cli_builds_into_a_thai_folder_given_with_a_trailing_slash(tmp_path, monkeypatch):
    folder = tmp_path / "รายงาน ปี 2568"
    folder.mkdir()
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(make_app("en"), ["build", str(DATA), "-o", "รายงาน ปี 2568/"])
    assert result.exit_code == 0, result.output
    assert (folder / "measures_2568.docx").is_file()
    result = CliRunner().invoke(make_app("en"), ["build", str(DATA), "-o", "ยังไม่มี/"])  # a missing folder is created
    assert result.exit_code == 0, result.output
    assert (tmp_path / "ยังไม่มี" / "measures_2568.docx").is_file()


# --- data files saved on Windows ---------------------------------------------------------------

def test_crlf_and_bom_data_builds_the_same_report(tmp_path, monkeypatch):
    """The same data file saved on Windows (BOM, CRLF) and on Linux: the same report, provenance
    included (the file's name and the hash of its text with LF line ends)."""
    text = DATA.read_text(encoding="utf-8")
    windows = tmp_path / "windows" / "x.yaml"
    unix = tmp_path / "unix" / "x.yaml"
    for source in (windows, unix):
        source.parent.mkdir()
    windows.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    unix.write_text(text, encoding="utf-8")
    for source in (windows, unix):
        result = CliRunner().invoke(make_app("en"), ["build", str(source), "-o", str(source.with_suffix(".docx"))])
        assert result.exit_code == 0, result.output
    assert (tmp_path / "windows" / "x.docx").read_bytes() == (tmp_path / "unix" / "x.docx").read_bytes()


def test_notepad_unicode_is_refused_with_how_to_save_as_utf8(tmp_path):
    source = tmp_path / "notepad.yaml"
    source.write_bytes(DATA.read_text(encoding="utf-8").encode("utf-16"))
    result = CliRunner().invoke(make_app("en"), ["validate", str(source)])
    assert result.exit_code == 1 and "save the file as UTF-8" in result.output
