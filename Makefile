# The two commands of the README: `make serve` and `make test`. Each sets up its own virtual
# environment from pyproject.toml, so both work on a fresh Debian machine with Python 3.11.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: serve test validate build fmt clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV) || { echo "Python's venv module is missing: on Debian, apt-get install python3-venv"; exit 1; }
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

serve: $(STAMP)
	$(BIN)/python -m generators validate
	$(BIN)/python -m mkdocs serve --dev-addr 127.0.0.1:8000

test: $(STAMP)
	bash .ci/install-chromium
	$(BIN)/python -m generators validate
	$(BIN)/python -m pytest

validate: $(STAMP)
	$(BIN)/python -m generators validate

build: $(STAMP)
	$(BIN)/python -m mkdocs build --strict

clean:
	rm -rf $(VENV) site
