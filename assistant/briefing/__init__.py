"""Briefing Q&A packs for trainers: question–answer cards for a scope (a
commitment, a chapter, a document…), each answered by the grounded chain and
kept only when grounded and cited inside the scope.

``scope`` reads SCOPE strings, ``questions`` proposes questions from the
text's own statements, ``builder`` answers and selects cards, ``export``
writes Markdown, Word, CSV, JSON and evaluation JSONL.
"""

from .builder import BriefingCard, build_briefing, recheck
from .scope import BriefingScope, ScopeError, parse_scope

__all__ = ["BriefingCard", "BriefingScope", "ScopeError", "build_briefing", "parse_scope", "recheck"]
