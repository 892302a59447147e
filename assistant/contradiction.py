"""Claims that use the passage's words but not its meaning.

A lexical check counts shared words, so "the NHS will not provide" shares
every word with "the NHS will provide", and "demand fell" nearly every word
with "demand rose". These checks look at what such a change alters:

* a **negation** the passage does not have where the claim's words meet
  ("will not provide" against "will provide"), or one the claim drops;
* a **direction** reversed: the claim says "fewer", "below", "worsen" where
  the passage says "more", "above", "improve";
* **certainty** changed: "could" for "will", "exactly" for "around", "all"
  for "some";
* an **actor** or a **name** the passage does not have: "local authorities"
  for "trusts", "Director of Finance" for "Director of Strategy";
* a **clause** of the claim the passage does not say: "…, and invest in
  management" joined on from elsewhere.

A sentence quoted from its passage passes all of them, by construction:
every word pair, name and clause of it is there.
"""

from __future__ import annotations

import re

from ingest.dates import MONTHS
from vectorstore.keyword import tokens

_NEGATIONS = frozenset("not no never none nor without".split())
_OPPOSITE_PAIRS = [
    ("increase", "decrease"), ("increased", "decreased"), ("increasing", "decreasing"), ("increases", "decreases"),
    ("increase", "reduce"), ("increased", "reduced"), ("increasing", "reducing"), ("increase", "cut"),
    ("rise", "fall"), ("rises", "falls"), ("rose", "fell"), ("rising", "falling"), ("risen", "fallen"),
    ("more", "fewer"), ("more", "less"), ("higher", "lower"), ("above", "below"), ("over", "under"),
    ("expand", "reduce"), ("expanded", "reduced"), ("improve", "worsen"), ("improved", "worsened"),
    ("improving", "worsening"), ("grow", "shrink"), ("growing", "shrinking"), ("growth", "decline"),
    ("extend", "shorten"), ("extended", "shortened"), ("before", "after"), ("open", "close"), ("opened", "closed"),
    ("earlier", "later"), ("best", "worst"), ("most", "least"), ("maximum", "minimum"), ("gain", "loss"),
    ("gains", "losses"), ("up", "down"), ("enables", "stops"), ("enable", "stop"), ("enables", "prevents"),
    ("raise", "cut"), ("raised", "cut"), ("success", "failure"), ("strengths", "weaknesses"), ("strong", "weak"),
    ("include", "exclude"), ("includes", "excludes"), ("included", "excluded"), ("start", "end"), ("first", "last"),
    ("all", "some"), ("many", "few"),
]  # fmt: skip
_OPPOSITES: dict[str, set[str]] = {}
for _one, _other in _OPPOSITE_PAIRS:
    _OPPOSITES.setdefault(_one, set()).add(_other)
    _OPPOSITES.setdefault(_other, set()).add(_one)
_FIRM = frozenset("will must shall".split())
_TENTATIVE = frozenset("could may might can".split())
# Words that make a claim firmer or wider than its passage when the passage lacks them.
_ABSOLUTES = frozenset("exactly precisely definitely certainly always all every only none entire entirely".split())
# Who does or gets something: a claim naming one its passage does not is about someone else.
_ACTORS = frozenset(
    "government treasury department council councils board boards trust trusts authority authorities providers "
    "commissioners ministers minister chair chairs director directors executive executives secretary unions colleges "
    "ccgs icbs icss practices charities employers patients staff nurses doctors paramedics volunteers".split()
)
_DATE_WORD = re.compile(r"(?:19|20)\d\d(?:/\d\d)?|" + "|".join(MONTHS))  # as ``_words`` spells them: lower case
_NAME_RUN = re.compile(r"\b(?:[A-Z][\w'’&-]*|of|the)(?:\s+(?:[A-Z][\w'’&-]*|of|the))*")
_CLAUSE_BREAK = re.compile(r",\s+|\s+(?:and|but|while|whereas|which|because|so)\s+|;\s*")


def contradiction(claim: str, evidence: str) -> str | None:
    """Why ``claim`` says something its ``evidence`` does not, though their words agree; None when it does not."""
    claim_words, evidence_words = _words(claim), _words(evidence)
    for check in (_negation, _dropped_negation, _reversed, _certainty, _unnamed_actor, _moved_date):
        if reason := check(claim_words, evidence_words):
            return reason
    return _unsaid_name(claim, evidence) or _unsaid_clause(claim, evidence)


def _reversed(claim: list[str], evidence: list[str]) -> str | None:
    """ "fewer" where the passage says "more": anywhere in it, or between the same two words."""
    present, joined = set(evidence), " " + " ".join(evidence) + " "
    for i, word in enumerate(claim):
        before, after = claim[i - 1] if i else "", claim[i + 1] if i + 1 < len(claim) else ""
        for opposite in sorted(_OPPOSITES.get(word, ())):
            if word not in present and opposite in present:
                return f"it says {word!r} where the cited passage says {opposite!r}"
            if f" {before} {opposite} {after} " in joined and f" {before} {word} {after} " not in joined:
                return f"it says '{before} {word} {after}' where the cited passage says '{before} {opposite} {after}'"
    return None


def _certainty(claim: list[str], evidence: list[str]) -> str | None:
    """ "could" for "will", "must" where the passage commits to nothing, "exactly" for "around"."""
    said, present = set(claim), set(evidence)
    if said & _TENTATIVE - present and _FIRM & present:
        return "it makes tentative what the cited passage states firmly"
    if said & _FIRM - {"will"} and not said & _FIRM & present:
        return "it makes firm what the cited passage does not"
    if absolute := sorted(said & _ABSOLUTES - present):
        return f"it says {absolute[0]!r}, which the cited passage does not"
    return None


