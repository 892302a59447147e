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
# nothing else can pull a multi-gigabyte CUDA build.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

ingest: install
	$(BIN)/policy-assistant ingest

# Ingest the bundled corpus, show what is indexed, then search it interactively.
run: ingest
	$(BIN)/policy-assistant documents
	$(BIN)/policy-assistant search

test: install
	$(BIN)/pytest

bench: install
	$(BIN)/python bench/ingest_and_search.py

clean:
	rm -rf $(VENV) .data .pytest_cache
