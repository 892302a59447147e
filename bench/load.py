"""Benchmark: many clients asking at once, against the real server.

Starts ``policy-assistant serve`` (on the ingested default store, or the one
``POLICY_ASSISTANT_DATA_DIR`` names) with ``--workers N``, then for each
client count keeps that many clients asking questions back to back for a
fixed number of requests, and reports errors (non-200 answers and dropped
connections), latency p50/p95, answers a second, and the server's CPU time
per answer (all its processes).

    .venv/bin/python bench/load.py [--clients 20 50 100] [--requests 600] [--workers 1]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from evals.metrics import percentile

QUESTIONS = [
    "How big is the NHS maintenance backlog?",
    "What does commitment 3 say about the workforce?",
    "When will Integrated Care Systems cover the whole country?",
    "How many social prescribing link workers will be in place?",
    "What does paragraph 2.18 say about hospital food?",
    "What is the capital of France?",
    "Who leads NHS Providers?",
    "What are the five shared commitments?",
]


def cpu_seconds(pid: int) -> float:
    """User and system time of ``pid`` and its children (uvicorn's workers)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for process in [pid, *_children(pid)]:
        try:
            fields = Path(f"/proc/{process}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / ticks
        except (FileNotFoundError, IndexError, ValueError):
            continue
    return total


def _children(pid: int) -> list[int]:
    found = []
    for path in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(path.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(path.parent.name))
        except (FileNotFoundError, IndexError, ValueError):
            continue
    return found


def run_level(url: str, clients: int, requests: int) -> dict:
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    counter = iter(range(requests))

    def client(index: int) -> None:
        with httpx.Client(base_url=url, timeout=120) as http:
            while True:
                with lock:
                    n = next(counter, None)
                if n is None:
                    return
                question = QUESTIONS[(n + index) % len(QUESTIONS)]
                started = time.perf_counter()
                try:
                    response = http.post("/api/ask", json={"question": question})
                    ok = response.status_code == 200
                    problem = None if ok else f"HTTP {response.status_code}"
                except httpx.HTTPError as error:
                    problem = type(error).__name__
                with lock:
                    latencies.append((time.perf_counter() - started) * 1000)
                    if problem:
                        errors.append(problem)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return {
        "clients": clients,
        "requests": len(latencies),
        "errors": len(errors),
        "error_kinds": sorted(set(errors)),
        "p50_ms": round(percentile(latencies, 0.5) or 0.0, 1),
        "p95_ms": round(percentile(latencies, 0.95) or 0.0, 1),
        "answers_per_s": round((len(latencies) - len(errors)) / elapsed, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, nargs="+", default=[20, 50, 100])
    parser.add_argument("--requests", type=int, default=600, help="requests per client count")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--port", type=int, default=8799)
    args = parser.parse_args()
    executable = shutil.which("policy-assistant") or str(Path(sys.executable).with_name("policy-assistant"))
    server = subprocess.Popen(
        [executable, "serve", "--port", str(args.port), "--workers", str(args.workers)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{args.port}"
    try:
        for _ in range(240):
            try:
                if httpx.get(f"{url}/api/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.5)
        run_level(url, 4, 40)  # warm every worker
        print(f"workers={args.workers}")
        for clients in args.clients:
            before = cpu_seconds(server.pid)
            result = run_level(url, clients, args.requests)
            answered = max(result["requests"] - result["errors"], 1)
            result["cpu_ms_per_answer"] = round((cpu_seconds(server.pid) - before) * 1000 / answered, 1)
            print(result)
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
