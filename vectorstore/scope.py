"""Where a question points: a document, a commitment, a chapter, a paragraph.

"In A picture of health, what is commitment 3?" or "what does chapter 3 of
the Long Term Plan say about cancer?" name their place; retrieval is then
steered there (see ``hybrid``). Recognised forms:

* ``commitment 3``, ``the third commitment``, ``commitment three``;
* ``chapter 2``, ``the second chapter``, ``chapter two``;
* any other framework item a document declares: ``priority 2``, ``aim four``,
  ``the third objective``;
* ``paragraph 2.18``, ``para 2.18``, or a bare ``2.18``;
* a document by its title (or the part before a colon or dash), by a word
  only its title, publisher or file name contains ("Oxfordshire"), or by its
  kind ("the news article").
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from functools import lru_cache

from ingest.frameworks import NUMBER_WORDS, SET_NOUNS

from .catalogue import DocumentSummary
from .keyword import STOPWORDS, tokens

_NUMBER_WORDS = {
    **NUMBER_WORDS,
    **{word: n for n, word in enumerate("first second third fourth fifth sixth seventh eighth ninth".split(), start=1)},
    "last": -1,
    "final": -1,
}
_NUMBER = r"(\d{1,2}|" + "|".join(_NUMBER_WORDS) + ")"
_PARAGRAPH = re.compile(
    r"\b(?:paragraph|para)s?\.?\s+(\d{1,2}\.\d{1,3})\b|(?<![\d£.])\b(\d\.\d{1,3})\b(?![\d%.]|bn)", re.IGNORECASE
)
_ITEM_NOUNS = [noun for noun in SET_NOUNS.values() if noun not in ("commitment", "chapter")]
_MAX_ITEMS = 20
# Words too common in these titles to name one document.
_GENERIC = frozenset("nhs health plan long term summary overview next generation care board paper".split())


@dataclass(frozen=True)
class Scope:
    sources: frozenset[str] = field(default_factory=frozenset)
    commitment: int | None = None
    chapter: int | None = None
    item: tuple[str, int] | None = None  # ("priority", 2): an item of a document's own framework
    paragraph: str | None = None
    # The words that named the documents: the filter stands for them, and left
    # in the query they would pull every passage of the document alike.
    naming: tuple[str, ...] = ()

    def topic_of(self, question: str) -> str:
        """The question without the words that named its documents."""
        topic = question
        for phrase in sorted(self.naming, key=len, reverse=True):
            topic = re.sub(rf"\b{re.escape(phrase)}\b", " ", topic, flags=re.IGNORECASE)
        topic = " ".join(topic.split())
        return (
            topic
            if re.search(r"[A-Za-z]{3}", re.sub(r"\b(?:what|does|the|say|about|in|of)\b", "", topic, flags=re.I))
            else question
        )

    def __bool__(self) -> bool:
        return bool(self.sources or self.commitment or self.chapter or self.item or self.paragraph)

    def where(self) -> dict | None:
        """The Chroma filter for this scope."""
        clauses: list[dict[str, object]] = []
        if self.sources:
            clauses.append({"source": {"$in": sorted(self.sources)}})
        if self.commitment:
            clauses.append({"commitment": self.commitment})
        if self.chapter:
            clauses.append({"chapter": self.chapter})
        if self.item:
            clauses += [{"framework_kind": self.item[0]}, {"framework_number": self.item[1]}]
        if self.paragraph:
            clauses.append({"paragraph": self.paragraph})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def scope_of(
    question: str, documents: list[DocumentSummary], shared_words: AbstractSet[str], commitments: int = 5, chapters: int = 7
) -> Scope:
    """``shared_words`` are words the text of two or more documents uses; a
    word only one document's title, publisher or file name has, and no two
    documents' text share ("Oxfordshire", "politicians"), names that document."""
    text = question.lower()
    sources, naming = _named_documents(text, documents, shared_words)
    scope = Scope(
        sources=frozenset(sources),
        naming=tuple(sorted(naming)),
        commitment=_numbered(text, "commitment", commitments),
        chapter=_numbered(text, "chapter", chapters),
        item=_item(text),
        paragraph=_paragraph(question),
    )
    if sources and (scope.commitment or scope.chapter or scope.item):
        scope = replace(scope, sources=scope.sources | _quoting(sources, documents))
    return scope


def _quoting(named: set[str], documents: list[DocumentSummary]) -> set[str]:
    """The documents that carry the framework a named document is: "chapter 6
    of the NHS Long Term Plan" is also the chapter 6 the Oxfordshire paper
    quotes, so both are searched."""
    titles = [_squash(d.document.lower()) for d in documents if d.source in named]
    return {
        d.source for d in documents if any(_squash(framework.lower()) in title for framework in d.frameworks for title in titles)
    }


