"""Text no handler can use is refused at the door, with a 4xx that says why.

JSON may carry a lone UTF-16 surrogate (``"\\ud800"``): valid JSON, but not
text. Python decodes it into a string that cannot be encoded again, so the
tokenizer, SQLite and even the 422 handler echoing the input fail with a 500
wherever it lands. Refusing it here, before any route, covers every JSON
field of every endpoint at once.
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

_SURROGATE = re.compile(r"[\ud800-\udfff]")
_WRITES = frozenset({"POST", "PUT", "PATCH"})


def has_lone_surrogate(value: object) -> bool:
    """Whether any string in a decoded JSON value (keys included) holds a surrogate."""
    if isinstance(value, str):
        return bool(_SURROGATE.search(value))
    if isinstance(value, dict):
        return any(has_lone_surrogate(key) or has_lone_surrogate(item) for key, item in value.items())
    if isinstance(value, list):
        return any(has_lone_surrogate(item) for item in value)
    return False


class RejectMalformedText:
    """ASGI middleware: a JSON body holding a lone surrogate gets a 422."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in _WRITES or not _is_json(scope):
            await self.app(scope, receive, send)
            return
        body = await read_body(receive)
        if not isinstance(body, bytes):  # the client went away
            await self.app(scope, replay([body], receive), send)
            return
        try:
            malformed = has_lone_surrogate(json.loads(body)) if body else False
        except (ValueError, RecursionError):
            malformed = False  # not JSON at all: the route's own validation answers that
        if malformed:
            await _refuse(send, openai_shape=scope["path"].startswith("/v1/"))
            return
        await self.app(scope, replay([{"type": "http.request", "body": body, "more_body": False}], receive), send)


def _is_json(scope: Scope) -> bool:
    headers = dict(scope.get("headers") or [])
    return b"json" in headers.get(b"content-type", b"").lower()


class BodyTooLarge(Exception):
    """The request body passed the limit ``read_body`` was given."""


async def read_body(receive: Receive, limit: int | None = None) -> bytes | Message:
    """The whole request body, or the message that ended it early (a
    disconnect); raises :class:`BodyTooLarge` once it passes ``limit``."""
    chunks: list[bytes] = []
    seen = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return message
        chunks.append(message.get("body", b""))
        seen += len(chunks[-1])
        if limit is not None and seen > limit:
            raise BodyTooLarge
        if not message.get("more_body", False):
            return b"".join(chunks)


def replay(messages: list[Message], then: Receive) -> Receive:
    """The messages already read, then the client's own (a disconnect, later)."""
    pending = list(messages)

    async def receive() -> Message:
        return pending.pop(0) if pending else await then()

    return receive


_MESSAGE = "the request holds a lone UTF-16 surrogate (such as \\ud800), which is not text; send valid Unicode"


async def _refuse(send: Send, openai_shape: bool) -> None:
    """A 422 in the shape the route documents: FastAPI's validation error, or OpenAI's under /v1."""
    if openai_shape:
        payload: dict = {"error": {"message": _MESSAGE, "type": "invalid_request_error", "code": 422}}
    else:
        payload = {"detail": [{"loc": ["body"], "msg": _MESSAGE, "type": "value_error"}]}
    await send_json(send, 422, payload)


async def send_json(send: Send, status: int, payload: dict) -> None:
    """A whole JSON response, sent before any route runs."""
    body = json.dumps(payload).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})
