"""The HTTP API: answers, conversations, documents, search, feedback.

Routers stay thin over the Assistant facade, the Library and the
conversation store (``Services``), which ``assistant.server`` builds once per
process. Writes need the API key from settings.
"""

from __future__ import annotations

import hmac
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from fastapi import APIRouter, Depends, File, Form, Header, HTTPException, Query, Request, UploadFile
from fastapi.responses import Response, StreamingResponse
from pydantic import BaseModel, Field

from vectorstore import DocumentSummary, Passage

from .audit import audit_html, audit_markdown, audit_of
from .conversations import ConversationStore, UnknownConversation, answer_in_conversation
from .facade import Assistant
from .library import MAX_QUERY_CHARS, MAX_RESULTS, LibraryError, OutlineEntry
from .models import MAX_HISTORY_ITEMS, Answer, ClientTurn
from .settings import Settings
from .uploads import HeldPassage, RemovalResult, UploadRejected, UploadResult, add_document, metadata_from_form, remove_document


@dataclass
class Services:
    settings: Settings
    assistant: Assistant
    conversations: ConversationStore


def services(request: Request) -> Services:
    return request.app.state.services


def require_key(
    x_api_key: str | None = Header(default=None),
    authorization: str | None = Header(default=None),
    svc: Services = Depends(services),
) -> None:
    """Writes need the key, as ``X-API-Key`` or ``Authorization: Bearer``."""
    expected = svc.settings.api_key
    if not expected:
        raise HTTPException(403, "writes are disabled on this server: set POLICY_ASSISTANT_API_KEY to enable them")
    given = x_api_key or (authorization[7:] if authorization and authorization.lower().startswith("bearer ") else None)
    if not key_matches(given, expected):
        raise HTTPException(401, "a valid API key is required (X-API-Key header or Authorization: Bearer)")


def key_matches(given: str | None, expected: str | None) -> bool:
    """Compared in constant time, so that response timing gives no hint of the key."""
    if not given or not expected:
        return False
    return hmac.compare_digest(given.encode("utf-8", "surrogatepass"), expected.encode("utf-8", "surrogatepass"))


class AskRequest(BaseModel):
    question: str = Field(min_length=1, max_length=MAX_QUERY_CHARS)
    history: list[ClientTurn] = Field(
        default=[], max_length=MAX_HISTORY_ITEMS, description="Earlier turns, when no conversation_id is given."
    )
    conversation_id: str | None = Field(
        default=None, max_length=100, description="Continue a stored conversation: send only the follow-up."
    )


class AskResponse(Answer):
    conversation_id: str
    message_id: str


class FeedbackRequest(BaseModel):
    message_id: str = Field(min_length=1, max_length=100)
    rating: Literal["up", "down"]
    comment: str | None = Field(default=None, max_length=2000)


class FeedbackResult(BaseModel):
    id: str


class ErrorMessage(BaseModel):
    """Every 4xx of this API but a validation error: what was wrong, in words."""

    detail: str


def errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the 4xx a route answers with, so that the document
    says everything the server does."""
    return {status: {"model": ErrorMessage, "description": _ERROR_MEANINGS[status]} for status in statuses}


_ERROR_MEANINGS = {
    400: "The request cannot be served as sent (malformed JSON, an empty query…)",
    401: "The API key is missing or wrong",
    403: "Writes are disabled on this server (no API key is set)",
    404: "No such document, conversation or answer",
    413: "The file is larger than the upload limit",
    415: "The file type is not supported",
}
WRITE_ERRORS = errors(401, 403)

router = APIRouter(prefix="/api", responses=errors(400))


def _converse(svc: Services, request: AskRequest) -> AskResponse:
    try:
        answer, conversation_id, message_id = answer_in_conversation(
            svc.assistant, svc.conversations, request.question, request.conversation_id, request.history
        )
    except UnknownConversation:
        raise HTTPException(404, f"no conversation {request.conversation_id!r}") from None
    except LibraryError as error:
        raise HTTPException(400, str(error)) from None
    return AskResponse(**answer.model_dump(), conversation_id=conversation_id, message_id=message_id)


@router.post("/ask", response_model=AskResponse, responses=errors(404), summary="Answer a question with citations")
def ask(request: AskRequest, svc: Services = Depends(services)) -> AskResponse:
    return _converse(svc, request)


@router.post(
    "/chat/stream",
    responses=errors(404),
    summary="Answer as server-sent events",
    description=(
        "Events: `meta` (conversation id, standalone question), then `delta` events carrying the answer text "
        "as it is released, then `done` with the whole answer: citations, grounding, message id. Only text "
        "that passed the grounding check is ever sent."
    ),
    response_class=StreamingResponse,
)
def chat_stream(request: AskRequest, svc: Services = Depends(services)) -> StreamingResponse:
    response = _converse(svc, request)

    def events() -> Iterator[str]:
        yield _event("meta", {"conversation_id": response.conversation_id, "standalone_question": response.standalone_question})
        for piece in text_pieces(response.answer):
            yield _event("delta", {"text": piece})
        yield _event("done", response.model_dump())

    return StreamingResponse(events(), media_type="text/event-stream", headers={"Cache-Control": "no-cache"})


def text_pieces(text: str, words: int = 4) -> Iterator[str]:
    """The answer a few words at a time, spaces kept, so clients render it as it arrives."""
    parts = re.findall(r"\S+\s*", text)
    for start in range(0, len(parts), words):
        yield "".join(parts[start : start + words])


def _event(name: str, data: dict) -> str:
    return f"event: {name}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


@router.get(
    "/conversations/{conversation_id}", responses=errors(404), summary="A stored conversation with its answers and feedback"
)
def conversation(conversation_id: str, svc: Services = Depends(services)) -> list[dict]:
    try:
        return svc.conversations.messages(conversation_id)
    except UnknownConversation:
        raise HTTPException(404, f"no conversation {conversation_id!r}") from None


@router.get(
    "/conversations/{conversation_id}/audit",
    responses=errors(404) | {200: {"content": {"application/json": {}, "text/markdown": {}, "text/html": {}}}},
    summary="A conversation exported for an audit: each answer with its evidence and run record",
)
def conversation_audit(
    conversation_id: str,
    format: Literal["json", "md", "html"] = Query("json", description="json for tools; md or html to read."),
    svc: Services = Depends(services),
) -> Response:
    """Every answer's question, citations (with quotes, passages, dates and
    editions), grounding, answerability verdicts and feedback, and the run
    records (corpus, settings, models, versions) the answers came from."""
    try:
        audit = audit_of(svc.conversations, conversation_id)
    except UnknownConversation:
        raise HTTPException(404, f"no conversation {conversation_id!r}") from None
    name = f"audit-{conversation_id}.{format}"
    disposition = {"Content-Disposition": f'attachment; filename="{name}"'}
    if format == "md":
        return Response(audit_markdown(audit), media_type="text/markdown; charset=utf-8", headers=disposition)
    if format == "html":
        return Response(audit_html(audit), media_type="text/html; charset=utf-8", headers=disposition)
    return Response(audit.model_dump_json(indent=2), media_type="application/json", headers=disposition)


@router.get(
    "/documents",
    response_model=list[DocumentSummary],
    summary="The indexed documents; a document's `source` (its file name) is its id in /api/documents/{id}/…",
)
def documents(svc: Services = Depends(services)) -> list[DocumentSummary]:
    return svc.assistant.library.documents()


@router.get(
    "/documents/{document_id}/sections", response_model=list[OutlineEntry], responses=errors(404), summary="A document's outline"
)
def sections(document_id: str, svc: Services = Depends(services)) -> list[OutlineEntry]:
    library = svc.assistant.library
    if document_id not in {d.source for d in library.documents()}:
        raise HTTPException(404, f"no indexed document {document_id!r}")
    return library.outline(document_id)


@router.get(
    "/documents/{document_id}/quarantined",
    response_model=list[HeldPassage],
    responses={**WRITE_ERRORS, **errors(404)},
    dependencies=[Depends(require_key)],
    summary="Passages held back from answers as text addressed to an AI system (needs the API key)",
)
def quarantined(document_id: str, svc: Services = Depends(services)) -> list[HeldPassage]:
    library = svc.assistant.library
    if document_id not in {d.source for d in library.documents()}:
        raise HTTPException(404, f"no indexed document {document_id!r}")
    return [HeldPassage.of(chunk) for chunk in library.store.quarantined(document_id)]


@router.get("/search", response_model=list[Passage], summary="Retrieved passages (the `search --json` contract)")
def search(
    q: str = Query(min_length=1, max_length=MAX_QUERY_CHARS),
    k: int = Query(default=5, ge=1, le=MAX_RESULTS),
    svc: Services = Depends(services),
) -> list[Passage]:
    try:
        return svc.assistant.library.search(q, k)
    except LibraryError as error:
        raise HTTPException(400, str(error)) from None


@router.get("/health", summary="Liveness and what is indexed")
def health(svc: Services = Depends(services)) -> dict:
    docs = svc.assistant.library.documents()
    return {
        "status": "ok",
        "documents": len(docs),
        "chunks": sum(d.chunks for d in docs),
        "answerer": svc.settings.answerer,
        "chroma": f"server {svc.settings.chroma_server}" if svc.settings.chroma_server else "embedded",
    }


@router.post(
    "/documents",
    response_model=UploadResult,
    status_code=201,
    responses={**WRITE_ERRORS, **errors(413, 415)},
    dependencies=[Depends(require_key)],
    summary="Upload and ingest a document (needs the API key)",
)
def upload(
    file: UploadFile = File(...),
    title: str | None = Form(None, description="The document's title, when the file's own is wrong or missing."),
    publisher: str | None = Form(None),
    date: str | None = Form(None, description="Publication date: 2025, 2025-03, 2025-03-14 or 'March 2025'."),
    edition: str | None = Form(None, description="Which version of the document: 'Second edition', 'Summary', 'v2.1'."),
    kind: str | None = Form(None, description="What sort of document it is: strategy, board paper…"),
    framework_kind: str | None = Form(None, description="The noun for one framework item: priority, aim, objective…"),
    framework_items: str | None = Form(None, description="The framework's item titles, one per line, item 1 first."),
    framework_title: str | None = Form(None, description="The framework's name, for citations from other documents."),
    svc: Services = Depends(services),
) -> UploadResult:
    """The metadata fields are optional; given, they are kept in a sidecar
    beside the file (``<file>.meta.toml``) and win over what the file says."""
    limit = int(svc.settings.max_upload_mb * 1024 * 1024)
    try:
        metadata = metadata_from_form(title, publisher, date, edition, kind, framework_kind, framework_items, framework_title)
        return add_document(svc.assistant, file.filename or "", file.file.read(limit + 1), metadata)
    except UploadRejected as error:
        if error.status == 422:  # in the shape of every other 422: a list of what is wrong, and where
            raise HTTPException(422, [{"loc": ["body"], "msg": str(error), "type": "value_error"}]) from None
        raise HTTPException(error.status, str(error)) from None


@router.delete(
    "/documents/{document_id}",
    response_model=RemovalResult,
    responses={**WRITE_ERRORS, **errors(404)},
    dependencies=[Depends(require_key)],
    summary="Remove a document by its exact id (its file name), with its uploaded file (needs the API key)",
)
def remove(document_id: str, svc: Services = Depends(services)) -> RemovalResult:
    try:
        return remove_document(svc.assistant, document_id)
    except UploadRejected as error:
        raise HTTPException(error.status, str(error)) from None


@router.post("/feedback", response_model=FeedbackResult, status_code=201, responses=errors(404), summary="Rate an answer")
def feedback(request: FeedbackRequest, svc: Services = Depends(services)) -> FeedbackResult:
    try:
        return FeedbackResult(id=svc.conversations.add_feedback(request.message_id, request.rating, request.comment))
    except UnknownConversation:
        raise HTTPException(404, f"no answer {request.message_id!r}") from None
