"""``Assistant``: the one entry point for answering.

The CLI, the HTTP API, the UI, the evaluation runner and the briefing
builder all call ``Assistant.ask``; none of them retrieves or cites on its
own. The retriever (with its keyword index) and the chain are built on
first use, and rebuilt when the corpus changes: at once after a change made
here (:meth:`refresh`), and, for a change another process made (a worker
beside this one, an ``ingest`` run against a shared Chroma server), when
:meth:`ask` finds the corpus version moved; it looks at most once every
``corpus_check_seconds``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from datetime import UTC, datetime
from functools import cached_property

from langchain_core.runnables import Runnable

from vectorstore.hybrid import HybridRetriever

from .answerability import AnswerabilityCheck
from .answerers import Answerer
from .answerers.extractive import ExtractiveAnswerer
from .chain import build_chain
from .library import MAX_QUERY_CHARS, Library, LibraryError
from .models import Answer, Turn
from .run_record import RunRecord, run_record
from .settings import Settings
from .source_age import age_note
from .word_similarity import WordSimilarity

MAX_HISTORY_TURNS = 20


class Assistant:
    def __init__(self, settings: Settings | None = None, library: Library | None = None):
        self.settings = settings or (library.settings if library else Settings())
        self.library = library or Library(self.settings)
        self._checked_at = time.monotonic()
        self._check_lock = threading.Lock()

    @cached_property
    def retriever(self) -> HybridRetriever:
        return HybridRetriever(self.library.store)

    @cached_property
    def word_similarity(self) -> WordSimilarity:
        return WordSimilarity(self.library.embeddings, self.library.store.words.load())

    @cached_property
    def extractive(self) -> ExtractiveAnswerer:
        keywords = self.retriever.keywords
        return ExtractiveAnswerer(keywords.idf, AnswerabilityCheck(keywords.idf, keywords.words, self.word_similarity))

    @cached_property
    def answerer(self) -> Answerer:
        if self.settings.answerer == "llm":
            from .answerers.llm import LLMAnswerer  # langchain-openai only when asked for

            return LLMAnswerer(self.settings)
        return self.extractive

    @cached_property
    def run(self) -> RunRecord:
        """What answers now come from: the corpus, settings and software (``run_record``)."""
        return run_record(self.settings, self.retriever.documents, self.retriever.version)

    @cached_property
    def chain(self) -> Runnable:
        return build_chain(self.retriever, self.answerer, self.extractive, self.settings.retrieval_k)

    def refresh(self) -> None:
        """Rebuilds the keyword index and the chain after documents changed;
        word vectors stay, as they do not depend on the documents."""
        for name in ("retriever", "extractive", "answerer", "chain", "run"):
            self.__dict__.pop(name, None)

    def _follow_corpus(self) -> None:
        """Refreshes when another process changed the corpus since the index was loaded."""
        if "retriever" not in self.__dict__ or time.monotonic() - self._checked_at < self.settings.corpus_check_seconds:
            return
        with self._check_lock:
            self._checked_at = time.monotonic()
            if self.library.store.version() != self.retriever.version:
                self.refresh()

    def ask(self, question: str, history: Iterable[dict | Turn] | None = None) -> Answer:
        question = (question or "").strip()
        if not question:
            raise LibraryError("the question is empty")
        if len(question) > MAX_QUERY_CHARS:
            raise LibraryError(f"the question is {len(question)} characters long; the limit is {MAX_QUERY_CHARS}")
        turns = [turn if isinstance(turn, Turn) else Turn.model_validate(turn) for turn in history or []]
        turns = turns[-MAX_HISTORY_TURNS:]
        self._follow_corpus()
        answer: Answer = self.chain.invoke({"question": question, "history": turns, "timings": {}})
        note = age_note(answer.standalone_question, answer.citations, datetime.now(UTC).date(), answer.answer)
        return answer.model_copy(update={"sources_note": note, "run_id": self.run.id})
