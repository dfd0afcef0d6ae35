"""Operating-system errors explained in the user's language (not the C library's English strerror).

`os_error_text(exc)` is what every message about a failed read, write or folder says after its
colon: the common cases by errno, in Thai or English; anything else as "system error N" with the
system's own words, so nothing is lost.
"""

from __future__ import annotations

import errno

from .i18n import N_, _

MESSAGES = {
    errno.ENOENT: N_("the file or folder does not exist"),
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("the operation is not permitted"),
    errno.EISDIR: N_("it is a folder, not a file"),
    errno.ENOTDIR: N_("a part of the path is a file, not a folder"),
    errno.EEXIST: N_("it already exists"),
    errno.ENOSPC: N_("the disk is full"),
    errno.EROFS: N_("the disk is read-only"),
    errno.ENAMETOOLONG: N_("the name is too long"),
    errno.EBUSY: N_("it is in use by another program"),
    errno.ETXTBSY: N_("it is in use by another program"),
    errno.EMFILE: N_("too many files are open"),
    errno.ELOOP: N_("too many symbolic links (a link loop)"),
    errno.EIO: N_("the disk could not be read or written (input/output error)"),
    errno.EINVAL: N_("the name is not valid here"),
    errno.ENOTEMPTY: N_("the folder is not empty"),
    errno.EXDEV: N_("it cannot be moved across disks"),
}
if hasattr(errno, "EDQUOT"):
    MESSAGES[errno.EDQUOT] = N_("the disk quota is used up")


def os_error_text(exc: OSError) -> str:
    """What went wrong, in the user's language: 'permission denied (...)', 'the disk is full'."""
    message = MESSAGES.get(exc.errno) if exc.errno is not None else None
    if message is not None:
        return _(message)
    winerror = getattr(exc, "winerror", None)
    if exc.errno is None and winerror is None:
        return _("system error: {error}").format(error=exc)
    return _("system error {number}: {error}").format(number=winerror or exc.errno, error=exc.strerror or exc)
