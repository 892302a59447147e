"""Policy Assistant: answers about health-policy documents with exact citations.

``Assistant().ask(question, history=[...])`` is the entry point for answers;
``Library`` manages the indexed documents.
"""

from .facade import Assistant
from .library import Library, LibraryError
from .models import Answer, Citation, GroundingReport, Turn
from .settings import Settings

__all__ = ["Answer", "Assistant", "Citation", "GroundingReport", "Library", "LibraryError", "Settings", "Turn"]
