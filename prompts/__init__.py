"""Prompt templates as files, loaded by name: ``load_prompt("answer_system")``
reads ``prompts/answer_system.md``. Editing a prompt needs no code change."""

from __future__ import annotations

from functools import cache
from pathlib import Path

FOLDER = Path(__file__).resolve().parent


@cache
def load_prompt(name: str) -> str:
    path = FOLDER / f"{name}.md"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in FOLDER.glob("*.md") if p.stem != "README"))
        raise FileNotFoundError(f"no prompt named {name!r} in {FOLDER} (known: {known})")
    return path.read_text(encoding="utf-8").strip()
