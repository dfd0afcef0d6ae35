"""The editor server's guard: a server on an officer's computer answers only the page it made.

Every request passes, in order: the Host header names this server (127.0.0.1 or localhost
with its port; DNS rebinding gets 403); a request that changes something (any method but
GET and HEAD) carries the page's own Origin (403); it carries the session cookie (403), which
the token in the printed address is exchanged for once (HttpOnly, SameSite=Strict, then a
redirect that drops the token from the address bar); its body is within the cap (413).
Every answer gets a strict Content-Security-Policy (no inline script, nothing from elsewhere)
unless the route set its own, and is never cached. Paths never reach the file system here:
the routes look names up in fixed tables (app.py), so anything else is 404.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

LOOPBACK = ("127.0.0.1", "localhost")
SAFE_METHODS = ("GET", "HEAD")
MAX_BODY = 64 * 1024 * 1024   # the JSON of a data file at the loader's 25 MB limit, with room

PAGE_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
               "frame-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'")
# The report's own page (preview, built .html): its inline <style>, no script at all, sandboxed.
REPORT_POLICY = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; "
                 "base-uri 'none'; frame-ancestors 'self'; "
                 "sandbox allow-same-origin allow-popups allow-popups-to-escape-sandbox")


def is_loopback(host: str) -> bool:
    return host in LOOPBACK or host.startswith("127.") or host == "::1"


@dataclass
class Keys:
    """The secrets of one server run: the token printed in the address, the cookie it becomes."""

    port: int
    host: str = "127.0.0.1"
    token: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    cookie_value: str = field(default_factory=lambda: secrets.token_urlsafe(32))

    @property
    def cookie_name(self) -> str:
        return f"itareport-edit-{self.port}"   # cookies ignore ports: one name per server

    @property
    def hosts(self) -> set[str]:
        names = {*LOOPBACK, self.host}
        return {f"{name}:{self.port}" if ":" not in name else f"[{name}]:{self.port}" for name in names}

    @property
    def origins(self) -> set[str]:
        return {f"http://{host}" for host in self.hosts}

    def address(self) -> str:
        host = self.host if ":" not in self.host else f"[{self.host}]"
        return f"http://{host}:{self.port}/?token={self.token}"


async def _answer(send: Send, status: int, text: str, headers: list[tuple[bytes, bytes]] | None = None) -> None:
    body = text.encode("utf-8")
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode()),
        *_HEADERS, (b"content-security-policy", PAGE_POLICY.encode()), *(headers or [])]})
    await send({"type": "http.response.body", "body": body})


_HEADERS = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"),
            (b"cache-control", b"no-store")]


class Guard:
    """ASGI middleware: the checks above, before the application sees a request."""

    def __init__(self, app: ASGIApp, keys: Keys, max_body: int = MAX_BODY):
        self.app, self.keys, self.max_body = app, keys, max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self.app(scope, receive, send)
            return
        if scope["type"] != "http":   # no websockets here
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        if headers.get("host", "") not in self.keys.hosts:
            await _answer(send, 403, "403: this server answers only at its own address (Host)")
            return
        if scope["method"] not in SAFE_METHODS and headers.get("origin", "") not in self.keys.origins:
            await _answer(send, 403, "403: a change must come from the editor's own page (Origin)")
            return
        if not self._has_cookie(headers.get("cookie", "")):
            if scope["method"] == "GET" and scope["path"] == "/" and self._has_token(scope):
                cookie = (f"{self.keys.cookie_name}={self.keys.cookie_value}; HttpOnly; SameSite=Strict; Path=/")
                await _answer(send, 303, "", [(b"location", b"/"), (b"set-cookie", cookie.encode())])
                return
            await _answer(send, 403, "403: open the address itareport edit printed (with its token)")
            return
        length = headers.get("content-length", "0")
        if not length.isdigit() or int(length) > self.max_body:
            await _answer(send, 413, "413: the request is too large")
            return
        await self._pass(scope, receive, send)

    def _has_cookie(self, header: str) -> bool:
        jar: SimpleCookie = SimpleCookie()
        try:
            jar.load(header)
        except Exception:  # a malformed Cookie header counts as none
            return False
        morsel = jar.get(self.keys.cookie_name)
        return morsel is not None and secrets.compare_digest(morsel.value, self.keys.cookie_value)

    def _has_token(self, scope: Scope) -> bool:
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        given = query.get("token", [""])[0]
        return secrets.compare_digest(given.encode(), self.keys.token.encode())

    async def _pass(self, scope: Scope, receive: Receive, send: Send) -> None:
        body = b""
        if scope["method"] not in SAFE_METHODS:   # read it whole (JSON is parsed whole anyway), counting
            while True:
                message = await receive()
                if message["type"] != "http.request":
                    return                       # the client went away
                body += message.get("body", b"")
                if len(body) > self.max_body:   # a body without a length (chunked) that goes on too long
                    await _answer(send, 413, "413: the request is too large")
                    return
                if not message.get("more_body", False):
                    break
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        async def secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _v in message.get("headers", [])}
                extra = [h for h in _HEADERS if h[0] not in names]
                if b"content-security-policy" not in names:
                    extra.append((b"content-security-policy", PAGE_POLICY.encode()))
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, replay, secured)
