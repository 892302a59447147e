"""The UI's own file routes need the API key too, and keep the upload limit.

Gradio stores any file posted to ``/ui/gradio_api/upload`` before an event
handler sees it, so the key check in the Documents tab's handler came too
late, and Gradio applies no size limit of its own by default. This ASGI
middleware refuses those routes without the key (the ``X-API-Key`` header,
or the ``pa_key`` cookie the Documents tab sets when the key is typed in)
and refuses bodies over the upload limit before reading them.
"""

from __future__ import annotations

from http.cookies import CookieError, SimpleCookie
from urllib.parse import unquote

from .api import key_matches
from .input_guard import ASGIApp, BodyTooLarge, Receive, Scope, Send, read_body, replay, send_json

KEY_COOKIE = "pa_key"
# Routes of the mounted UI that store files the user sends.
_FILE_ROUTES = ("/gradio_api/upload", "/gradio_api/process_recording")
# Multipart framing around the file itself.
_MULTIPART_ALLOWANCE = 64 * 1024


class GuardUiWrites:
    def __init__(self, app: ASGIApp, ui_path: str, api_key: str | None, max_upload_bytes: int):
        self.app = app
        self.routes = tuple(f"{ui_path.rstrip('/')}{route}" for route in _FILE_ROUTES)
        self.api_key = api_key
        self.limit = max_upload_bytes + _MULTIPART_ALLOWANCE

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or not scope["path"].rstrip("/").endswith(self.routes):
            await self.app(scope, receive, send)
            return
        headers = {name.decode("latin-1").lower(): value.decode("latin-1") for name, value in scope.get("headers") or []}
        if not self.api_key:
            await _refuse(send, 403, "uploads are disabled on this server: set POLICY_ASSISTANT_API_KEY to enable them")
            return
        if not key_matches(headers.get("x-api-key") or _cookie(headers.get("cookie", ""), KEY_COOKIE), self.api_key):
            await _refuse(send, 401, "a valid API key is needed to upload files")
            return
        length = headers.get("content-length", "")
        if length.isdigit():
            if int(length) > self.limit:
                await _refuse(send, 413, "the file is larger than this server's upload limit")
                return
            await self.app(scope, receive, send)
            return
        # Sent without a length: read it, up to the limit, before Gradio stores any of it.
        try:
            body = await read_body(receive, self.limit)
        except BodyTooLarge:
            await _refuse(send, 413, "the file is larger than this server's upload limit")
            return
        read = body if not isinstance(body, bytes) else {"type": "http.request", "body": body, "more_body": False}
        await self.app(scope, replay([read], receive), send)


def _cookie(header: str, name: str) -> str | None:
    cookies: SimpleCookie = SimpleCookie()
    try:
        cookies.load(header)
    except CookieError:  # a malformed Cookie header carries no key
        return None
    morsel = cookies.get(name)
    return unquote(morsel.value) if morsel is not None else None


async def _refuse(send: Send, status: int, message: str) -> None:
    await send_json(send, status, {"detail": message})
