"""Measures briefing packs against issue 13's figures, over the ingested
default store (or the one ``POLICY_ASSISTANT_DATA_DIR`` names): for each of
the five commitments and the seven chapters, 8 cards asked for, as a pack
and as a quiz. Reports cards delivered, the facts the scope held, the round
trip (redone here, not taken from the builder), grounding and scope of every
citation, repeated facts, and, for the quiz, multiple-choice cards with
exactly one correct option and whether the Moodle XML export parses.

    .venv/bin/python bench/briefing_packs.py [--out docs/bench/briefing.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant import Assistant
from assistant.briefing import build_briefing
from assistant.briefing.export import export

SCOPES = [f"commitment {n}" for n in range(1, 6)] + [f"chapter {n}" for n in range(1, 8)]
REQUESTED = 8


def measure(assistant: Assistant, scope: str) -> dict:
    started = time.perf_counter()
    pack = build_briefing(assistant, scope, REQUESTED)
    seconds = time.perf_counter() - started
    kind, number = scope.split()
    inside = lambda c: getattr(c, kind) == int(number)  # noqa: E731
    passages = lambda card: {(c.source, c.position) for c in card.citations}  # noqa: E731
    round_trip = sum(
        bool({(c.source, c.position) for c in assistant.ask(card.question).citations} & passages(card)) for card in pack.cards
    )
    facts = {(card.quote.lower(), card.answer.split(" [")[0].lower()) for card in pack.cards}
    quiz = build_briefing(assistant, scope, REQUESTED, quiz=True).cards
    choice = [c for c in quiz if c.kind == "multiple_choice"]
    ET.fromstring(export(quiz, "moodle", scope))  # raises if it does not parse
    return {
        "scope": scope,
        "delivered": len(pack.cards),
        "facts_in_scope": pack.facts,
        "builder_round_trip": f"{pack.passed_round_trip}/{pack.tried}",
        "round_trip_redone": round_trip / max(1, len(pack.cards)),
        "grounded": sum(c.grounding.score == 1.0 for c in pack.cards) / max(1, len(pack.cards)),
        "cited_in_scope": sum(all(inside(x) for x in c.citations) for c in pack.cards) / max(1, len(pack.cards)),
        "repeated_facts": len(pack.cards) - len(facts),
        "quiz_multiple_choice": len(choice),
        "quiz_true_false": sum(c.kind == "true_false" for c in quiz),
        "multiple_choice_with_one_correct": sum(sum(o.correct for o in c.options) == 1 for c in choice),
        "moodle_parses": True,
        "seconds": round(seconds, 2),
        "note": pack.note,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("docs/bench/briefing.json"))
    args = parser.parse_args()
    assistant = Assistant()
    rows = [measure(assistant, scope) for scope in SCOPES]
    for row in rows:
        print(json.dumps(row, ensure_ascii=False))
    tried = sum(int(r["builder_round_trip"].split("/")[1]) for r in rows)
    passed = sum(int(r["builder_round_trip"].split("/")[0]) for r in rows)
    summary = {
        "scopes_with_all_8": sum(r["delivered"] == REQUESTED for r in rows),
        "cards": sum(r["delivered"] for r in rows),
        "builder_round_trip_rate": round(passed / tried, 3),
        "delivered_round_trip_rate": round(
            sum(r["round_trip_redone"] * r["delivered"] for r in rows) / sum(r["delivered"] for r in rows), 3
        ),
    }
    print(json.dumps(summary))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"summary": summary, "scopes": rows}, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
