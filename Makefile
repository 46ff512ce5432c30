# make test: lint, type-check and run the suite on Django 5.2 and Django 6.1.
# make demo: serve the example site in production mode on http://localhost:8000.

PYTHON ?= python3
VENV := .venv
VENV_DJANGO6 := .venv-django6
DJANGO5 := Django>=5.2,<5.3
DJANGO6 := Django>=6.1,<6.2

.PHONY: test test-suites lint typecheck test-django5 test-django6 demo clean

# The browser and multi-server tests need Chromium, PostgreSQL and Redis:
# missing Debian packages are installed (as root), and scripts/services runs
# PostgreSQL and Redis on 127.0.0.1 for the length of the suites.
test:
	bash scripts/install-test-packages
	bash scripts/services run $(MAKE) test-suites

test-suites: lint typecheck test-django5 test-django6

$(VENV)/installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --upgrade pip
	$(VENV)/bin/python -m pip install --quiet -e ".[demo,test]" "$(DJANGO5)" "django-stubs>=5.2,<5.3"
	touch $@

# Django 6 needs Python 3.12 or newer. Without one this target fails and says
# why; SKIP_DJANGO6=1 skips it on purpose.
$(VENV_DJANGO6)/installed: pyproject.toml
	@python6=$$(scripts/find-python312) || exit 1; \
	"$$python6" -m venv $(VENV_DJANGO6)
	$(VENV_DJANGO6)/bin/python -m pip install --quiet --upgrade pip
	$(VENV_DJANGO6)/bin/python -m pip install --quiet -e ".[demo,test]" "$(DJANGO6)"
	touch $@

lint: $(VENV)/installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: $(VENV)/installed
	$(VENV)/bin/mypy

test-django5: $(VENV)/installed
	$(VENV)/bin/python -m pytest

test-django6:
ifeq ($(SKIP_DJANGO6),1)
	@echo "SKIP_DJANGO6=1: the Django 6.1 run is skipped on request"
else
	$(MAKE) $(VENV_DJANGO6)/installed
	$(VENV_DJANGO6)/bin/python -m pytest
endif

demo: $(VENV)/installed
	PYTHON=$(VENV)/bin/python scripts/demo

clean:
	rm -rf $(VENV) $(VENV_DJANGO6) .demo .mypy_cache .pytest_cache .ruff_cache

# make bench: measure start-up, per-request and login costs, print them and write
# docs/benchmarks.md. Not part of make test. Figures that need redis-server or wrk
# (Debian packages) are reported as not measured when those are missing.
.PHONY: bench
bench: $(VENV)/installed
	$(VENV)/bin/python -m pip install --quiet "redis>=5"
	$(VENV)/bin/python benchmarks/run.py
