# Two targets do all set-up on a fresh machine with Python 3.11+:
#   make run   – install, check the example workspace and build every output into out/
#   make test  – install and run the tests (and ruff)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: run test lint clean bench bench-quick

$(BIN)/dialogkit: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,pdf,charts]'
	touch $@

run: $(BIN)/dialogkit
	$(BIN)/dialogkit build plans/ --out out/

test: $(BIN)/dialogkit
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) out

# Benchmark (bench/README.md): installs the peers it compares with, then prints figures.
bench: $(BIN)/dialogkit
	$(BIN)/python -m pip install --quiet yamllint check-jsonschema
	$(BIN)/python bench/run.py

# Only issue 19's ratio rows (bench/README.md), few rounds.
bench-quick: $(BIN)/dialogkit
	$(BIN)/python -m pip install --quiet check-jsonschema
	$(BIN)/python bench/run.py --quick