def _item(text: str) -> tuple[str, int] | None:
    """ "priority 2", "the third aim": an item of a framework other than the
    bundled commitments and chapters."""
    for noun in _ITEM_NOUNS:
        number = _numbered(text, noun, None)
        if number:
            return noun, number
    return None


def named_paragraph(question: str) -> str | None:
    """The numbered paragraph a question names: "2.18"."""
    return _paragraph(question)


def named_item(question: str) -> tuple[str, int] | None:
    """The framework item a question names, of any kind: ("commitment", 3),
    ("pledge", 2)."""
    text = question.lower()
    for noun in ("commitment", "chapter"):
        number = _numbered(text, noun, None)
        if number:
            return noun, number
    return _item(text)


def _numbered(text: str, noun: str, count: int | None) -> int | None:
    """The number of the item ``noun`` names; ``count`` is how many there
    are, when known (``None``: "the last priority" cannot be resolved)."""
    match = re.search(rf"\b{noun}s?\s+(?:number\s+)?{_NUMBER}\b", text) or re.search(
        rf"\b(?:the\s+)?{_NUMBER}\s+(?:shared\s+)?{noun}\b", text
    )
    if not match:
        return None
    word = match.group(1)
    number = int(word) if word.isdigit() else _NUMBER_WORDS[word]
    if number == -1:
        return count
    return number if 1 <= number <= (count or _MAX_ITEMS) else None


def _paragraph(question: str) -> str | None:
    match = _PARAGRAPH.search(question)
    return (match.group(1) or match.group(2)) if match else None


def _named_documents(text: str, documents: list[DocumentSummary], shared_words: AbstractSet[str]) -> tuple[set[str], set[str]]:
    """The sources the question names, and the words it named them with."""
    names = _names_of(tuple(documents))
    named, naming = set(), set()
    words = set(re.findall(r"[a-z]+", text))
    squashed = _squash(text)
    candidates = {source for word in words for source in names.by_word.get(word, ())}
    for document in documents:
        spoken = [name for name, squashed_name in names.spoken[document.source] if squashed_name in squashed]
        if spoken:
            named.add(document.source)
            naming.add(max(spoken, key=len))
            continue
        if document.source not in candidates:
            continue
        distinctive = {
            word
            for word in words & names.identities[document.source]
            if names.holders[word] == 1
            and word not in _GENERIC
            and not set(tokens(word)) & shared_words  # compared as indexed: "leaders" is the shared "leader"
        }
        kind = document.kind.lower().split() if document.kind else []
        # "the article", "the briefing"; "the news story": a word of one document's kind alone
        spoken_kind = [w for w in kind if w in words and w not in _GENERIC and (w == kind[-1] or names.kind_words[w] == 1)]
        if distinctive:
            named.add(document.source)
            naming |= distinctive
        elif spoken_kind:
            named.add(document.source)
            naming.update(spoken_kind)
    return named, naming


@dataclass(frozen=True)
class _Names:
    """How each document can be named, worked out once per list of documents
    rather than once per question (a question's cost then grows with the
    documents it might name, not with the library)."""

    spoken: dict[str, list[tuple[str, str]]]  # titles of three words or more, as written and squashed
    identities: dict[str, set[str]]  # words of a document's title, publisher and file name
    holders: Counter[str]  # how many documents' identities hold each word
    kind_words: Counter[str]  # how many documents' kinds use each word
    by_word: dict[str, set[str]]  # the documents an identity or kind word may name


@lru_cache(maxsize=4)
def _names_of(documents: tuple[DocumentSummary, ...]) -> _Names:
    spoken, identities, by_word = {}, {}, defaultdict(set)
    holders: Counter[str] = Counter()
    kind_words: Counter[str] = Counter()
    for document in documents:
        title = document.document.lower()
        forms = {title, re.split(r"\s*[:–(]\s*|\s+-\s+", title)[0]}
        spoken[document.source] = [(name, _squash(name)) for name in forms if len(name.split()) >= 3]
        identities[document.source] = _identity_words(document)
        holders.update(identities[document.source])
        kind = set((document.kind or "").lower().split())
        kind_words.update(kind)
        for word in identities[document.source] | kind:
            by_word[word].add(document.source)
    return _Names(spoken, identities, holders, kind_words, dict(by_word))


def _identity_words(document: DocumentSummary) -> set[str]:
    text = " ".join(part for part in (document.document, document.publisher, document.source) if part).lower()
    return {word for word in re.findall(r"[a-z]{5,}", text) if word not in STOPWORDS}


def _squash(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text))
