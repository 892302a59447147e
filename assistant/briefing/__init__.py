"""Briefing Q&A packs and quizzes for trainers: question–answer cards for a
scope (a commitment, a chapter, a document…), each a short answer quoted from
its passage, kept only when grounded, cited inside the scope, and answered
from the same passage when asked back to the assistant.

``scope`` reads SCOPE strings, ``clauses`` reads a sentence's shape,
``facts`` turns sentences into questions and short answers, ``builder``
merges, spreads and checks them, ``quiz`` adds multiple-choice and
true/false options, ``export`` writes Markdown, Word, CSV, JSON and
evaluation JSONL, ``quiz_formats`` Moodle XML, GIFT and Anki decks.
"""

from .builder import BriefingCard, BriefingPack, Option, build_briefing, recheck
from .scope import BriefingScope, ScopeError, parse_scope

__all__ = ["BriefingCard", "BriefingPack", "BriefingScope", "Option", "ScopeError", "build_briefing", "parse_scope", "recheck"]
