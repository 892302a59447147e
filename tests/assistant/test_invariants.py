"""Invariants of answers, checked over every sentence of every document the
tests ingest: the bundled corpus and the documents written for the tests
(tests/documents/), not over a few examples.

* a sentence quoted verbatim from a passage passes the grounding check
  against that passage, as written and as the extractive answerer shows it;
* the same sentence negated, or with a figure, a date, an actor or a
  direction changed, never passes it;
* an answer is never empty;
* a decline cites nothing and is judged not covered; an answer that is not a
  decline cites something, is judged answered or partly answered, and every
  ``[n]`` in it is one of its citations.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from assistant import Assistant
from assistant.grounding import check_grounding, missing_support
from assistant.models import Citation
from assistant.sentences import marks_of, readable, split_sentences, with_mark
from evals.grounding_pairs import changed_figure, negated, reversed_direction, swapped_actor, wrong_date
from vectorstore import Passage

TEST_DOCUMENTS = Path(__file__).parent.parent / "documents"


@pytest.fixture(scope="module")
def test_documents_library(tmp_path_factory, embeddings):
    from assistant import Library, Settings

    library = Library(Settings(data_dir=tmp_path_factory.mktemp("test-documents")), embeddings=embeddings)
    report = library.ingest([TEST_DOCUMENTS], progress=False)
    assert not report.skipped, report.skipped
    return library


def every_sentence(chunks) -> list[tuple[object, str]]:
    return [(chunk, sentence) for chunk in chunks for sentence in split_sentences(chunk.text)]


def test_every_verbatim_sentence_passes_the_check_against_its_own_passage(corpus_chunks, test_documents_library):
    chunks = corpus_chunks + test_documents_library.store.chunks()
    pairs = every_sentence(chunks)
    assert len(pairs) > 420  # the whole corpus and the test documents, not a sample
    failures = []
    for chunk, sentence in pairs:
        citation = Citation(**Passage.of(chunk, 1.0, similarity=None).model_dump(), n=1, quote="")
        for shown in {sentence, readable(sentence)}:
            if not shown.strip():
                continue
            report = check_grounding(with_mark(shown, 1), [citation])
            if report.unsupported:
                failures.append(f"{chunk.source}: {shown!r}: {report.unsupported[0].reason}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("change", [negated, changed_figure, wrong_date, swapped_actor, reversed_direction])
def test_a_sentence_whose_meaning_is_changed_never_passes_against_its_own_passage(change, corpus_chunks, test_documents_library):
    rng = random.Random(change.__name__)
    changed = passed = 0
    for chunk, sentence in every_sentence(corpus_chunks + test_documents_library.store.chunks()):
        text = readable(sentence).strip()
        made = change(text, rng, chunk.text) if change is swapped_actor else change(text, rng)
        if made is None or made[0] == text:
            continue
        changed += 1
        if missing_support(made[0], chunk.text) is None:
            passed += 1
            print(f"passed: {made[1]}: {made[0]}")
    assert changed >= 15 and passed == 0, f"{passed} of {changed} changed sentences passed"


def check_answer(answer) -> list[str]:
    problems = []
    if not answer.answer.strip():
        problems.append("empty answer")
    if answer.refused:
        if answer.citations:
            problems.append("a decline cites passages")
        if answer.answerability.verdict != "not_covered":
            problems.append(f"a decline judged {answer.answerability.verdict}")
    else:
        if not answer.citations:
            problems.append("an answer cites nothing")
        if answer.answerability.verdict == "not_covered":
            problems.append("an answer judged not covered")
        numbers = {c.n for c in answer.citations}
        if not set(marks_of(answer.answer)) <= numbers:
            problems.append(f"marks {marks_of(answer.answer)} beyond citations {sorted(numbers)}")
        if answer.grounding.score != 1.0:
            problems.append(f"grounding {answer.grounding.score}")
    return problems


@pytest.mark.parametrize("library_name", ["corpus_library", "test_documents_library"])
def test_answers_to_every_sentence_keep_the_invariants(request, library_name):
    """Each sentence is asked as it stands and as "When …?" / "How much …?"
    about it, which the documents often cannot answer: declines get checked too."""
    library = request.getfixturevalue(library_name)
    assistant = Assistant(library.settings, library)
    failures, declined, asked = [], 0, 0
    for _chunk, sentence in every_sentence(library.store.chunks()):
        subject = readable(sentence).rstrip(".!?")
        if len(subject.split()) < 3:
            continue
        for question in (subject, f"When will this happen: {subject}?", f"How much will it cost: {subject}?"):
            answer = assistant.ask(question[:1000])
            asked += 1
            declined += answer.refused
            failures += [f"{question!r}: {p}" for p in check_answer(answer)]
    assert asked > 100 and 0 < declined < asked
    assert not failures, "\n".join(failures[:40])
