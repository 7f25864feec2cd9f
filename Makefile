# councilgov: `make run` serves the register on http://127.0.0.1:8000/ with the seed records;
# `make test` runs the whole suite (ruff, then pytest) on SQLite, or on PostgreSQL when
# DATABASE_URL points at one.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: run test install lint format clean

$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

install: $(INSTALLED)

run: $(INSTALLED)
	DEBUG=1 $(BIN)/python manage.py migrate --no-input
	DEBUG=1 $(BIN)/python manage.py load_seed_records
	DEBUG=1 $(BIN)/python manage.py ensure_demo_admin
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:8000

test: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	SECRET_KEY=migrations-check-only $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest

format: $(INSTALLED)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) db.sqlite3 .pytest_cache .ruff_cache
