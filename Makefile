# The few verbs people type. Each sets up .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: serve test quick lint bench image clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

serve: $(STAMP)  ## Serve the bundled content on http://127.0.0.1:8000
	$(BIN)/pathapi serve $(ARGS)

# PYTHONDONTWRITEBYTECODE is emptied for the suite: its ~100 server and CLI processes would each compile
# pathapi (and the workers the test libraries) from source again when no .pyc may be written.
test: lint  ## Validate the bundled content, lint, type-check, and run the whole test suite (3 processes: on 2 cores, ~15% less CPU than 4 and as fast)
	$(BIN)/pathapi validate content
	PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest -n 3 --dist worksteal $(ARGS)

quick: $(STAMP)  ## While editing: the tests that start no server, browser or external tool, property-based tests at a quarter of their examples (2 processes: with no subprocess to wait for, a third only costs CPU)
	PYTHONDONTWRITEBYTECODE= PATHAPI_TEST_EXAMPLES=0.25 $(BIN)/python -m pytest -n 2 --dist worksteal -m "not slow" $(ARGS)

lint: $(STAMP)  ## ruff (lint + format check) and mypy
	$(BIN)/ruff check src tests bench deploy
	$(BIN)/ruff format --check src tests bench deploy
	$(BIN)/mypy

bench: $(STAMP)  ## Every figure beside its reference, one table (needs nginx and wrk; see bench/README.md)
	$(BIN)/pip install --quiet -e '.[bench]'
	$(BIN)/python bench/all.py $(ARGS)

image:  ## Build the container image and smoke-test it on a read-only repository (docker or buildah)
	deploy/image.sh

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
