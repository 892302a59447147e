"""Policy Assistant: answers about health-policy documents with exact citations."""

from .library import Library, LibraryError
from .settings import Settings

__all__ = ["Library", "LibraryError", "Settings"]
