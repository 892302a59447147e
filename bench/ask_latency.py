"""Benchmark: the extractive answerer on the bundled corpus.

Reports the time from process start to the first answer (a fresh Python
process: imports, model load, index build, one question) and warm ``ask``
latency p50/p95 over a spread of questions (answered, declined, follow-ups),
asked again and again; then each question of the held-out test split
(evals/test.jsonl: near misses, paraphrases, partly covered) asked once, in
a warm process that has not seen its words: the answerability check embeds
words it meets for the first time, and that cost shows there.
Ingests the corpus into the configured store first if it is empty.

    .venv/bin/python bench/ask_latency.py [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from pathlib import Path

from questions import INJECTION
from questions import QUESTIONS as SHARED_QUESTIONS

from evals.metrics import percentile
from evals.testset import load_testset

QUESTIONS = [*SHARED_QUESTIONS, INJECTION]
FIRST_ANSWER = """
import time
from assistant import Assistant
Assistant().ask("How big is the NHS maintenance backlog?")
print("answered")
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="rounds over the question set")
    args = parser.parse_args()

    from assistant import Assistant

    assistant = Assistant()
    if not assistant.library.documents():
        assistant.library.ingest(progress=False)

    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", FIRST_ANSWER], check=True, capture_output=True)
    first = time.perf_counter() - started

    assistant.ask(QUESTIONS[0])
    history = [{"role": "user", "content": "What does commitment 2 ask for?"}]
    latencies = []
    for _ in range(args.repeat):
        for question in QUESTIONS:
            started = time.perf_counter()
            assistant.ask(question)
            latencies.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        assistant.ask("and what about funding?", history)
        latencies.append((time.perf_counter() - started) * 1000)

    unseen = []
    for case in load_testset(Path(__file__).parent.parent / "evals" / "test.jsonl"):
        started = time.perf_counter()
        assistant.ask(case.user_input, case.history)
        unseen.append((time.perf_counter() - started) * 1000)

    print(f"process start to first answer   {first:6.2f} s")
    for name, values in (("repeated questions", latencies), ("first-time questions", unseen)):
        print(
            f"warm ask (extractive), {name}, n={len(values)}  p50 {statistics.median(values):.1f} ms  "
            f"p95 {percentile(values, 0.95):.1f} ms  max {max(values):.1f} ms"
        )


if __name__ == "__main__":
    main()
