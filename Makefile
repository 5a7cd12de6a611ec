# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_RUN := $(VENV)/.installed-run
STAMP_DEV := $(VENV)/.installed-dev
# Tests run in parallel; on a 2-core machine two workers keep the suite quick.
PYTEST_WORKERS ?= auto

.PHONY: demo test lint check screenshots bench vendor-schema clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP_RUN): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[sandbox]'
	touch $@

$(STAMP_DEV): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[sandbox,dev]'
	touch $@ $(STAMP_RUN)

demo: $(STAMP_RUN)
	$(BIN)/cargo-tui --demo

test: $(STAMP_DEV)
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) -q

# Formatting, lint, types and the import contracts: everything but the tests.
lint: $(STAMP_DEV)
	$(BIN)/ruff format --check tui widgets tests benchmarks
	$(BIN)/ruff check tui widgets tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports

check: lint test

screenshots: $(STAMP_DEV)
	$(BIN)/python -m tests.screenshots

# The vendor's published types (@cargo-ai/types, @cargo-ai/api) as the JSON Schema the contract
# tests read; needs node and npm (make test does not: the schema is committed).
vendor-schema:
	$(PYTHON) tests/contract/vendor/generate.py

# The references cargo-tui is measured beside (Harlequin with DuckDB), in a venv of their own.
BENCH_VENV := benchmarks/.venv
STAMP_BENCH := $(BENCH_VENV)/.installed

$(STAMP_BENCH): Makefile
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(BENCH_VENV)/bin/python -m pip install --quiet 'harlequin>=2.17'
	touch $@

bench: $(STAMP_DEV) $(STAMP_BENCH)
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
