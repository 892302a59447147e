"""An OpenAI-compatible face: ``POST /v1/chat/completions`` (streamed or not)
and ``GET /v1/models``, so that existing chat clients and the official
``openai`` client can talk to the assistant.

The last user message is the question, earlier user/assistant messages the
history; system messages are ignored (the assistant keeps its own rules).
Citations are written into the reply ("Sources: [1] …") and returned as an
extra ``citations`` field, with ``grounding`` and ``answerability`` beside it.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.exception_handlers import http_exception_handler, request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from .api import Services, services, text_pieces
from .library import LibraryError
from .models import MAX_HISTORY_ITEMS, MAX_TURN_CHARS, Turn

MODEL_ID = "policy-assistant"


class OpenAIErrorBody(BaseModel):
    message: str
    type: str
    code: int


class OpenAIError(BaseModel):
    """Errors under /v1 come in OpenAI's shape, which its clients read."""

    error: OpenAIErrorBody


_V1_ERRORS: dict[int | str, dict] = {
    status: {"model": OpenAIError, "description": meaning}
    for status, meaning in {
        400: "The request cannot be served as sent",
        422: "A field is missing, of the wrong type or too long",
    }.items()
}

router = APIRouter(prefix="/v1", responses=_V1_ERRORS)


class ContentPart(BaseModel):
    type: str = Field(max_length=50)
    text: str | None = Field(default=None, max_length=MAX_TURN_CHARS)


class ChatMessage(BaseModel):
    role: Literal["system", "developer", "user", "assistant", "tool"]
    content: Annotated[str, Field(max_length=MAX_TURN_CHARS)] | Annotated[list[ContentPart], Field(max_length=50)] | None = None

    def text(self) -> str:
        if isinstance(self.content, list):
            return " ".join(part.text or "" for part in self.content if part.type == "text")
        return self.content or ""


class ChatCompletionRequest(BaseModel):
    model: str = MODEL_ID
    messages: list[ChatMessage] = Field(min_length=1, max_length=MAX_HISTORY_ITEMS + 10)
    stream: bool = False


@router.get("/models", summary="The one model this server offers")
def models() -> dict:
    return {"object": "list", "data": [{"id": MODEL_ID, "object": "model", "created": 0, "owned_by": "policy-assistant"}]}


@router.post(
    "/chat/completions",
    summary="OpenAI-compatible chat completion, answered from the documents",
    responses={
        200: {
            "description": "A chat completion, or with `stream` its chunks as server-sent events",
            "content": {"application/json": {}, "text/event-stream": {}},
        }
    },
)
def chat_completions(request: ChatCompletionRequest, svc: Services = Depends(services)):
    question, history = _split(request.messages)
    try:
        answer = svc.assistant.ask(question, history)
    except LibraryError as error:
        raise HTTPException(400, str(error)) from None
    completion_id, created = f"chatcmpl-{uuid.uuid4().hex}", int(time.time())
    content = answer.with_sources()
    extras = {
        "citations": [c.model_dump() for c in answer.citations],
        "grounding": answer.grounding.model_dump(),
        "answerability": answer.answerability.model_dump(),
        "refused": answer.refused,
    }
    if not request.stream:
        return {
            "id": completion_id,
            "object": "chat.completion",
            "created": created,
            "model": MODEL_ID,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
            "usage": {
                "prompt_tokens": len(question.split()),
                "completion_tokens": len(content.split()),
                "total_tokens": len(question.split()) + len(content.split()),
            },
            **extras,
        }

    def chunks() -> Iterator[str]:
        def chunk(delta: dict, finish: str | None = None, **more) -> str:
            body = {
                "id": completion_id,
                "object": "chat.completion.chunk",
                "created": created,
                "model": MODEL_ID,
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
                **more,
            }
            return f"data: {json.dumps(body, ensure_ascii=False)}\n\n"

        yield chunk({"role": "assistant", "content": ""})
        for piece in text_pieces(content):
            yield chunk({"content": piece})
        yield chunk({}, "stop", **extras)
        yield "data: [DONE]\n\n"

    return StreamingResponse(chunks(), media_type="text/event-stream")


def _split(messages: list[ChatMessage]) -> tuple[str, list[Turn]]:
    turns = [m for m in messages if m.role in ("user", "assistant")]
    if not turns or turns[-1].role != "user":
        raise HTTPException(400, "the last message must be the user's question")
    history = [Turn(role="user" if m.role == "user" else "assistant", content=m.text()) for m in turns[:-1]]
    return turns[-1].text(), history


async def openai_style_errors(request: Request, error: Exception):
    """Errors under /v1 in OpenAI's shape (``{"error": {"message": …}}``), which
    its clients read; elsewhere FastAPI's own."""
    if not isinstance(error, RequestValidationError | StarletteHTTPException):
        raise error  # registered for these two only
    if not request.url.path.startswith("/v1/"):
        if isinstance(error, RequestValidationError):
            return await request_validation_exception_handler(request, error)
        return await http_exception_handler(request, error)
    if isinstance(error, RequestValidationError):
        status, message = 422, "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors())
    else:
        status, message = error.status_code, str(error.detail)
    kind = "invalid_request_error" if status < 500 else "server_error"
    return JSONResponse({"error": {"message": message, "type": kind, "code": status}}, status_code=status)
