# Meedoen West — everything a fresh machine needs is installed by these targets.
#   make run    install, migrate an SQLite database, load the demo district, serve on :8000
#   make test   install what the tests need too, then lint, type-check and run every test
#               on SQLite and on PostgreSQL

PYTHON ?= python3
UV_VERSION := 0.13.8
TOOLS := .cache/tools
UV := $(TOOLS)/bin/uv
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-test-tools assets meilisearch lint typecheck format \
        test-sqlite test-postgres bench migration docker-config clean

run: install
	$(BIN)/meedoen serve --demo --host $(HOST) --port $(PORT)

test: install install-test-tools
	bash scripts/test.sh

install: $(BIN)/meedoen assets meilisearch

# uv itself comes from PyPI into a private tools folder, then installs the locked set.
$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(BIN)/meedoen: $(UV) pyproject.toml uv.lock
	UV_PROJECT_ENVIRONMENT=$(VENV) $(UV) sync --locked --quiet
	@touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

assets: node_modules/.package-lock.json
	$(BIN)/python scripts/vendor_assets.py

meilisearch: $(BIN)/meedoen
	$(BIN)/meedoen install-meilisearch

install-test-tools: $(BIN)/meedoen
	bash scripts/install_test_tools.sh

lint: $(BIN)/meedoen
	$(BIN)/ruff check platform tests bench seeds scripts
	$(BIN)/ruff format --check platform tests bench seeds scripts
	$(BIN)/lint-imports --no-cache

format: $(BIN)/meedoen
	$(BIN)/ruff check --fix platform tests bench seeds scripts
	$(BIN)/ruff format platform tests bench seeds scripts

typecheck: $(BIN)/meedoen
	$(BIN)/mypy

test-sqlite: install
	$(BIN)/python -m pytest --db sqlite

test-postgres: install
	$(BIN)/python -m pytest --db postgres

bench: install
	bash bench/run_all.sh

# A new migration for APP after changing its tables (Piccolo generates them on PostgreSQL).
migration: $(BIN)/meedoen
	bash scripts/new_migration.sh $(APP)

clean:
	rm -rf $(VENV) $(TOOLS) node_modules platform/meedoen/static/vendor .pytest_cache .mypy_cache .ruff_cache
