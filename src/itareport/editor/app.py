"""The editor's web application (Starlette): the page, its assets, its API, the preview, the built files,
and server-sent events (the file changed on disk, a build's progress).

Routes (every one behind security.Guard):
  GET  /                 the page (its words in the user's language; no inline script)
  GET  /assets/NAME      editor.js, editor.css (a fixed table: nothing else)
  GET  /api/state        the file now: form data or text, problems, to-dos, the form's spec, the words
  POST /api/check        {data}: the page's edits checked as the saved file would be (+ the preview)
  POST /api/check-text   {text}: the text view checked (when the file does not load)
  POST /api/save         {data, version}: save as a minimal diff; 409 when the file changed meanwhile
  POST /api/save-text    {text, version}: save the text view
  POST /api/conflict     {data, version}: both sides of a change on disk, merged when they do not meet
  POST /api/create       {kind, agency, year}: the missing file from init's starter
  POST /api/build        {format}: the file `itareport build FILE -f FORMAT` writes
  GET  /preview          the last valid report page (render/html), sandboxed, no script
  GET  /output/NAME      a file `build` wrote for this data file (a fixed table of names; no symlinks)
  GET  /events           server-sent events: disk, build
  GET  /favicon.ico      nothing (204), so the browser does not log a missing icon
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import anyio
import jinja2
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Route
from watchfiles import awatch

from ..errors import ItareportError
from ..i18n import language
from ..update import ChangedOnDisk
from .form import form_spec
from .security import MAX_BODY, REPORT_POLICY, Guard, Keys
from .session import ReadOnly, Session
from .words import page_words

ASSETS_DIR = Path(__file__).parent / "assets"
ASSETS = {"editor.js": "text/javascript; charset=utf-8", "editor.css": "text/css; charset=utf-8"}
OUTPUT_TYPES = {".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                ".pdf": "application/pdf", ".html": "text/html; charset=utf-8", ".md": "text/plain; charset=utf-8",
                ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
PING_SECONDS = 15.0


class Hub:
    """Server-sent events: each open page has a queue; publish() may be called from any thread."""

    def __init__(self) -> None:
        self.queues: set[asyncio.Queue[tuple[str, Any] | None]] = set()
        self.loop: asyncio.AbstractEventLoop | None = None

    def publish(self, name: str, data: Any) -> None:
        if self.loop is None:
            return
        for queue in list(self.queues):
            self.loop.call_soon_threadsafe(queue.put_nowait, (name, data))

    def close(self) -> None:
        """End every stream (the server is stopping)."""
        if self.loop is None:
            return
        for queue in list(self.queues):
            self.loop.call_soon_threadsafe(queue.put_nowait, None)


def create_app(session: Session, keys: Keys, watch: bool = True, max_body: int = MAX_BODY) -> Guard:
    """The application for one session, guarded; watch: follow the file on disk (watchfiles)."""
    hub = Hub()
    assets = {name: (ASSETS_DIR / name).read_bytes() for name in ASSETS}
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(ASSETS_DIR)), autoescape=True)
    page = env.get_template("page.html")

    async def json_body(request: Request) -> dict[str, Any]:
        try:
            body = json.loads(await request.body())
        except (ValueError, UnicodeDecodeError):
            body = None
        if not isinstance(body, dict):
            raise ItareportError("expected a JSON object")
        return body

    async def run(work: Any, *args: Any) -> Any:
        return await anyio.to_thread.run_sync(work, *args)

    async def index(request: Request) -> Response:
        if "token" in request.query_params:   # the cookie is set: drop the token from the address bar
            return RedirectResponse("/", status_code=303)
        words = page_words()
        html = page.render(lang=language(), words=words, file=session.path.name)
        return Response(html, media_type="text/html; charset=utf-8")

    async def asset(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in assets:
            return Response("404", status_code=404, media_type="text/plain")
        return Response(assets[name], media_type=ASSETS[name])

    async def state(request: Request) -> Response:
        result = await run(session.state)
        return JSONResponse({**result, "spec": form_spec(), "words": page_words(), "lang": language()})

    async def check(request: Request) -> Response:
        body = await json_body(request)
        return JSONResponse(await run(session.check, body.get("data")))

    async def check_text(request: Request) -> Response:
        body = await json_body(request)
        return JSONResponse(await run(session.check_raw, str(body.get("text", ""))))

    async def save(request: Request) -> Response:
        body = await json_body(request)
        try:
            return JSONResponse(await run(session.save, body.get("data"), str(body.get("version", ""))))
        except ChangedOnDisk as exc:
            return JSONResponse(await run(session.conflict, body.get("data"), str(body.get("version", "")),
                                          exc.current), status_code=409)

    async def save_text(request: Request) -> Response:
        body = await json_body(request)
        try:
            return JSONResponse(await run(session.save_text, str(body.get("text", "")),
                                          str(body.get("version", ""))))
        except ChangedOnDisk as exc:
            return JSONResponse({"message": str(exc), "text": exc.current}, status_code=409)

    async def conflict(request: Request) -> Response:
        body = await json_body(request)
        current = await run(lambda: session.path.read_text(encoding="utf-8"))
        return JSONResponse(await run(session.conflict, body.get("data"), str(body.get("version", "")), current))

    async def create(request: Request) -> Response:
        body = await json_body(request)
        return JSONResponse(await run(session.create, str(body.get("kind", "")), str(body.get("agency", "")),
                                      str(body.get("year", ""))))

    async def build(request: Request) -> Response:
        body = await json_body(request)
        fmt = str(body.get("format", ""))
        hub.publish("build", {"format": fmt, "stage": "start"})
        result = await run(session.build, fmt)
        hub.publish("build", {"format": fmt, "stage": "done", "ok": result["ok"]})
        return JSONResponse(result)

    async def preview(request: Request) -> Response:
        return Response(session.preview, media_type="text/html; charset=utf-8",
                        headers={"content-security-policy": REPORT_POLICY})

    async def output(request: Request) -> Response:
        name = request.path_params["name"]
        path = session.outputs().get(name)
        if path is None or path.is_symlink() or not path.is_file() or path.resolve().parent != path.parent.resolve():
            return Response("404", status_code=404, media_type="text/plain")
        return FileResponse(path, media_type=OUTPUT_TYPES.get(path.suffix, "application/octet-stream"),
                            filename=name if path.suffix == ".docx" else None,
                            content_disposition_type="attachment" if path.suffix == ".docx" else "inline",
                            headers={"content-security-policy": REPORT_POLICY})

    async def events(request: Request) -> Response:
        queue: asyncio.Queue[tuple[str, Any] | None] = asyncio.Queue()
        hub.queues.add(queue)

        async def stream() -> AsyncIterator[str]:
            try:
                yield "retry: 3000\n\n"
                while True:
                    try:
                        item = await asyncio.wait_for(queue.get(), PING_SECONDS)
                    except TimeoutError:
                        yield ": ping\n\n"
                        continue
                    if item is None:
                        return
                    yield f"event: {item[0]}\ndata: {json.dumps(item[1], ensure_ascii=False)}\n\n"
            finally:
                hub.queues.discard(queue)

        return StreamingResponse(stream(), media_type="text/event-stream")

    async def refused(request: Request, exc: Exception) -> Response:
        status = 423 if isinstance(exc, ReadOnly) else 400
        return JSONResponse({"message": str(exc)}, status_code=status)

    async def watcher(stop: asyncio.Event) -> None:
        folder = session.path.resolve().parent
        name = session.path.name
        async for changes in awatch(folder, stop_event=stop, debounce=150, step=50,
                                    watch_filter=lambda _change, path: Path(path).name == name):
            if changes:
                new = await run(session.changed_on_disk)
                if new is not None:
                    hub.publish("disk", {**new, "spec": None})

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        hub.loop = asyncio.get_running_loop()
        stop = asyncio.Event()
        task = asyncio.create_task(watcher(stop)) if watch and session.path.resolve().parent.is_dir() else None
        try:
            yield
        finally:
            stop.set()
            hub.close()
            if task is not None:
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(task, 2)

    routes = [
        Route("/", index), Route("/assets/{name}", asset), Route("/api/state", state),
        Route("/api/check", check, methods=["POST"]), Route("/api/check-text", check_text, methods=["POST"]),
        Route("/api/save", save, methods=["POST"]), Route("/api/save-text", save_text, methods=["POST"]),
        Route("/api/conflict", conflict, methods=["POST"]), Route("/api/create", create, methods=["POST"]),
        Route("/api/build", build, methods=["POST"]), Route("/preview", preview),
        Route("/output/{name}", output), Route("/events", events),
        Route("/favicon.ico", lambda request: Response(status_code=204)),
    ]
    app = Starlette(routes=routes, lifespan=lifespan, exception_handlers={ItareportError: refused})
    app.state.hub = hub
    guard = Guard(app, keys, max_body)
    guard.hub = hub  # type: ignore[attr-defined]
    return guard
