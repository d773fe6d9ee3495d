# Klimatkontrakt. `make run` and `make test` are all a newcomer needs (see README.md).
SHELL := /bin/bash
PYTHON ?= $(shell scripts/find-python)
VENV ?= .venv
BIN := $(VENV)/bin
AXE_VERSION := 4.14.1
AXE := .cache/axe/node_modules/axe-core/axe.min.js
HOST ?= 127.0.0.1
PORT ?= 8000
LINT_DIRS := $(wildcard src tests bench scripts)

.PHONY: run install migrate demo serve test test-fast lint format messages axe check-deploy clean

run: demo serve

$(BIN)/.installed: pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.12+ not found" >&2; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev]"
	@touch $@

install: $(BIN)/.installed

migrate: install
	$(BIN)/klimatkontrakt migrate --no-input

demo: migrate
	$(BIN)/klimatkontrakt demo

# The demo installation's open data catalogue (/datasets/dcat) is published as by Karlstads
# kommun, the demo's city (its real organisation number); an installation of your own sets these
# in its environment (docs/opendata.md, "Catalogue").
serve: export KLIMATKONTRAKT_OPENDATA_PUBLISHER_ORGNR ?= 212000-1850
serve: export KLIMATKONTRAKT_OPENDATA_PUBLISHER_NAME ?= Karlstads kommun
serve: export KLIMATKONTRAKT_OPENDATA_PUBLISHER_NAME_EN ?= Karlstad Municipality
serve: export KLIMATKONTRAKT_OPENDATA_PUBLISHER_TYPE ?= LocalAuthority
serve: install
	$(BIN)/klimatkontrakt serve --host $(HOST) --port $(PORT)

# axe-core for the accessibility tests, from the npm registry (skipped quietly without npm).
$(AXE):
	@if command -v npm >/dev/null 2>&1; then \
	  npm install --silent --no-audit --no-fund --prefix .cache/axe axe-core@$(AXE_VERSION); \
	else echo "npm not found: accessibility tests will be skipped"; fi

axe: $(AXE)

# The suite runs on every core (pytest-xdist); each test file stays on one worker so that a
# module's demo fixture is built once. PYTEST_WORKERS=0 runs it in one process.
PYTEST_WORKERS ?= auto
test: install axe
	KLIMATKONTRAKT_AXE=$(CURDIR)/$(AXE) $(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadfile \
	  --cov --cov-report=term:skip-covered $(PYTEST_ARGS)

test-fast: install
	$(BIN)/pytest -m "not browser" -x $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check $(LINT_DIRS)
	$(BIN)/ruff format --check $(LINT_DIRS)
	$(BIN)/mypy
	$(BIN)/hadolint Dockerfile

format: install
	$(BIN)/ruff check --fix $(LINT_DIRS)
	$(BIN)/ruff format $(LINT_DIRS)

messages: install
	cd src/klimatkontrakt && $(abspath $(BIN))/klimatkontrakt makemessages -l sv --no-obsolete --no-location && $(abspath $(BIN))/klimatkontrakt compilemessages

check-deploy: install
	KLIMATKONTRAKT_ENV=production KLIMATKONTRAKT_SECRET_KEY=$$(openssl rand -hex 32) \
	  KLIMATKONTRAKT_ALLOWED_HOSTS=klimat.example.se $(BIN)/klimatkontrakt check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) .cache .pytest_cache .mypy_cache .ruff_cache htmlcov .coverage
