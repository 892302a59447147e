"""A run must repeat: the same question over the same store retrieves the
same passages in every process. Chroma builds the HNSW graph of a store's
newest vectors again in each process that opens it, not always the same
way; before dense search was made exact, two processes over a freshly
ingested store could return different passages for about one question in
600."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from assistant.settings import PROJECT_ROOT

RETRIEVE_ALL = """
import json, sys
from assistant import Assistant, Library, Settings
library = Library(Settings())
assistant = Assistant(library.settings, library)
questions = json.load(sys.stdin)
print(json.dumps([[(p.source, p.position, p.score) for p in assistant.retriever.retrieve(q, 6).passages] for q in questions]))
"""


def retrieved_in_a_new_process(data_dir, questions: list[str]) -> list:
    env = {**os.environ, "POLICY_ASSISTANT_DATA_DIR": str(data_dir), "HF_HUB_OFFLINE": "1"}
    done = subprocess.run(
        [sys.executable, "-c", RETRIEVE_ALL], input=json.dumps(questions), capture_output=True, text=True, env=env, check=True
    )
    return json.loads(done.stdout)


def test_two_processes_retrieve_the_same_passages_from_a_fresh_store(corpus_library):
    dev = PROJECT_ROOT / "evals" / "dev.jsonl"
    questions = [json.loads(line)["user_input"] for line in dev.read_text().splitlines() if line.startswith("{")]
    first = retrieved_in_a_new_process(corpus_library.settings.data_dir, questions)
    second = retrieved_in_a_new_process(corpus_library.settings.data_dir, questions)
    assert len(first) == len(questions) > 1000
    assert [i for i, (a, b) in enumerate(zip(first, second, strict=True)) if a != b] == []
