"""The Gradio chat UI, a client of the Assistant facade (no retrieval of its own)."""

from .app import UI_CSS, build_ui

__all__ = ["UI_CSS", "build_ui"]
