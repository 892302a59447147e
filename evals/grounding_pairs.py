"""A labelled grounding benchmark: (answer sentence, cited passage) pairs
with a label — supported or not — and why, to measure the grounding check
itself.

Pairs are of nine kinds. Supported: a verbatim quote, a partial quote, and a
faithful paraphrase (written by hand, in ``paraphrases.jsonl``, or by a
meaning-keeping rewrite: "nearly" for "almost", a date moved to the end).
Not supported: a changed figure, a changed unit, a negation, a reversed
direction ("rise" for "fall"), a swapped actor, a wrong date, and a claim
merged from another passage. The changes are made by rules whose effect on
meaning is certain, so every label is right by construction; each pair says
in ``why`` what was done.

Two splits: ``dev`` from the bundled corpus (the check was tuned on it) and
``test`` from documents the check was never tuned on (``tests/documents``
and ``tests/structure/documents``). ``python -m evals.grounding_pairs``
writes both to ``evals/grounding/``.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from assistant.sentences import readable, split_sentences
from ingest.dates import MONTHS

Label = Literal["supported", "not_supported"]
HERE = Path(__file__).parent / "grounding"
_PER_KIND = {"dev": 40, "test": 25}  # pairs of each rule-made kind per split, at most


class LabelledPair(BaseModel):
    id: str
    sentence: str = Field(description="The answer sentence, as an answer would state it (no citation marks).")
    passage: str = Field(description="The passage it cites.")
    source: str
    label: Label
    kind: str = Field(
        description="verbatim, partial_quote, paraphrase, figure, unit, negation, direction, actor, date or merged."
    )
    why: str


class Passage(BaseModel):
    source: str
    text: str


# --- rule-made changes: each returns the changed sentence and why, or None ---------------------

_NUMBER = re.compile(r"(?<![\w.,/£-])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w/]|[.,]\d)")
_UNITS = [  # a unit right after its number, and what it becomes
    (r"(?<=\d) ?billion\b", " million"),
    (r"(?<=\d)bn\b", "m"),
    (r"(?<=\d) ?million\b", " billion"),
    (r"(?<=\d)m\b", "bn"),
    (r"(?<=\d) ?per cent\b", " percentage points"),
    (r"(?<=\d) minutes\b", " hours"),
    (r"(?<=\d) hours\b", " days"),
    (r"(?<=\d) days\b", " weeks"),
    (r"(?<=\d) weeks\b", " months"),
    (r"(?<=\d) months\b", " years"),
    (r"(?<=\d) years\b", " months"),
]
_MODALS = re.compile(r"\b(will|must|should|can|could|would|may|is|are|was|were|has|have)\b(?! not\b)")
_DIRECTIONS = [
    ("increase", "decrease"),
    ("increased", "decreased"),
    ("increasing", "decreasing"),
    ("rise", "fall"),
    ("rose", "fell"),
    ("rising", "falling"),
    ("more", "fewer"),
    ("higher", "lower"),
    ("above", "below"),
    ("expand", "reduce"),
    ("improve", "worsen"),
    ("grow", "shrink"),
    ("growth", "decline"),
    ("extend", "shorten"),
    ("reduce", "increase"),
    ("reduced", "increased"),
    ("cut", "raise"),
    ("before", "after"),
    ("open", "close"),
    ("earlier", "later"),
    ("best", "worst"),
]
_ACTORS = [
    "NHS England",
    "NHS Providers",
    "the government",
    "trusts",
    "local authorities",
    "integrated care boards",
    "the Treasury",
    "GP practices",
    "the board",
    "the council",
    "Public Health England",
    "the Department of Health and Social Care",
]
_MONTHS = [month.capitalize() for month in MONTHS]
_YEAR = re.compile(r"\b(20\d\d)(?:(/|-)(\d\d))?\b")
_SYNONYMS = [
    ("nearly", "almost"),
    ("almost", "nearly"),
    ("around", "about"),
    ("approximately", "about"),
    ("over", "more than"),
    ("help", "support"),
    ("ensure", "make sure"),
    ("however", "but"),
    ("additional", "extra"),
    ("extra", "additional"),
    ("key", "central"),
    ("aim", "goal"),
    ("begin", "start"),
]


def changed_figure(sentence: str, rng: random.Random) -> tuple[str, str] | None:
    numbers = [m for m in _NUMBER.finditer(sentence) if not _is_year(m.group(1)) and not _is_list_number(sentence, m)]
    if not numbers:
        return None
    m = rng.choice(numbers)
    old = m.group(1)
    value = float(old.replace(",", ""))
    new_value = value * rng.choice([2, 3]) + rng.choice([1, 7]) if value < 1000 else value * 2
    new = _like(old, new_value)
    return f"{sentence[: m.start(1)]}{new}{sentence[m.end(1) :]}", f"the figure {old} became {new}"


def changed_unit(sentence: str, rng: random.Random) -> tuple[str, str] | None:
    options = [(pattern, unit) for pattern, unit in _UNITS if re.search(pattern, sentence)]
    if not options:
        return None
    pattern, unit = rng.choice(options)
    m = re.search(pattern, sentence)
    assert m
    return f"{sentence[: m.start()]}{unit}{sentence[m.end() :]}", f"the unit {m.group(0).strip()!r} became {unit.strip()!r}"


def negated(sentence: str, rng: random.Random) -> tuple[str, str] | None:
    if re.search(r"\b(?:not|no|never|n't|none|without)\b", sentence, re.IGNORECASE):
        return None
    m = _MODALS.search(sentence)
    if not m:
        return None
    return f"{sentence[: m.end()]} not{sentence[m.end() :]}", f"'{m.group(1)}' became '{m.group(1)} not'"


def reversed_direction(sentence: str, rng: random.Random) -> tuple[str, str] | None:
    found = [(w, o) for w, o in _DIRECTIONS if re.search(rf"\b{w}\b", sentence)]
    if not found:
        return None
    word, opposite = rng.choice(found)
    new = re.sub(rf"\b{word}\b", opposite, sentence, count=1)
    return new, f"'{word}' became '{opposite}'"


def swapped_actor(sentence: str, rng: random.Random, passage: str = "") -> tuple[str, str] | None:
    """Another actor in place of one the sentence names: one its passage does
    not name (an actor the passage names elsewhere is a harder case, left to
    the hand-written pairs)."""
    # "NHS trusts" is one name: an actor inside a longer name is left alone
    present = [a for a in _ACTORS if re.search(rf"(?<![A-Z][A-Za-z] )\b{re.escape(a)}\b", sentence, re.IGNORECASE)]
    if not present:
        return None
    actor = rng.choice(present)
    others = [a for a in _ACTORS if a.lower() != actor.lower() and a.lower() not in (sentence + " " + passage).lower()]
    other = rng.choice(others)
    m = re.search(rf"(?<![A-Z][A-Za-z] )\b{re.escape(actor)}\b", sentence, re.IGNORECASE)
    assert m
    start = sentence[: m.start()]
    other = other[:1].upper() + other[1:] if not start.strip() else other
    return f"{start}{other}{sentence[m.end() :]}", f"the actor '{m.group(0)}' became '{other}'"


def wrong_date(sentence: str, rng: random.Random) -> tuple[str, str] | None:
    months = [m for m in re.finditer(rf"\b({'|'.join(_MONTHS)})\b", sentence)]
    years = list(_YEAR.finditer(sentence))
    if months and rng.random() < 0.5:
        m = rng.choice(months)
        other = _MONTHS[(_MONTHS.index(m.group(1)) + rng.choice([2, 5])) % 12]
        return f"{sentence[: m.start()]}{other}{sentence[m.end() :]}", f"the month {m.group(1)} became {other}"
    if not years:
        return None
    m = rng.choice(years)
    shift = rng.choice([2, 3])
    year = int(m.group(1)) + shift
    tail = f"{m.group(2)}{(int(m.group(3)) + shift) % 100:02d}" if m.group(3) else ""
    return f"{sentence[: m.start()]}{year}{tail}{sentence[m.end() :]}", f"the date {m.group(0)} became {year}{tail}"


def merged(sentence: str, other_sentence: str) -> tuple[str, str] | None:
    clause = other_sentence.rstrip(".").split(", ")[0]
    if len(clause.split()) < 5:
        return None
    clause = clause[:1].lower() + clause[1:] if not re.match(r"[A-Z]{2,}|[A-Z][a-z]+ [A-Z]", clause) else clause
    return f"{sentence.rstrip('.')}, and {clause}.", "a clause from another passage was added"


def partial_quote(sentence: str) -> tuple[str, str] | None:
    pieces = sentence.rstrip(".").split(", ")
    if len(pieces) < 2 or len(pieces[0].split()) < 6:
        return None
    return f"{pieces[0]}.", "the sentence up to its first comma"


def rephrased(sentence: str, rng: random.Random) -> tuple[str, str] | None:
    """A meaning-keeping rewrite: a synonym, or an opening date moved to the end."""
    if m := re.match(r"^(By|In|From) ((?:\w+ )?20\d\d(?:/\d\d)?), (.+?)\.?$", sentence):
        rest = m.group(3)
        return f"{rest[:1].upper()}{rest[1:]} {m.group(1).lower()} {m.group(2)}.", "the opening date moved to the end"
    found = [(w, s) for w, s in _SYNONYMS if re.search(rf"\b{w}\b", sentence)]
    if not found:
        return None
    word, synonym = rng.choice(found)
    return re.sub(rf"\b{word}\b", synonym, sentence, count=1), f"'{word}' said as '{synonym}'"


_NEGATIVE_RULES: list[tuple[str, Callable[[str, random.Random], tuple[str, str] | None]]] = [
    ("figure", changed_figure),
    ("unit", changed_unit),
    ("negation", negated),
    ("direction", reversed_direction),
    ("actor", swapped_actor),
    ("date", wrong_date),
]


def build_pairs(passages: list[Passage], split: str, paraphrases: list[dict]) -> list[LabelledPair]:
    """Every kind of pair from ``passages``, at most ``_PER_KIND[split]`` of each rule-made kind."""
    rng = random.Random(f"grounding-{split}")
    sentences = [
        (p, s)
        for p in passages
        for s in (readable(raw).strip() for raw in split_sentences(p.text))
        if 8 <= len(s.split()) <= 60 and not s.endswith(":")
    ]
    rng.shuffle(sentences)
    limit = _PER_KIND[split]
    pairs: list[LabelledPair] = []

    def add(p: Passage, sentence: str, label: Label, kind: str, why: str) -> None:
        digest = hashlib.sha1(f"{kind}:{sentence}:{p.source}:{p.text}".encode()).hexdigest()[:10]
        if any(pair.id == f"{split}-{kind}-{digest}" for pair in pairs):
            return  # the same sentence twice in one passage makes one pair
        pairs.append(
            LabelledPair(
                id=f"{split}-{kind}-{digest}", sentence=sentence, passage=p.text, source=p.source, label=label, kind=kind, why=why
            )
        )

    for kind, rule in [("verbatim", None), ("partial_quote", None), ("paraphrase", None), *_NEGATIVE_RULES]:
        made = 0
        for p, sentence in sentences:
            if made >= limit:
                break
            if kind == "verbatim":
                change: tuple[str, str] | None = (sentence, "the passage's own sentence")
                label: Label = "supported"
            elif kind == "partial_quote":
                change, label = partial_quote(sentence), "supported"
            elif kind == "paraphrase":
                change, label = rephrased(sentence, rng), "supported"
            else:
                assert rule is not None
                change, label = (
                    (swapped_actor(sentence, rng, p.text) if rule is swapped_actor else rule(sentence, rng)),
                    "not_supported",
                )
            if change and (change[0] != sentence or kind == "verbatim"):
                add(p, change[0], label, kind, change[1])
                made += 1
    made = 0
    for (p, sentence), (q, other) in zip(sentences, sentences[1:] + sentences[:1], strict=True):
        if made >= limit:
            break
        if p.source == q.source and p.text == q.text:
            continue
        change = merged(sentence, other)
        if change and _share_in(change[0].split(", and ")[-1], p.text) < 0.5:  # the clause is news to the passage
            add(p, change[0], "not_supported", "merged", change[1])
            made += 1
    by_text = {p.text: p for p in passages}
    for entry in paraphrases:
        passage = next((p for p in passages if entry["passage_contains"] in p.text), None)
        if passage is None:
            raise ValueError(f"no passage contains {entry['passage_contains']!r}")
        add(by_text[passage.text], entry["sentence"], entry["label"], entry.get("kind", "paraphrase"), entry["why"])
    return pairs


def _share_in(clause: str, passage: str) -> float:
    words = set(re.findall(r"[a-z]{4,}", clause.lower()))
    return len(words & set(re.findall(r"[a-z]{4,}", passage.lower()))) / (len(words) or 1)


def _is_year(number: str) -> bool:
    return bool(re.fullmatch(r"(?:19|20)\d\d", number))


def _is_list_number(sentence: str, m: re.Match) -> bool:
    return m.start() == 0 or sentence[max(0, m.start() - 5) : m.start()].lower().endswith(("para ", "page "))


def _like(old: str, value: float) -> str:
    if "." in old:
        return f"{value:.{len(old.split('.')[1])}f}"
    whole = round(value)
    return f"{whole:,}" if "," in old else str(whole)


def load_pairs(path: Path) -> list[LabelledPair]:
    return [LabelledPair.model_validate_json(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def save_pairs(pairs: Iterable[LabelledPair], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(p.model_dump_json() + "\n" for p in pairs), encoding="utf-8")


def _passages_of(paths: list[Path]) -> list[Passage]:
    from ingest import read_document

    passages = []
    for path in paths:
        _, chunks = read_document(path, 1200, 2000)
        passages += [Passage(source=path.name, text=chunk.text) for chunk in chunks if not chunk.quarantine_reason]
    return passages


def main() -> None:
    """Writes ``evals/grounding/dev.jsonl`` (the bundled corpus) and
    ``test.jsonl`` (documents the check was never tuned on)."""
    import json

    root = HERE.parent.parent
    corpus = sorted(p for p in (root / "corpus").glob("*.txt"))
    unseen = sorted(
        [*(root / "tests" / "documents").glob("*.[mt][dx]*"), *(root / "tests" / "structure" / "documents").glob("*.*")]
    )
    unseen = [p for p in unseen if p.suffix in (".txt", ".md", ".html") and p.name != "README.md"]
    for split, paths in (("dev", corpus), ("test", unseen)):
        written = [
            json.loads(line)
            for line in (HERE / f"paraphrases-{split}.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
        pairs = build_pairs(_passages_of(paths), split, written)
        save_pairs(pairs, HERE / f"{split}.jsonl")
        kinds: dict[str, int] = {}
        for pair in pairs:
            kinds[pair.kind] = kinds.get(pair.kind, 0) + 1
        print(f"{split}: {len(pairs)} pairs {kinds}")


if __name__ == "__main__":
    main()