def _unnamed_actor(claim: list[str], evidence: list[str]) -> str | None:
    """ "local authorities" where the passage speaks of trusts (in any form of the word)."""
    stems = set(tokens(" ".join(evidence)))
    for word in sorted(set(claim) & _ACTORS - set(evidence)):
        if not set(tokens(word)) & stems:
            return f"it names {word!r}, whom the cited passage does not"
    return None


def _moved_date(claim: list[str], evidence: list[str]) -> str | None:
    """A year or month the passage has, but not where the claim puts it: "In
    2019, NHS England introduced" against "In 2016, NHS England introduced"
    in a passage that mentions 2019 elsewhere. Each must share a neighbour
    with one of its places in the passage. (Actors are not held to this: "Trusts
    have little headroom" rightly restates "leave trusts with little headroom".)"""
    for i, word in enumerate(claim):
        if not _DATE_WORD.fullmatch(word):
            continue
        near = {claim[j] for j in (i - 1, i + 1) if 0 <= j < len(claim)}
        places = [j for j, other in enumerate(evidence) if other == word]
        if places and not any({evidence[k] for k in (j - 1, j + 1) if 0 <= k < len(evidence)} & near for j in places):
            return f"the cited passage does not give {word!r} where the claim does"
        if 0 < i < len(claim) - 1:  # the same words around another date: "in 2016, NHS England" for "in 2019, NHS England"
            before, after = claim[i - 1], claim[i + 1]
            around = [evidence[j] for j in range(1, len(evidence) - 1) if (evidence[j - 1], evidence[j + 1]) == (before, after)]
            if around and word not in around and all(_DATE_WORD.fullmatch(other) for other in around):
                return f"the cited passage says {around[0]!r} where the claim says {word!r}"
    return None


def _words(text: str) -> list[str]:
    text = re.sub(r"\bcannot\b", "can not", text.lower().replace("’", "'"))
    text = re.sub(r"n't\b", " not", text)
    return re.findall(r"[a-z]+|\d+(?:[.,/]\d+)*", text)


def _negation(claim: list[str], evidence: list[str]) -> str | None:
    """A "not" in the claim whose neighbours meet in the passage without one
    ("will provide"), or, at the claim's end, whose words end a passage
    sentence without one ("we must" for "we must not")."""
    joined = " " + " ".join(evidence) + " "
    negation = "|".join(_NEGATIONS)
    for i, word in enumerate(claim):
        if word not in _NEGATIONS or i == 0:
            continue
        before = " ".join(claim[max(0, i - 2) : i])
        after = " ".join(claim[i + 1 : i + 3])
        if not after:
            ends = [m.end() for m in re.finditer(rf" {re.escape(before)} ", joined)]
            if ends and not any(re.match(rf"(?:{negation}) ", joined[end:]) for end in ends):
                return f"it says '{before} {word}' where the cited passage says '{before}'"
            continue
        negated_there = re.search(
            rf" {re.escape(before)} (?:\w+ ){{0,2}}?(?:{negation}) (?:\w+ ){{0,2}}?{re.escape(after)} ", joined
        )
        if f" {before} {after} " in joined and not negated_there:
            return f"it says '{before} {word} {after}' where the cited passage says '{before} {after}'"
    return None


def _dropped_negation(claim: list[str], evidence: list[str]) -> str | None:
    """A "not" in the passage that the claim drops: "will provide" for "will not provide"."""
    joined_claim = " " + " ".join(claim) + " "
    joined_evidence = " " + " ".join(evidence) + " "
    for i, word in enumerate(evidence):
        if word not in _NEGATIONS or i == 0 or i + 1 >= len(evidence):
            continue
        before, after = evidence[i - 1], evidence[i + 1]
        pair = f" {before} {after} "
        if pair in joined_claim and pair not in joined_evidence and f" {before} {word} {after} " not in joined_claim:
            context = evidence[max(0, i - 3) : i - 1]
            if context and all(w in joined_claim for w in context):  # the claim is about the same thing
                return f"it says '{before} {after}' where the cited passage says '{before} {word} {after}'"
    return None


def _unsaid_name(claim: str, evidence: str) -> str | None:
    """A name of two or more words ("Director of Finance", "NHS England") the passage does not have as a whole."""
    flat = " ".join(re.findall(r"[a-z0-9]+", evidence.lower()))
    for match in _NAME_RUN.finditer(claim):
        words = match.group(0).split()
        while words and words[0].lower() in ("of", "the"):
            words.pop(0)
        while words and words[-1].lower() in ("of", "the"):
            words.pop()
        capitalised = [w for w in words if w[:1].isupper()]
        if len(capitalised) < 2 or (match.start() == 0 and len(capitalised) == len(words) == 2 and not words[1].isupper()):
            continue  # "Hospitals in …", "The NHS": a capital that only opens the sentence
        name = " ".join(re.findall(r"[a-z0-9]+", " ".join(words).lower()))
        if name and f" {name} " not in f" {flat} ":
            return f"the name {' '.join(words)!r} is not in the cited passage as a whole"
    return None


def _unsaid_clause(claim: str, evidence: str) -> str | None:
    """A clause of three or more content words, most of which the passage lacks: a claim joined on from elsewhere."""
    evidence_tokens = set(tokens(evidence))
    for clause in _CLAUSE_BREAK.split(claim):
        content = [t for t in tokens(clause) if not t[0].isdigit() and not t.startswith("£")]
        if len(content) >= 3 and sum(t in evidence_tokens for t in content) / len(content) < 0.5:
            return f"the cited passage does not say {clause.strip(' .')!r}"
    return None
