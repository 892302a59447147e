"""The real server process (`policy-assistant serve`) on loopback, over a
copy of the session's ingested store."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.conftest import free_port, start_server

API_KEY = "test-key-123"
EXECUTABLE = shutil.which("policy-assistant") or str(Path(sys.executable).with_name("policy-assistant"))


class RunningServer:
    """One `policy-assistant serve` process; ``restart`` keeps its data."""

    def __init__(self, data_dir: Path, log_dir: Path, workers: int = 1, **settings: str):
        self.data_dir, self.log_dir, self.workers = data_dir, log_dir, workers
        self.env = {
            **os.environ,
            "POLICY_ASSISTANT_DATA_DIR": str(data_dir),
            "POLICY_ASSISTANT_API_KEY": API_KEY,
            **{f"POLICY_ASSISTANT_{name.upper()}": value for name, value in settings.items()},
        }
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None
        self.starts = 0

    def start(self) -> None:
        self.starts += 1
        self.process = start_server(
            [EXECUTABLE, "serve", "--host", "127.0.0.1", "--port", str(self.port), "--workers", str(self.workers)],
            lambda: httpx.get(f"{self.url}/api/health", timeout=2).raise_for_status(),
            self.log_dir / f"server-{self.starts}.log",
            timeout=120,
            env=self.env,
        )

    def stop(self) -> None:
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=30)
            self.process = None

    def restart(self) -> None:
        self.stop()
        self.start()


@pytest.fixture(scope="session")
def server(corpus_library, tmp_path_factory):
    data = tmp_path_factory.mktemp("server-data")
    shutil.copytree(corpus_library.settings.chroma_directory, data / "chroma")
    running = RunningServer(data, tmp_path_factory.mktemp("server-logs"), max_upload_mb="0.5")
    running.start()
    yield running
    running.stop()


@pytest.fixture
def client(server):
    with httpx.Client(base_url=server.url, timeout=60) as http:
        yield http
