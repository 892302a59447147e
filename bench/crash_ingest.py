"""Crash check: ``kill -9`` of ``ingest`` in the middle of a file, then a
re-ingest, must leave exactly the chunks a clean ingest writes.

Builds a folder with the bundled corpus and a long generated report (many
write batches, so that the kill lands inside one file), ingests it cleanly
into one store, then into another store kills the ingest after each of
several delays and re-ingests. Prints, for each delay, whether the chunks
(ids, texts, metadata) match the clean store's.

    .venv/bin/python bench/crash_ingest.py [--delays 4 6 8 10]
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant import Library, Settings
from assistant.settings import BUNDLED_CORPUS


def long_report(path: Path, sections: int = 120) -> None:
    parts = ["Regional services review"]
    for n in range(1, sections + 1):
        parts.append(f"{n}. Locality {n}")
        parts.append(
            f"Locality {n} has {n * 37} people waiting for community physiotherapy and {n % 9 + 2} clinics. "
            f"The review recommends {n % 5 + 1} new posts and a waiting-time target of {n % 12 + 6} weeks by March."
        )
    path.write_text("\n\n".join(parts) + "\n", encoding="utf-8")


def ingest(data: Path, folder: Path, kill_after: float | None = None) -> None:
    executable = shutil.which("policy-assistant") or str(Path(sys.executable).with_name("policy-assistant"))
    env = {**os.environ, "POLICY_ASSISTANT_DATA_DIR": str(data)}
    process = subprocess.Popen(
        [executable, "ingest", str(folder), "--no-progress"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    if kill_after is None:
        process.wait()
        return
    time.sleep(kill_after)
    process.send_signal(signal.SIGKILL)
    process.wait()


def snapshot(data: Path) -> dict[str, tuple]:
    library = Library(Settings(data_dir=data))
    return {chunk.id: (chunk.text, chunk.section, chunk.page) for chunk in library.store.chunks()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delays", type=float, nargs="+", default=[4, 6, 8, 10])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        root = Path(work)
        folder = root / "docs"
        shutil.copytree(BUNDLED_CORPUS, folder)
        long_report(folder / "regional-review.txt")
        ingest(root / "clean", folder)
        clean = snapshot(root / "clean")
        print(f"clean ingest: {len(clean)} chunks")
        for delay in args.delays:
            data = root / f"killed-{delay}"
            ingest(data, folder, kill_after=delay)
            partial = len(snapshot(data)) if (data / "chroma").exists() else 0
            ingest(data, folder)
            print(
                f"kill -9 after {delay:g} s: {partial} chunks at the kill; after re-ingest identical: {snapshot(data) == clean}"
            )


if __name__ == "__main__":
    main()
