# Two commands matter: `make run` (the service with demo data on
# http://127.0.0.1:8000) and `make test` (everything CI checks on every
# change); `make verify` runs the slower proofs (reminders under faults, load,
# backup and restore, dependency audit). All start from a fresh clone: they
# create the virtualenv, the database and its two roles (scripts/ensure_database.py).
# DATABASE_URL names the database and the role that owns its tables (migrations
# run as it); the service connects as spm_app, which owns nothing (SECURITY.md).

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/spm

.PHONY: install run test lint bench verify audit assets database system-packages clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test,run]"
	touch $@

install: $(BIN)/.installed

database: install
	$(BIN)/python scripts/ensure_database.py

# Browser tests drive Debian's Chromium (a downloaded Playwright browser cannot
# be fetched on these machines); PDFs are set in Liberation Sans; the backup
# drill uses pg_dump and pg_restore.
SYSTEM_PACKAGES := chromium fonts-liberation postgresql-client
system-packages:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing $$missing"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

run: database
	DEBUG=true $(BIN)/python manage.py migrate --noinput
	DEBUG=true $(BIN)/python manage.py seed_demo
	DEBUG=true GUNICORN_CMD_ARGS="--reload" PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/honcho start

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	DEBUG=true $(BIN)/python manage.py makemigrations --check --dry-run
	DEBUG=false SECRET_KEY=check-deploy-$$(date +%s%N)-not-a-real-key-but-long-enough-for-it \
		FIELD_ENCRYPTION_KEY=$$($(BIN)/python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())') \
		ALLOWED_HOSTS=spm.example.org SITE_URL=https://spm.example.org \
		$(BIN)/python manage.py check --deploy --fail-level WARNING
	$(BIN)/bandit -q -c pyproject.toml -r .

test: database system-packages lint
	$(BIN)/pytest -n 2

bench: database
	DEBUG=true $(BIN)/python -m benchmarks

# The proofs too slow for every `make test`, each printing its figure, in a
# database of its own (<database>_verify): reminders under faults, the heaviest
# pages under load on 127.0.0.1, a pg_dump/pg_restore drill; then pip-audit.
verify: database system-packages
	$(BIN)/python -m verify
	$(MAKE) audit

audit: install
	$(BIN)/python scripts/audit_dependencies.py

# Rebuild the vendored front end (GOV.UK Frontend, MoJ Frontend, htmx, axe-core)
# after changing frontend/package.json or frontend/scss. The output is committed.
assets:
	cd frontend && npm ci && npm run build

clean:
	rm -rf $(VENV) staticfiles
