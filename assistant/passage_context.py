"""What surrounds a sentence of a passage, as the answerability check reads
it: the passage's headings and file name, its other words, the acronyms it
spells out, the names it shortens, and the sentence before (which "He added: …"
continues).

Built once per passage text and headings and kept, not once per question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from vectorstore import Passage
from vectorstore.keyword import STOPWORDS, tokens

from .sentences import readable, split_sentences


@dataclass(frozen=True)
class PassageContext:
    """What surrounds a sentence: its passage's headings and text."""

    headings: frozenset[str]  # stemmed terms
    heading_words: frozenset[str]  # as written, lower-cased
    terms: frozenset[str]  # stemmed terms of the passage
    words: frozenset[str]  # the passage's and headings' words as written
    text_words: frozenset[str]  # the passage's own words as written, without its headings and file name
    flat: str  # the passage and headings, lower-cased, words separated by single spaces
    acronyms: dict[str, frozenset[str]]  # "fh" -> the terms of "Familial Hypercholesterolaemia"
    initials: frozenset[str]  # "ccg" for "Clinical Commissioning Group" (see initials_of)
    sentences: tuple[str, ...] = ()
    # The terms of each name of several capitalised words ("Bowel Cancer Screening Programme"), which a
    # later sentence shortens to one of its words in lower case: "lower the starting age for screening".
    names: tuple[frozenset[str], ...] = ()
    # The framework item and numbered paragraph the passage belongs to, and the terms that name
    # them and its document ("pledge", "2", "lakesid", "estat"): a question naming that item or
    # paragraph asks about the passage.
    item: tuple[str, int] | None = None
    paragraph: str | None = None
    place_terms: frozenset[str] = frozenset()
    before: frozenset[str] = frozenset()  # the terms of the sentence before, which "He added: …" continues
    continues: bool = False  # the sentence leans on the one before: "In trials *it* has been shown …"

    def is_place_of(self, item: tuple[str, int] | None, paragraph: str | None) -> bool:
        """Whether this passage is the item or paragraph a question names."""
        return (item is not None and item == self.item) or (paragraph is not None and paragraph == self.paragraph)

    def around(self, sentence: str) -> PassageContext:
        """This context for one sentence of the passage."""
        plain = [readable(s) for s in self.sentences]
        at = plain.index(readable(sentence)) if readable(sentence) in plain else -1
        if at <= 0:
            return self
        continues = bool(_LEANS_BACK.search(plain[at]))
        # A quote's second sentence ("He added: …") continues its first and the one naming the speaker.
        back = 2 if _QUOTE_GOES_ON.search(plain[at]) else 1
        before = terms_of(" ".join(self.sentences[max(0, at - back) : at]))
        return replace(self, before=before, continues=continues)

    @classmethod
    def of(cls, passage: Passage) -> PassageContext:
        # The file name too: "oxfordshire-hib-…" is how "the Oxfordshire paper" is named; and the
        # publisher, who speaks in every passage of its document.
        heading_text = " ".join(
            filter(
                None,
                (
                    passage.section,
                    passage.commitment_title,
                    passage.chapter_title,
                    passage.document,
                    passage.source,
                    passage.publisher,
                ),
            )
        )
        headings = set(tokens(heading_text))
        headings |= {"commitment", str(passage.commitment)} if passage.commitment else set()
        headings |= {"chapter", str(passage.chapter)} if passage.chapter else set()
        heading_words = frozenset(re.findall(r"[a-z]{3,}", heading_text.lower()))
        every_word = re.findall(r"[a-z]+|[0-9]+", f"{heading_text} {passage.text}".lower())
        # Keyed as a sentence's own tokens have it ("fh", "acts"), so that a later "FH" or "ACTs" is read
        # as the name spelled out.
        acronyms = {
            key: frozenset(tokens(" ".join(spelled.split()[-len(short) :])))
            for spelled, short in _SPELLED_OUT.findall(passage.text)
            if [w[0] for w in spelled.split()][-len(short) :] == list(short)
            for key in (short.lower(), f"{short.lower()}s")
        }
        flat = " ".join(every_word)
        return cls(
            frozenset(headings),
            heading_words,
            frozenset(tokens(passage.text)),
            frozenset(every_word),
            frozenset(re.findall(r"[a-z]+|[0-9]+", passage.text.lower())),
            flat,
            acronyms,
            initials_of(f"{passage.section or ''} {passage.text}"),
            tuple(split_sentences(passage.text)),
            tuple(frozenset(tokens(name)) for name in dict.fromkeys(_CAPITALISED_RUN.findall(passage.text))),
            item=(item.kind, item.number) if (item := passage.framework_item) else None,
            paragraph=passage.paragraph,
            place_terms=frozenset(tokens(_place_text(passage))),
        )


