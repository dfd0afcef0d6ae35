"""Operating-system errors in the user's language (oserrors.os_error_text), never strerror's English alone."""

from __future__ import annotations

import errno

import pytest

from itareport.i18n import set_language
from itareport.oserrors import MESSAGES, os_error_text


@pytest.fixture
def thai():
    set_language("th")
    yield
    set_language("en")


def test_common_errors_in_english():
    assert os_error_text(PermissionError(errno.EACCES, "Permission denied")) == "permission denied"
    assert os_error_text(OSError(errno.ENOSPC, "No space left on device")) == "the disk is full"
    assert os_error_text(FileNotFoundError(errno.ENOENT, "x")) == "the file or folder does not exist"


def test_common_errors_in_thai(thai):
    assert os_error_text(PermissionError(errno.EACCES, "Permission denied")) == "ไม่มีสิทธิ์เข้าถึง (อ่านหรือเขียนไม่ได้)"
    assert os_error_text(OSError(errno.ENOSPC, "No space left on device")) == "ดิสก์เต็ม"
    for number in MESSAGES:
        assert os_error_text(OSError(number, "English")) != "English"


def test_an_unlisted_error_keeps_its_number_and_words(thai):
    text = os_error_text(OSError(errno.ECONNRESET, "Connection reset by peer"))
    assert text == f"ระบบแจ้งข้อผิดพลาดหมายเลข {errno.ECONNRESET}: Connection reset by peer"
    assert os_error_text(OSError("no errno")) == "ระบบแจ้งข้อผิดพลาด: no errno"
