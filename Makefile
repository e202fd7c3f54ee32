# The two commands a fresh clone needs: `make run` and `make test`.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin

.PHONY: install run test lint typecheck format eval bench

# Re-install whenever pyproject.toml changes.
$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

run: install
	$(BIN)/briefbot serve

test: install lint typecheck
	$(BIN)/pytest -q

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Whole-corpus retrieval evaluation (several minutes: it embeds ~11k passages the first time).
EVAL_DATA ?= data/eval
eval: install
	BRIEFBOT_DATA_DIR=$(EVAL_DATA) $(BIN)/briefbot ingest corpus ../shared/corpus
	BRIEFBOT_DATA_DIR=$(EVAL_DATA) $(BIN)/briefbot eval ../shared/eval/dev.jsonl --out $(EVAL_DATA)/results.jsonl

# Scale benchmarks against the LangChain tutorial pipeline (about 40 minutes the first time;
# results in bench/results/, written up in BENCHMARKS.md).
bench: install
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python -m bench.scale --gold ../shared/eval/dev.jsonl corpus ../shared/corpus
