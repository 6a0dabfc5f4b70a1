# telegov — the two commands a fresh machine needs are `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000
# The PostgreSQL run uses this server; pytest-django creates and drops test_<name> on it.
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/telegov_ci

.PHONY: run test test-postgres lint install install-test system-deps system-test-deps messages bench-scan bench-status

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "telegov needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

## make run: set up everything, load the demo organisation into an empty database, serve on HOST:PORT
run: install system-deps
	$(BIN)/telegov setup --demo-if-empty
	$(BIN)/telegov serve --host $(HOST) --port $(PORT)

## make test: set up with test dependencies and system packages, then lint and run the whole suite
test: install-test system-test-deps
	$(BIN)/ruff check
	$(BIN)/pytest

## make test-postgres: the whole suite again on PostgreSQL (a throwaway database on POSTGRES_URL's server)
test-postgres: install-test system-test-deps
	DATABASE_URL=$(POSTGRES_URL) $(BIN)/pytest --create-db

## the scanner drives Debian's Chromium; generated PDFs need Pango and the Noto CJK fonts
RUNTIME_PACKAGES := chromium fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0
## the tests also read PDFs back with poppler's pdftotext and pdffonts
TEST_PACKAGES := $(RUNTIME_PACKAGES) poppler-utils

system-deps:
	@sh scripts/ensure-system-packages.sh $(RUNTIME_PACKAGES)

system-test-deps:
	@sh scripts/ensure-system-packages.sh $(TEST_PACKAGES)

lint: install-test
	$(BIN)/ruff check

## make messages: refresh and compile the translation catalogues (needs GNU gettext)
messages: install
	cd src/telegov && ../../$(BIN)/django-admin makemessages --settings=telegov.settings -l ja -l en --no-obsolete
	cd src/telegov && ../../$(BIN)/django-admin compilemessages --settings=telegov.settings

## make bench-scan / bench-status: the benchmarks under bench/ (see bench/README.md)
bench-scan: install-test system-test-deps
	$(BIN)/python bench/scan_bench.py

bench-status: install-test
	$(BIN)/python bench/status_page/run.py
