# Two commands for a fresh machine (see README):
#   make run    install into .venv and start the dashboard on its embedded defaults
#   make test   install everything (incl. Debian's chromium, CJK fonts, PostgreSQL) and run the suite
VENV   ?= .venv
PY     := $(VENV)/bin/python
PYTEST_ARGS ?=

.PHONY: install run test system-deps lint bench clean

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@

install: $(VENV)/.installed

run: install
	$(VENV)/bin/kepu run

system-deps:
	bash scripts/install-system-deps.sh

# Unit, store, HTTP and report tests on both cores; then the browser tests, also two at a
# time: each xdist worker starts its own app server and Chromium, and most of a browser
# test is waiting for a page to draw (on a loaded 2-core machine: 11.5 min serial, 8.3 min -n 2).
test: install system-deps
	$(PY) -m pytest -n 2 -m "not browser" $(PYTEST_ARGS)
	$(PY) -m pytest -n 2 -m browser $(PYTEST_ARGS)

# ruff (lint, then format) and mypy, configured in pyproject.toml. All three run even when
# one fails, so a single run lists every problem; the target fails if any did.
lint: install
	@status=0; \
	echo "ruff check ."; $(VENV)/bin/ruff check . || status=1; \
	echo "ruff format --check ."; $(VENV)/bin/ruff format --check . || status=1; \
	echo "mypy"; $(VENV)/bin/mypy || status=1; \
	exit $$status

bench: install
	$(PY) benchmarks/geo_build.py

clean:
	rm -rf $(VENV) instance .pytest_cache
