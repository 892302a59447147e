"""The one server: the HTTP API under /api, the OpenAI-compatible API under
/v1, the chat UI at /ui (``/`` redirects there), the OpenAPI docs at /docs.

``create_app`` builds the shared objects once: the Assistant (embedding
model, Chroma client, BM25 index) and the conversation store.
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse
from starlette.exceptions import HTTPException

from . import api, briefing_api, openai_compat
from .conversations import ConversationStore
from .facade import Assistant
from .input_guard import RejectMalformedText
from .settings import Settings
from .write_guard import GuardUiWrites


def create_app(settings: Settings | None = None, assistant: Assistant | None = None) -> FastAPI:
    import gradio as gr

    from ui import UI_CSS, build_ui

    settings = settings or Settings()
    assistant = assistant or Assistant(settings)
    services = api.Services(settings, assistant, ConversationStore(settings.conversations_path))
    app = FastAPI(
        title="Policy Assistant",
        version="0.1.0",
        description="Answers about health-policy documents; every answer cites its commitment, chapter, paragraph and page.",
    )
    app.state.services = services
    app.include_router(api.router)
    app.include_router(briefing_api.router)
    app.include_router(openai_compat.router)
    app.add_exception_handler(HTTPException, openai_compat.openai_style_errors)
    app.add_exception_handler(RequestValidationError, openai_compat.openai_style_errors)
    app.add_middleware(RejectMalformedText)

    @app.get("/", include_in_schema=False)
    def home() -> RedirectResponse:
        return RedirectResponse("/ui/")

    upload_limit = int(settings.max_upload_mb * 1024 * 1024)
    app.add_middleware(GuardUiWrites, ui_path="/ui", api_key=settings.api_key, max_upload_bytes=upload_limit)
    return gr.mount_gradio_app(app, build_ui(services), path="/ui", css=UI_CSS, footer_links=["api"], max_file_size=upload_limit)


def create_ready_app() -> FastAPI:
    """An app from the environment's settings with its index built: what each
    worker process runs under ``serve --workers N``."""
    app = create_app()
    _ = app.state.services.assistant.retriever  # build the index before the first request, not during it
    return app


def serve(host: str, port: int, settings: Settings | None = None, workers: int = 1) -> None:
    """One process by default. With ``workers`` > 1, that many processes share
    the port, each with its own model, sharing the store (Chroma should then
    run as a server, ``POLICY_ASSISTANT_CHROMA_SERVER``), the saved keyword
    index and the conversations; settings then come from the environment.
    Each worker follows changes another made through the corpus version."""
    import uvicorn

    if workers > 1:
        uvicorn.run("assistant.server:create_ready_app", factory=True, host=host, port=port, workers=workers, log_level="info")
        return
    app = create_app(settings or Settings())
    _ = app.state.services.assistant.retriever  # build the index before the first request, not during it
    uvicorn.run(app, host=host, port=port, log_level="info")
