"""Test sets and runs in RAGAS's dataset layout, so that a team using RAGAS
(or DeepEval) can reuse them, and ours can be read from theirs.

RAGAS (``EvaluationDataset.to_jsonl``): one ``SingleTurnSample`` per line,
with ``user_input``, ``reference``, ``reference_contexts``, and for a run
``response`` and ``retrieved_contexts``. DeepEval's names (``input``,
``expected_output``, ``context``, ``actual_output``, ``retrieval_context``)
are read as well. A case to be declined travels as a reference that says
the documents do not cover it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from .runner import RunReport
from .testset import EvalCase, TestSetError

DECLINE_REFERENCE = "The documents don't cover this."
_DECLINE = re.compile(r"^the documents (?:don't|do not) (?:cover|say)", re.IGNORECASE)
_DEEPEVAL_NAMES = {"input": "user_input", "expected_output": "reference", "context": "reference_contexts"}


def export_testset(cases: list[EvalCase], path: Path) -> None:
    rows = [
        {
            "user_input": case.user_input,
            "reference": case.reference if case.answerable else DECLINE_REFERENCE,
            "reference_contexts": case.reference_contexts,
        }
        for case in cases
    ]
    _write_jsonl(rows, path)


def export_run(report: RunReport, path: Path) -> None:
    """A run as RAGAS samples: question, response, retrieved contexts, reference."""
    rows = [
        {
            "user_input": case.user_input,
            "response": case.answer,
            "retrieved_contexts": case.retrieved_contexts,
            "reference": case.reference if case.answerable else DECLINE_REFERENCE,
        }
        for case in report.cases
    ]
    _write_jsonl(rows, path)


def import_testset(path: Path, prefix: str | None = None) -> list[EvalCase]:
    """Reads RAGAS or DeepEval samples (JSONL, or a JSON list) into cases."""
    text = path.read_text(encoding="utf-8").strip()
    try:
        rows = json.loads(text) if text.startswith("[") else [json.loads(line) for line in text.splitlines() if line.strip()]
    except json.JSONDecodeError as error:
        raise TestSetError(f"{path}: not JSON or JSONL: {error}") from error
    prefix = prefix or path.stem
    cases = []
    for number, row in enumerate(rows, start=1):
        row = {_DEEPEVAL_NAMES.get(key, key): value for key, value in row.items()}
        if not row.get("user_input"):
            raise TestSetError(f"{path}: sample {number} has no user_input (or input)")
        reference = row.get("reference")
        declined = bool(reference and _DECLINE.match(reference))
        cases.append(
            EvalCase(
                id=f"{prefix}-{number:03d}",
                user_input=row["user_input"],
                reference=None if declined else reference,
                reference_contexts=list(row.get("reference_contexts") or []),
                answerable=not declined,
            )
        )
    return cases


def _write_jsonl(rows: list[dict], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
