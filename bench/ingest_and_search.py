"""Benchmark: ingesting the bundled corpus and searching it.

Reports, on this machine: parsing time per document (load + outline + chunks),
a cold ingest into a fresh embedded store (model load and embedding
included), a re-ingest of unchanged files, and warm search latency p50/p95.

    .venv/bin/python bench/ingest_and_search.py [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from assistant import Library, Settings
from evals.metrics import percentile
from ingest import read_document

QUERIES = [
    "maintenance backlog",
    "Messenger report",
    "2.18",
    "social prescribing link workers",
    "how will the NHS reduce smoking",
    "workforce plan funding beyond 2028",
    "what does chapter 6 cover",
    "air pollution from the NHS fleet",
    "parity of esteem for mental health",
    "Integrated Care Systems by April 2021",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="searches per query")
    args = parser.parse_args()

    settings = Settings()
    files = sorted(p for p in settings.corpus_dir.glob("*.txt"))
    started = time.perf_counter()
    chunks = sum(len(read_document(p, settings.chunk_size, settings.chunk_max)[1]) for p in files)
    parse_ms = (time.perf_counter() - started) * 1000

    with tempfile.TemporaryDirectory() as data:
        library = Library(Settings(data_dir=Path(data)))
        started = time.perf_counter()
        library.ingest(progress=False)
        cold = time.perf_counter() - started
        started = time.perf_counter()
        library.ingest(progress=False)
        unchanged = time.perf_counter() - started

        library.search("warm up")
        latencies = []
        for _ in range(args.repeat):
            for query in QUERIES:
                started = time.perf_counter()
                library.search(query, k=5)
                latencies.append((time.perf_counter() - started) * 1000)

    print(f"documents                 {len(files)} ({chunks} chunks)")
    print(f"parse (load+outline+chunk) {parse_ms:8.1f} ms total")
    print(f"cold ingest (model+embed)  {cold:8.2f} s")
    print(f"re-ingest, unchanged       {unchanged * 1000:8.1f} ms")
    print(
        f"search k=5 warm, n={len(latencies)}  p50 {statistics.median(latencies):.1f} ms  p95 {percentile(latencies, 0.95):.1f} ms"
    )


if __name__ == "__main__":
    main()
