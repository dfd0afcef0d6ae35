"""Standard output and error that never fail on Thai text, whatever the platform's encoding.

Python writes redirected output (a file, a pipe) in the locale's encoding: on Windows the
ANSI code page (cp1252 on English Windows, cp874 on Thai Windows), or what PYTHONIOENCODING
says. A Thai character that encoding cannot hold would end the command with a
UnicodeEncodeError. configure_streams(), called once by cli.main(), decides per stream:

- a file or a pipe: UTF-8, as with PYTHONUTF8=1 (what Windows 10+ Notepad, VS Code, CI logs
  and `itareport import -o -` piped into a data file expect; YAML must be UTF-8 anyway);
- a terminal: its own encoding is kept (Windows' console takes Unicode since Python 3.6, so
  this concerns old or oddly configured terminals); a character it cannot show is written as
  \\uXXXX instead of crashing, and the rest of the line stays as it is.

Either way errors="backslashreplace": a character that still cannot be written never ends
the command. PYTHONUTF8=1 in the environment makes every Python program behave like the
first case (the README says when to set it).
"""

from __future__ import annotations

import codecs
import sys


def _isatty(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, OSError, ValueError):
        return False


def configure_stream(stream) -> None:
    """Make one text stream safe for Thai output (see the module's docstring)."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is None:  # replaced by something that is not a TextIOWrapper (a test runner): leave it
        return
    encoding = getattr(stream, "encoding", None)
    try:
        stream.flush()
        if not _isatty(stream) and codecs.lookup(encoding or "ascii").name != "utf-8":
            reconfigure(encoding="utf-8", errors="backslashreplace")
        elif getattr(stream, "errors", "strict") == "strict":
            reconfigure(errors="backslashreplace")
    except (LookupError, OSError, ValueError):  # a closed or unusual stream: nothing to fix there
        pass


def configure_streams() -> None:
    """stdout and stderr, once, before anything is printed."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            configure_stream(stream)
