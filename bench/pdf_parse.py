"""Benchmark: reading a long PDF from its layout (fonts, positions, running
headers) into chunks.

Writes a PDF of about ``--pages`` pages from the structure suite's annual
plan layout, repeated, and reports the time to read it (load, outline,
chunks) in total and per page. Embedding is not included: see
``ingest_and_search.py``.

    .venv/bin/python bench/pdf_parse.py [--pages N]
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ingest import read_document
from tests.structure.layouts import RIVERSIDE
from tests.structure.render import render


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=60, help="roughly how many pages to write")
    args = parser.parse_args()
    body = [block for block in RIVERSIDE.blocks if block[0] != "title"]
    layout = dataclasses.replace(RIVERSIDE, blocks=[RIVERSIDE.blocks[0], *body * max(1, args.pages // 2)])
    with tempfile.TemporaryDirectory() as folder:
        path = render(layout, Path(folder))
        from pypdf import PdfReader

        pages = len(PdfReader(path).pages)
        started = time.perf_counter()
        _, chunks = read_document(path, chunk_size=800, chunk_max=1200)
        seconds = time.perf_counter() - started
    print(f"PDF of {pages} pages -> {len(chunks)} chunks in {seconds:.2f} s ({seconds / pages * 1000:.0f} ms a page)")


if __name__ == "__main__":
    main()
