"""Running the editor: the socket, the printed address, the browser, uvicorn, a clean stop."""

from __future__ import annotations

import errno
import logging
import socket
import sys
import threading
import webbrowser
from pathlib import Path

import uvicorn

from ..console import Printer
from ..errors import Exit, InputError
from ..lint import ensure_thai_extra
from ..messages import M_
from .app import create_app
from .security import Keys, is_loopback
from .session import Session, Settings


def open_socket(host: str, port: int) -> socket.socket:
    """A listening socket on host:port (port 0: a free one); InputError when the port is taken."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    if sys.platform != "win32":
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        if not 0 <= port <= 65535:
            raise OverflowError
        sock.bind((host, port))
    except OverflowError:
        sock.close()
        raise InputError(M_("--port {port}: expected a port number from 1 to 65535", port=port)) from None
    except OSError as exc:
        sock.close()
        if exc.errno in (errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", -1), errno.EACCES):
            raise InputError(M_("port {port} is already in use (another program, or another itareport edit); "
                                "choose another with --port, or leave --port out to take a free one",
                                port=port)) from None
        raise InputError(M_("cannot listen on {host}:{port}: {error}",
                            host=host, port=port, error=exc.strerror or exc)) from None
    sock.listen(64)
    sock.setblocking(False)
    return sock


class _Server(uvicorn.Server):
    """uvicorn, ending the open event streams as soon as a stop is asked (Ctrl+C)."""

    def __init__(self, config: uvicorn.Config, hub: object, on_start: object):
        super().__init__(config)
        self.hub, self.on_start = hub, on_start

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if callable(self.on_start):
            self.on_start()

    def handle_exit(self, sig: int, frame: object) -> None:  # type: ignore[override]
        self.hub.close()  # type: ignore[attr-defined]
        for name in ("uvicorn", "uvicorn.error"):   # stopping: no log of a check cut short, no traceback
            logging.getLogger(name).setLevel(logging.CRITICAL + 1)
        super().handle_exit(sig, frame)  # type: ignore[arg-type]


def run(path: Path, *, port: int = 0, host: str = "127.0.0.1", allow_remote: bool = False,
        open_browser: bool = True, templates: Path | None = None, reference_doc: Path | None = None,
        lint: bool = False) -> int:
    """`itareport edit FILE`: serve the editor until Ctrl+C; the exit code (0 on a clean stop)."""
    if not is_loopback(host) and not allow_remote:
        raise InputError(M_("--host {host}: the editor listens on this computer only (127.0.0.1); to let other "
                            "computers reach it, add --allow-remote (anyone who gets the printed address can "
                            "then edit the file)", host=host))
    if templates is not None and not templates.is_dir():
        raise InputError(M_("{folder}: the templates folder does not exist", folder=templates))
    if reference_doc is not None and not reference_doc.is_file():
        raise InputError(M_("{path}: reference document not found (expected a Word .docx file)", path=reference_doc))
    if lint:
        ensure_thai_extra()   # exit 2 with the install command, before anything starts
    if path.is_dir():
        raise InputError(M_("{name}: is a folder, expected a .yaml data file", name=path))
    sock = open_socket(host, port)
    keys = Keys(port=sock.getsockname()[1], host=host)
    out, err = Printer(sys.stdout), Printer(sys.stderr)
    if not is_loopback(host):
        err.line(M_("warning: the editor is reachable from other computers at {host}; anyone with the address and "
                    "its token can change {file}", host=host, file=path), "bold yellow")
    session = Session(Settings(path, templates, reference_doc, lint))
    guard = create_app(session, keys)
    address = keys.address()

    def started() -> None:
        out.line(M_("Editing {file} at {address}", file=path, address=address), "green")
        out.line(M_("Open that address in a browser; press Ctrl+C here to stop."))
        if open_browser:
            threading.Thread(target=webbrowser.open, args=(address,), daemon=True).start()

    config = uvicorn.Config(guard, log_level="warning", access_log=False, lifespan="on",
                            timeout_graceful_shutdown=2, ws="none")
    server = _Server(config, guard.hub, started)  # type: ignore[attr-defined]
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()
    out.line(M_("Stopped."))
    return Exit.OK
