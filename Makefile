# newsweave: `make demo` briefs the bundled example; `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup system demo test lint unit unit-fast integration bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

demo: setup
	$(BIN)/newsweave brief examples/kim-russia-2023

lint: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/mypy tests/fakes.py
	$(BIN)/lint-imports

# The tests in two tiers, each timed: the unit tier on the fakes of
# tests/fakes.py (about a minute), then the rest, marked integration (the
# real models, PostgreSQL, a browser, second processes) or slow (many minutes).
unit: setup
	@$(MAKE) --no-print-directory unit-fast
	@$(MAKE) --no-print-directory integration

unit-fast: setup
	@start=$$(date +%s); $(BIN)/python -m pytest -m "not integration and not slow"; status=$$?; \
	echo "unit tier: $$(( $$(date +%s) - start )) s"; exit $$status

integration: setup
	@start=$$(date +%s); $(BIN)/python -m pytest -m "integration or slow"; status=$$?; \
	echo "integration tier: $$(( $$(date +%s) - start )) s"; exit $$status

system:
	bash tools/system-packages.sh

test: system lint unit

bench: setup
	$(BIN)/python benchmarks/bench_brief.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
