# The two commands a fresh clone needs: `make run` and `make test`.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin

.PHONY: install run test lint typecheck format eval bench

# Re-install whenever pyproject.toml changes. pip is not quiet: the first install downloads
# about 1 GB of wheels, and a line per package shows it is getting on.
$(VENV)/.installed: pyproject.toml
	@echo "==> [1/3] creating the virtual environment in $(VENV)"
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "==> [2/3] upgrading pip"
	$(BIN)/python -m pip install --quiet --upgrade pip
	@echo "==> [3/3] installing briefbot and its dependencies (several minutes the first time)"
	$(BIN)/python -m pip install --progress-bar on -e '.[dev]'
	touch $@

install: $(VENV)/.installed

run: install
	@echo "==> indexing the corpus, then starting the bot (or a chat here without chat tokens)"
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

# Whole-corpus evaluation (10-20 minutes the first time: it embeds ~11k passages and their ~84k sentences).
EVAL_DATA ?= data/eval
eval: install
	BRIEFBOT_DATA_DIR=$(EVAL_DATA) $(BIN)/briefbot ingest corpus ../shared/corpus
	BRIEFBOT_DATA_DIR=$(EVAL_DATA) $(BIN)/briefbot eval ../shared/eval/dev.jsonl --out $(EVAL_DATA)/results.jsonl

# Scale benchmarks against the LangChain tutorial pipeline (about 40 minutes the first time;
# results in bench/results/, written up in BENCHMARKS.md).
bench: install
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python -m bench.scale --gold ../shared/eval/dev.jsonl corpus ../shared/corpus