def _place_text(passage: Passage) -> str:
    """The words that name where a passage is: its item, paragraph and document."""
    item = passage.framework_item
    named = [f"{item.kind} {item.number}" if item else "", f"paragraph para {passage.paragraph}" if passage.paragraph else ""]
    return " ".join([*named, passage.document, passage.source])


# A pronoun or connective among a sentence's first words refers to the sentence before.
_LEANS_BACK = re.compile(r"^\W*(?:\S+\s+){0,3}?(?:it|its|this|these|they|their|he|she|his|her|such|and|also)\b", re.IGNORECASE)
_QUOTE_GOES_ON = re.compile(r"^\W*(?:he|she|they)\s+(?:added|said|continued|went on)\b", re.IGNORECASE)
_SPELLED_OUT = re.compile(r"((?:[A-Z][\w-]*\s+){1,6})\(([A-Z]{2,6})s?\)")  # "Alcohol Care Teams (ACTs)"
_CONTEXTS: dict[tuple, PassageContext] = {}
_MAX_CONTEXTS = 4096


def context_of(passage: Passage) -> PassageContext:
    """Contexts are built once per passage text and headings, not per question part."""
    key = (
        passage.source,
        passage.document,
        passage.section,
        passage.commitment,
        passage.commitment_title,
        passage.chapter,
        passage.chapter_title,
        passage.publisher,
        passage.framework_item,
        passage.paragraph,
        passage.text,
    )
    context = _CONTEXTS.get(key)
    if context is None:
        if len(_CONTEXTS) >= _MAX_CONTEXTS:
            _CONTEXTS.clear()
        context = _CONTEXTS[key] = PassageContext.of(passage)
    return context


@lru_cache(maxsize=50_000)
def terms_of(text: str) -> frozenset[str]:
    return frozenset(tokens(text))


# A run of capitalised words, perhaps ending in an acronym: "Royal College of GPs" makes "RCGP".
_CAPITALISED_RUN = re.compile(r"\b[A-Z][a-z]+(?:\s+(?:and\s+|of\s+)?(?:[A-Z][a-z]+|[A-Z]{2,}s?\b)){1,5}\b")
_ACRONYM_WORD = re.compile(r"([A-Z]{2,})s?")


@lru_cache(maxsize=50_000)
def initials_of(text: str) -> frozenset[str]:
    """The acronyms a text's capitalised names would make, lower-cased:
    "Clinical Commissioning Group" -> "ccg", so that a question's "CCG" is
    found where the text spells the name out without the acronym."""
    found = set()
    for run in _CAPITALISED_RUN.findall(text):
        capitals = [acronym.group(1) if (acronym := _ACRONYM_WORD.fullmatch(w)) else w[0] for w in run.split() if w[0].isupper()]
        for start in range(len(capitals) - 1):
            found.add("".join(capitals[start:]).lower())
    return frozenset(found)


@lru_cache(maxsize=50_000)
def phrase_initials(text: str) -> frozenset[str]:
    """The initials of each run of two or three lower-case words: "general
    practice" -> "gp", so that a question's "GP" is found in a sentence that
    spells it out. Kept to the sentence itself: two letters match by chance
    too often for a whole passage."""
    words = re.findall(r"[A-Za-z]+", text)
    found = set()
    for size in (2, 3):
        for start in range(len(words) - size + 1):
            run = words[start : start + size]
            if all(w.islower() and len(w) >= 3 and w not in STOPWORDS for w in run):
                found.add("".join(w[0] for w in run))
    return frozenset(found)


@lru_cache(maxsize=50_000)
def spelled_out_in(question: str, acronym: str) -> frozenset[str]:
    """The terms of the words of ``question`` whose initials make ``acronym``: a sentence's "ICSs"
    is the question's "integrated care systems"."""
    letters = (acronym[:-1] if acronym.endswith("s") else acronym).lower()
    words = re.findall(r"[A-Za-z]+", question)
    for start in range(len(words) - len(letters) + 1):
        run = words[start : start + len(letters)]
        if "".join(w[0] for w in run).lower() == letters:
            return frozenset(tokens(" ".join(run)))
    return frozenset()
