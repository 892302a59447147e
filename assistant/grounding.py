"""The grounding check every answer passes before it reaches a user.

Each answer sentence is held against the passages it cites:

* it must cite at least one retrieved passage (``[n]``);
* every figure in it (``£12bn``, ``3.4%``, ``2023/24``, ``50,000``) must
  appear in a cited passage;
* every name in it (a capitalised word inside the sentence: "Messenger",
  "Hartley", "RAAC") must appear in a cited passage;
* most of its remaining words (``SUPPORT_THRESHOLD``) must appear there too.

A sentence that says the documents do not cover something needs no citation.
"""

from __future__ import annotations

import re

from vectorstore.keyword import tokens

from .contradiction import contradiction
from .figures import MONTH
from .models import Citation, GroundingReport, UnsupportedSentence
from .sentences import marks_of, split_sentences, without_marks

# Share of a sentence's content words that must occur in its cited passages.
# 0.6 lets an answer rephrase ("the plan will" for "we will") but not add
# claims: an invented clause drops a sentence well below it.
SUPPORT_THRESHOLD = 0.6
# A unit belongs to a figure only as a whole word: "40 minutes" is 40, not "40 m".
# A time unit is part of its figure too: "25 minutes" is not "25 hours".
# So is a date's day or year: "4 December" is not "1 December", nor "April 2023" "April 2021".
_FIGURE = re.compile(
    rf"\d{{1,2}}(?:st|nd|rd|th)? {MONTH}\b|{MONTH} \d{{4}}\b"
    r"|£?\d+(?:[.,/]\d+)*(?:\s?(?:%|per cent|bn|billion|million|m|k)(?![a-z])|\s(?:minute|hour|day|week|month|year)s?\b)?",
    re.IGNORECASE,
)
_NAME = re.compile(r"(?<=\S\s)(?:[A-Z][a-z]+(?:[A-Z][a-z]+)*|[A-Z]{2,})\b")
_UNIT_WORDS = frozenset("per cent percent billion million thousand".split())
_NOT_NAMES = frozenset("NHS I The A An In On By For And Of To".split())
DECLINE_PATTERN = re.compile(
    r"\b(?:documents?|sources?|passages?|texts?)\b[^.]{0,40}\b(?:do(?:es)?\s*n[o']t|not)\b[^.]{0,30}\b(?:say|cover|mention|address|contain|give|answer)",
    re.IGNORECASE,
)


def check_grounding(answer: str, citations: list[Citation]) -> GroundingReport:
    by_number = {citation.n: citation for citation in citations}
    unsupported: list[UnsupportedSentence] = []
    sentences = [s for s in split_sentences(answer) if without_marks(s)]
    for sentence in sentences:
        reason = unsupported_reason(sentence, by_number)
        if reason:
            unsupported.append(UnsupportedSentence(sentence=sentence, reason=reason))
    total = len(sentences)
    supported = total - len(unsupported)
    return GroundingReport(
        supported=supported, total=total, score=round(supported / total, 4) if total else 1.0, unsupported=unsupported
    )


def unsupported_reason(sentence: str, citations: dict[int, Citation]) -> str | None:
    """Why ``sentence`` is not supported by the passages it cites, or None."""
    claim = without_marks(sentence)
    marks = marks_of(sentence)
    if not marks:
        if DECLINE_PATTERN.search(claim):
            return None
        # Say also what is invented, if anything: no retrieved passage at all has it.
        problem = missing_support(claim, " ".join(c.text for c in citations.values()))
        return (
            f"cites no passage; {problem.replace('the cited passage', 'any retrieved passage')}"
            if problem
            else "cites no passage"
        )
    unknown = [n for n in marks if n not in citations]
    if unknown:
        return f"cites [{unknown[0]}], which is not a retrieved passage"
    evidence = " ".join(citations[n].text for n in marks)
    return missing_support(claim, evidence)


def missing_support(claim: str, evidence: str) -> str | None:
    """Why ``evidence`` does not back ``claim``, or None when it does."""
    flat_evidence = _flatten(evidence)
    for match in _FIGURE.finditer(claim):
        figure = match.group(0)
        wanted = re.escape(_flatten(figure))
        # "9" is not the "9" of "9am", but "7" is the "7" of "Section 7A" when the claim says "7A" too
        word_follows = claim[match.end() : match.end() + 1].isalpha()
        if not re.search(rf"(?<![\d/])(?<!\d[.,]){wanted}(?![\d/]{'' if word_follows else '|[a-z]'})", flat_evidence):
            return f"the figure {figure.strip()!r} is not in the cited passage"
    evidence_words = set(re.findall(r"[A-Za-z]+", evidence.lower()))
    for name in _NAME.findall(claim):
        if name not in _NOT_NAMES and name.lower() not in evidence_words:
            return f"the name {name!r} is not in the cited passage"
    words = [w for w in tokens(claim) if not w[0].isdigit() and not w.startswith("£") and w not in _UNIT_WORDS]
    if not words:
        return None
    evidence_tokens = set(tokens(evidence))
    share = sum(1 for w in words if w in evidence_tokens) / len(words)
    if share < SUPPORT_THRESHOLD:
        return f"only {share:.0%} of its words are in the cited passage"
    return contradiction(claim, evidence)


def _flatten(text: str) -> str:
    """One spelling for figures: "12 per cent" -> "12%", "£12 billion" ->
    "£12bn", "50,000" -> "50000", "5-year" -> "5 year"."""
    text = re.sub(r"\s*per\s?cent\b", "%", text.lower())
    text = re.sub(r"\s*billion\b", "bn", text)
    text = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", text)
    text = re.sub(r"(?<=\d)[\s-]+(minute|hour|day|week|month|year)s?\b", r" \1", text)  # "5-year", "5 years": "5 year"
    return re.sub(r"(?<=\d)\s+(?=%|bn\b|m\b|million\b)", "", text)
