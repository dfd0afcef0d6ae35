"""`itareport edit`: the report in the browser, a form derived from the model beside a live preview.

server.py runs it (socket, address, browser, uvicorn); app.py is the Starlette application
(routes); security.py the guard every request passes; session.py the file being edited (it
calls the core: validate, lint, view, render, update, build, init); form.py the form derived
from the JSON Schema; problems.py diagnostics at their fields; words.py the page's words;
assets/ the page, its script and its style.
"""

from __future__ import annotations

from .server import run

__all__ = ["run"]
