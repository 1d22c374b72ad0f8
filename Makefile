# The front door. `make run` and `make test` work from a fresh clone on a
# machine with Python 3.11, pip, make and gcc.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run demo test test-deps lint format migrations clean install intake-eval sdg-eval bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP) $@

install: $(STAMP)

## Set up, load the demo on SQLite under ./data and serve on http://127.0.0.1:$(PORT), with a worker
run: $(STAMP)
	$(BIN)/utblick migrate --no-input
	$(BIN)/utblick demo
	@echo "Utblick: http://127.0.0.1:$(PORT)/ (with a worker for background jobs)"
	@$(BIN)/utblick worker --verbosity 0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/utblick runserver 127.0.0.1:$(PORT)

demo: $(STAMP)
	$(BIN)/utblick migrate --no-input
	$(BIN)/utblick demo

## Set up everything the tests need (once) and run the whole suite
test: $(TEST_STAMP)
	$(BIN)/python scripts/test_deps.py
	UTBLICK_ENV=test $(BIN)/python -m pytest $(PYTEST_ARGS)

test-deps: $(TEST_STAMP)
	$(BIN)/python scripts/test_deps.py

## Draft each shipped policy from its source text and print recall and precision against the file
intake-eval: $(STAMP)
	$(BIN)/utblick intake eval

## Agenda 2030 suggestions against hand-labelled descriptions; fails under 80 % precision / 60 % recall on the held-out set
sdg-eval: $(STAMP)
	$(BIN)/utblick sdg eval --fail-under-precision 80 --fail-under-recall 60

## ruff, and the import contracts in pyproject.toml: core independent, layered apps, no cycles
lint: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(TEST_STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

migrations: $(STAMP)
	$(BIN)/utblick makemigrations

clean:
	rm -rf $(VENV) data test-artifacts node_modules

## National-scale benchmark on SQLite and PostgreSQL (builds the dataset on first use), then the report at 500 and 6 000 activities
bench: $(TEST_STAMP)
	$(BIN)/pip install --quiet -e ".[test,bench]"
	$(BIN)/python bench/run.py $(BENCH_ARGS)
	UTBLICK_DATA_DIR=$(CURDIR)/bench/data/report-size $(BIN)/python -m bench.report_size --build
	$(BIN)/python -m bench.peers

## Search timings (median/p95) at national scale on SQLite and PostgreSQL (issue 19)
bench-search: $(TEST_STAMP)
	$(BIN)/python bench/search.py $(SEARCH_BENCH_ARGS)
