"""The evaluation test-set format: one JSON object per line (JSONL).

Field names follow RAGAS's ``SingleTurnSample`` where they overlap:

``user_input``          the question (required)
``reference``           a reference answer (optional; token F1 is computed against it)
``reference_contexts``  verbatim evidence strings that retrieval must find and
                        the answer must rest on (optional; hit@k and MRR use them)

and add our own:

``id``                  a stable name for the case (required, unique)
``answerable``          false when the right behaviour is to decline (default true)
``reference_sections``  where the answer lives: ``{"document"?: file name or title,
                        "commitment"?, "chapter"?, "paragraph"?, "framework_item"?: {"kind",
                        "number"}}``; a field left out matches anything (section
                        precision/recall)
``key_facts``           strings a correct answer must contain; an inner list is a set of
                        alternatives, any one of which will do
``answerability``       the verdict a right answer carries: ``answered``, ``partial`` (the
                        documents give part of what is asked; ``key_facts`` hold that part)
                        or ``not_covered``; by default ``answered`` when ``answerable``,
                        else ``not_covered``
``history``             earlier turns ``{"role", "content"}`` for follow-ups
``tags``                free labels (``figure``, ``follow-up``, ``commitment-3`` …) for the report

A line starting with ``#`` is a comment: a split says at its top what it is for.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, ValidationError, model_validator

from assistant.models import Turn


class ItemPlace(BaseModel):
    kind: str
    number: int


class SectionRef(BaseModel):
    document: str | None = Field(default=None, description="File name or title of the document; none means any document")
    commitment: int | None = None
    chapter: int | None = None
    paragraph: str | None = None
    framework_item: ItemPlace | None = Field(
        default=None, description='A framework item of any kind, e.g. {"kind": "priority", "number": 2}'
    )


class EvalCase(BaseModel):
    id: str = Field(min_length=1)
    user_input: str = Field(min_length=1)
    reference: str | None = None
    reference_contexts: list[str] = []
    answerable: bool = True
    answerability: Literal["answered", "partial", "not_covered"] | None = None
    reference_sections: list[SectionRef] = []
    key_facts: list[str | list[str]] = []
    history: list[Turn] = []
    tags: list[str] = []

    @model_validator(mode="after")
    def _declines_have_no_answer(self) -> EvalCase:
        if not self.answerable and (self.key_facts or self.reference_sections):
            raise ValueError("a case that must be declined has no key_facts or reference_sections")
        if self.answerability == "not_covered" and self.answerable:
            raise ValueError("answerability not_covered means answerable: false")
        if self.answerability in ("answered", "partial") and not self.answerable:
            raise ValueError(f"answerability {self.answerability} means answerable: true")
        return self

    @property
    def expected_answerability(self) -> str:
        return self.answerability or ("answered" if self.answerable else "not_covered")


class TestSetError(ValueError):
    """The test set cannot be read; the message names the file and line."""

    __test__ = False  # not a pytest test class, whatever its name


def load_testset(path: Path) -> list[EvalCase]:
    cases: list[EvalCase] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise TestSetError(f"{path}: {error.strerror or error}") from error
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            cases.append(EvalCase.model_validate(json.loads(line)))
        except json.JSONDecodeError as error:
            raise TestSetError(f"{path}:{number}: not JSON: {error}") from error
        except ValidationError as error:
            problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'case'}: {e['msg']}" for e in error.errors())
            raise TestSetError(f"{path}:{number}: {problems}") from error
    ids = [case.id for case in cases]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise TestSetError(f"{path}: duplicate case ids {duplicates}")
    if not cases:
        raise TestSetError(f"{path}: no cases")
    return cases


def save_testset(cases: list[EvalCase], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for case in cases:
            out.write(case.model_dump_json(exclude_defaults=True) + "\n")
