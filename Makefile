# councilgov: `make run` serves the register on http://127.0.0.1:8000/ with the seed records;
# `make test` runs the whole suite (ruff, migrations check, mypy, pytest with browser tests) on SQLite,
# or on PostgreSQL when DATABASE_URL points at one.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
NODE_INSTALLED := node_modules/.installed
CSS := assets/build/councilgov.css
CHROMIUM := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run serve test install lint format clean

$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

# Front-end packages from npm: GOV.UK Frontend (compiled with the register's settings) and
# axe-core for the accessibility tests.
$(NODE_INSTALLED): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(CSS): $(NODE_INSTALLED) assets/scss/councilgov.scss
	npm run --silent build

# The browser tests drive Debian's chromium; install it when it is missing, with the RUM index
# for the register's ranked search (migration 0012 uses it where the server has it; a machine
# whose PostgreSQL is not Debian's 15 goes on without it, with GIN).
$(CHROMIUM):
	$(SUDO) apt-get update -q
	$(SUDO) apt-get install -y -q chromium
	-$(SUDO) apt-get install -y -q postgresql-15-rum

install: $(INSTALLED) $(CSS)

run: $(INSTALLED) $(CSS)
	DEBUG=1 $(BIN)/python manage.py migrate --no-input
	DEBUG=1 $(BIN)/python manage.py load_seed_records
	DEBUG=1 $(BIN)/python manage.py ensure_demo_admin
	# The notification worker runs beside the server, and stops with it.
	DEBUG=1 $(BIN)/python manage.py db_worker & trap 'kill $$!' EXIT; \
		DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:8000

# Served as in production: DEBUG off, static files collected (hashed and compressed, served by
# WhiteNoise), gunicorn with councilgov/gunicorn.conf.py and the worker beside it; plain http
# on 127.0.0.1, so without the HTTPS redirect. On SQLite unless DATABASE_URL is set.
SERVE_ENV := DEBUG=0 SECURE_SSL_REDIRECT=0 ALLOWED_HOSTS=$${ALLOWED_HOSTS:-127.0.0.1,localhost}

serve: $(INSTALLED) $(CSS)
	@# Without SECRET_KEY, a key made once is kept in .secret_key (ignored by git).
	@if [ -z "$$SECRET_KEY" ] && [ ! -s .secret_key ]; then \
		(umask 077; $(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))' > .secret_key); \
		echo "Made a secret key in .secret_key"; \
	fi
	$(SERVE_ENV) $(BIN)/python manage.py migrate --no-input
	$(SERVE_ENV) $(BIN)/python manage.py collectstatic --no-input --verbosity 0
	$(SERVE_ENV) $(BIN)/python manage.py db_worker & trap 'kill $$!' EXIT; \
		$(SERVE_ENV) $(BIN)/gunicorn -c councilgov/gunicorn.conf.py

test: $(INSTALLED) $(CSS) $(CHROMIUM)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	SECRET_KEY=migrations-check-only $(BIN)/python manage.py makemigrations --check --dry-run
	SECRET_KEY=type-check-only $(BIN)/mypy
	$(BIN)/pytest

format: $(INSTALLED)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) node_modules assets/build db.sqlite3 .pytest_cache .ruff_cache
