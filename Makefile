# The README's two commands: `make serve` and `make test` (plus `make bench`).
# Each installs what it needs into .venv and node_modules first.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test test-fast bench build lint schema install-site install-test bytecode clean

serve: install-site bytecode ## Build the site and serve it on http://127.0.0.1:8000
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

build: install-site bytecode ## Build the site into site/
	$(BIN)/mkdocs build --strict

test: install-test bytecode ## Lint, type-check and run every test (unit, content, build, browser, Pyodide)
	$(MAKE) --no-print-directory lint
	chromium="$$($(BIN)/python tools/ensure_chromium.py)"; \
	shell="$$($(BIN)/python tools/ensure_chromium.py --headless-shell)"; \
	CHROMIUM="$$chromium" CHROMIUM_HEADLESS_SHELL="$$shell" \
	$(BIN)/python -m pytest -n 2 --dist loadgroup --durations=15

test-fast: install-test ## The inner loop: lint, type checks, unit and content tests (no build, no browser)
	$(MAKE) --no-print-directory lint
	$(BIN)/python -m pytest -q tests/unit tests/content

bench: install-test bytecode benchmarks/lighthouse/node_modules/.package-lock.json ## Measure Python start, feedback and check latency against a baseline; prints JSON
	@chromium="$$($(BIN)/python tools/ensure_chromium.py)"; \
	CHROMIUM="$$chromium" $(BIN)/python -m benchmarks.bench

lint: install-test ## ruff, mypy, and TypeScript's checker over the site's JS (its // @ts-check)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	node_modules/.bin/tsc -p tsconfig.json
	node_modules/.bin/tsc -p tsconfig.workers.json

schema: install-site ## Regenerate content/chapter.schema.json from exercises/model.py
	$(BIN)/python tools/write_schema.py

# Our own Python as bytecode, as pip compiles the packages it installs (Material's too):
# where PYTHONDONTWRITEBYTECODE is set, every build would compile hooks/ and exercises/
# again (about 50 ms of a 0.6 s build). Quick when nothing changed.
bytecode: install-site
	@$(BIN)/python -m compileall -q hooks exercises

install-site: $(VENV)/.site-installed node_modules/.package-lock.json
install-test: $(VENV)/.test-installed node_modules/.package-lock.json

$(VENV)/.site-installed: pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11+ is needed ($(PYTHON) not found)."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[site]'
	touch $@

$(VENV)/.test-installed: pyproject.toml $(VENV)/.site-installed
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[site,test]'
	touch $@

# Lighthouse (bench only) lives in its own folder: it brings many packages and wants Node 22.
benchmarks/lighthouse/node_modules/.package-lock.json: benchmarks/lighthouse/package.json benchmarks/lighthouse/package-lock.json
	cd benchmarks/lighthouse && npm ci --no-audit --no-fund

node_modules/.package-lock.json: package.json package-lock.json
	@command -v npm >/dev/null || { echo "Node.js 20+ with npm is needed (npm not found)."; exit 1; }
	npm ci --no-audit --no-fund

clean:
	rm -rf site build .pytest_cache .mypy_cache .ruff_cache
