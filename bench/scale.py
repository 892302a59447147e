"""Benchmark: the assistant at 1x, 10x and 100x the bundled corpus.

Each corpus holds that many distinct copies of the bundled documents: copy
``i`` is a regional edition with its own file names, titles and text (every
"NHS" reads "NHS <place>", a made-up place name such as "NHS Ashford"),
under the same manifest frameworks. For
each size, in one run, on this machine:

- ingest time into a fresh embedded store, against the raw encoding time of
  the same chunks (one ``embed_documents`` call over all their texts: the
  floor), as a ratio; the model is loaded before either is timed;
- cold start to first answer: a new Python process that imports, loads the
  model and the saved indexes, and answers one question; and its peak RSS;
- warm extractive ``ask`` p50 and p95 over a spread of questions, against
  the p95 of embedding one query (uncached), as ratios; and the medians of
  its two steps, retrieving and answering;
- the store's and the keyword index's size on disk.

Writes ``docs/bench/scale.json`` and a chart, ``docs/bench/scale.svg``
(warm p95 and cold start against corpus size).

    .venv/bin/python bench/scale.py [--sizes 1,10,100] [--rounds N] [--out docs/bench]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from questions import QUESTIONS

from assistant import Assistant, Library, Settings
from assistant.settings import BUNDLED_CORPUS, PROJECT_ROOT
from evals.metrics import percentile
from ingest import is_excluded, read_document

COLD_START = """
import json, os, resource, sys, time
started = time.perf_counter()
from assistant import Assistant
answer = Assistant().ask(sys.argv[1])
assert answer.citations, answer.answer
print(json.dumps({"seconds": time.perf_counter() - started,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


_PLACE_STARTS = ("Ash", "Bel", "Cal", "Dun", "Elm", "Fen", "Gar", "Hol", "Kir", "Lin")
_PLACE_ENDS = ("ford", "field", "mouth", "wick", "bury", "ton", "stead", "worth", "ley", "combe")


def region(i: int) -> str:
    """A made-up place name, distinct for each of 100 copies."""
    return _PLACE_STARTS[(i // 10) % 10] + _PLACE_ENDS[i % 10]


def build_corpus(folder: Path, copies: int) -> Path:
    """``copies`` distinct editions of the bundled corpus, with a manifest."""
    manifest_text = (BUNDLED_CORPUS / "manifest.toml").read_text(encoding="utf-8")
    manifest = tomllib.loads(manifest_text)
    entries = {entry["file"]: entry for entry in manifest["documents"]}
    lines = [re.split(r"^\[\[documents\]\]", manifest_text, flags=re.M)[0].rstrip(), ""]
    for i in range(1, copies + 1):
        for path in sorted(BUNDLED_CORPUS.iterdir()):
            if is_excluded(path) or not path.is_file():
                continue
            name = f"r{i:03d}-{path.name}"
            text = path.read_text(encoding="utf-8")
            (folder / name).write_text(text if i == 1 else re.sub(r"\bNHS\b", f"NHS {region(i)}", text), encoding="utf-8")
            entry = dict(entries.get(path.name, {}))
            if not entry:
                continue
            entry["file"] = name
            if i > 1:
                entry["title"] = f"{entry['title']} ({region(i)} edition)"
            lines += ["[[documents]]", *(f"{key} = {json.dumps(value)}" for key, value in entry.items()), ""]
    (folder / "manifest.toml").write_text("\n".join(lines), encoding="utf-8")
    return folder


def folder_mb(folder: Path) -> float:
    return round(sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20, 2)


def measure(copies: int, rounds: int, embeddings) -> dict:
    with tempfile.TemporaryDirectory() as work:
        corpus = Path(work) / "corpus"
        corpus.mkdir()
        build_corpus(corpus, copies)
        settings = Settings(data_dir=Path(work) / "data", corpus_dir=corpus)
        texts = [
            chunk.embedding_text
            for path in sorted(corpus.glob("*.txt"))
            for chunk in read_document(path, settings.chunk_size, settings.chunk_max)[1]
        ]
        started = time.perf_counter()
        embeddings.embed_documents(texts)
        encode = time.perf_counter() - started

        library = Library(settings, embeddings=embeddings)
        started = time.perf_counter()
        report = library.ingest(progress=False)
        ingest = time.perf_counter() - started
        assert not report.skipped, report.skipped

        env = {**os.environ, "POLICY_ASSISTANT_DATA_DIR": str(settings.data_dir)}
        cold_runs = [
            json.loads(
                subprocess.run(
                    [sys.executable, "-c", COLD_START, QUESTIONS[0]], env=env, cwd=PROJECT_ROOT, check=True, capture_output=True
                ).stdout
            )
            for _ in range(3)
        ]
        cold = min(cold_runs, key=lambda run: run["seconds"])

        assistant = Assistant(library=library)
        for question in QUESTIONS:
            assistant.ask(question)  # warm: the question's words met once
        asks, retrieve, answer = [], [], []
        for _ in range(rounds):
            for question in QUESTIONS:
                started = time.perf_counter()
                timings = assistant.ask(question).timings_ms
                asks.append((time.perf_counter() - started) * 1000)
                retrieve.append(timings["retrieve"])
                answer.append(timings["answer"])
        query = []
        for round_ in range(rounds):
            for question in QUESTIONS:
                started = time.perf_counter()
                embeddings.model.embed_query(f"{question} ({round_})")  # the model itself: no cache
                query.append((time.perf_counter() - started) * 1000)
        query_p95 = percentile(query, 0.95)
        ask_p50, ask_p95 = statistics.median(asks), percentile(asks, 0.95)
        return {
            "copies": copies,
            "documents": len(library.documents()),
            "chunks": len(texts),
            "raw_encode_s": round(encode, 2),
            "ingest_s": round(ingest, 2),
            "ingest_over_encode": round(ingest / encode, 3),
            "cold_start_to_first_answer_s": round(cold["seconds"], 2),
            "cold_start_rss_mb": round(cold["rss_mb"]),
            "warm_ask_p50_ms": round(ask_p50, 1),
            "warm_ask_p95_ms": round(ask_p95, 1),
            "warm_retrieve_p50_ms": round(statistics.median(retrieve), 1),
            "warm_answer_p50_ms": round(statistics.median(answer), 1),
            "query_embedding_p95_ms": round(query_p95, 1),
            "warm_ask_p50_over_query_embedding": round(ask_p50 / query_p95, 2),
            "warm_ask_p95_over_query_embedding": round(ask_p95 / query_p95, 2),
            "chroma_mb": folder_mb(settings.chroma_directory),
            "keyword_index_mb": folder_mb(settings.keyword_index_directory),
        }


def chart(results: list[dict]) -> str:
    """Two small line charts side by side, as SVG: no plotting library needed."""
    width, height, pad = 320, 220, 48
    panels = [("warm ask p95 (ms)", "warm_ask_p95_ms"), ("cold start to first answer (s)", "cold_start_to_first_answer_s")]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{2 * width}" height="{height}" font-family="sans-serif" font-size="11">'
    ]
    sizes = [r["chunks"] for r in results]
    low, high = min(sizes), max(sizes)
    for n, (label, key) in enumerate(panels):
        left = n * width
        top_value = max(r[key] for r in results) * 1.2 or 1

        def x(size: int, left: int = left) -> float:  # log scale
            share = math.log10(size / low) / math.log10(high / low) if high > low else 0.5
            return left + pad + (width - 1.5 * pad) * share

        def y(value: float, top_value: float = top_value) -> float:
            return height - pad + -(height - 1.5 * pad) * value / top_value

        parts.append(f'<text x="{left + pad}" y="16">{label}</text>')
        parts.append(
            f'<line x1="{left + pad}" y1="{height - pad}" x2="{left + width - pad / 2}" y2="{height - pad}" stroke="#999"/>'
        )
        parts.append(f'<line x1="{left + pad}" y1="{pad / 2}" x2="{left + pad}" y2="{height - pad}" stroke="#999"/>')
        for fraction in (0.5, 1.0):
            value = top_value / 1.2 * fraction
            parts.append(f'<text x="{left + 4}" y="{y(value) + 4:.1f}">{value:.3g}</text>')
        points = " ".join(f"{x(r['chunks']):.1f},{y(r[key]):.1f}" for r in results)
        parts.append(f'<polyline points="{points}" fill="none" stroke="#1f6feb" stroke-width="2"/>')
        for r in results:
            parts.append(f'<circle cx="{x(r["chunks"]):.1f}" cy="{y(r[key]):.1f}" r="3" fill="#1f6feb"/>')
            parts.append(f'<text x="{x(r["chunks"]) - 14:.1f}" y="{height - pad + 16}">{r["copies"]}×</text>')
            parts.append(f'<text x="{x(r["chunks"]) + 5:.1f}" y="{y(r[key]) - 6:.1f}">{r[key]:g}</text>')
        parts.append(f'<text x="{left + width / 2 - 40}" y="{height - 8}">corpus size (copies)</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,100", help="corpus sizes, in copies of the bundled corpus")
    parser.add_argument("--rounds", type=int, default=20, help="rounds over the question set for warm latency")
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "docs" / "bench")
    args = parser.parse_args()

    embeddings = Library(Settings()).embeddings
    embeddings.embed_documents(["warm up"])  # the model loads before anything is timed
    results = []
    for copies in (int(size) for size in args.sizes.split(",")):
        results.append(measure(copies, args.rounds, embeddings))
        print(json.dumps(results[-1]), flush=True)
    base = results[0]
    summary = {
        "machine": f"{os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}",
        "results": results,
        "warm_ask_p95_over_smallest": {r["copies"]: round(r["warm_ask_p95_ms"] / base["warm_ask_p95_ms"], 2) for r in results},
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "scale.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    (args.out / "scale.svg").write_text(chart(results), encoding="utf-8")
    print(json.dumps(summary["warm_ask_p95_over_smallest"]))


if __name__ == "__main__":
    main()
