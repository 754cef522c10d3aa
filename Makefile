# Harbourline: `make run` to try it, `make test` before every commit.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# Empty: demo data at the island's own scale; `make run DEMO_CASES=100000` for a benchmark-sized database.
DEMO_CASES ?=

DB_OWNER_ROLE ?= harbourline_owner
DB_RUNTIME_ROLE ?= harbourline_app

.PHONY: run test lint types migrations-check pytest install clean keys serve check-deploy screenshots slow db-roles

$(BIN)/.installed: requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(BIN)/.installed

var/keys.json: | $(BIN)/.installed
	$(MANAGE) generate_keys --out var/keys.json

keys: var/keys.json
	grep -q '"audit_key"' var/keys.json || $(MANAGE) generate_keys --out var/keys.json --add-audit-key

run: install keys
	$(MANAGE) migrate --no-input
	$(MANAGE) createcachetable
	$(MANAGE) load_country saint_lucia
	$(MANAGE) seed_demo $(if $(DEMO_CASES),--cases $(DEMO_CASES),) --if-empty
	$(MANAGE) collectstatic --no-input --verbosity 0
	$(MANAGE) demo_logins --url http://$(HOST):$(PORT)
	# gunicorn, the background worker and the scheduler side by side (Procfile); Ctrl+C stops all three.
	DJANGO_SETTINGS_MODULE=config.settings.dev HARBOURLINE_BIND=$(HOST):$(PORT) $(BIN)/honcho start -f Procfile

lint: install
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

types: install
	$(BIN)/mypy .

migrations-check: install
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) makemigrations --check --dry-run

# Two workers (pytest-xdist) on the two cores; PYTEST_WORKERS= runs in one process.
PYTEST_WORKERS ?= 2
pytest: install
	$(BIN)/pytest -q -rs -m "not slow" $(if $(PYTEST_WORKERS),-n $(PYTEST_WORKERS),) $(PYTEST_ARGS)

# The long load tests (the 1,000-tip burst, security property 25): .ci/run runs them on both databases.
slow: install
	$(BIN)/pytest -q -rs -m slow $(PYTEST_ARGS)

# Refresh the screenshots the guides in docs/ use (browser tests otherwise write to e2e/artifacts/).
screenshots: install
	HARBOURLINE_SCREENSHOTS=$(CURDIR)/docs/screenshots $(BIN)/pytest -q -rs e2e $(PYTEST_ARGS)

test: lint types migrations-check pytest

check-deploy: install
	test -f var/ci-keys.json || $(MANAGE) generate_keys --out var/ci-keys.json
	grep -q '"audit_key"' var/ci-keys.json || $(MANAGE) generate_keys --out var/ci-keys.json --add-audit-key
	DJANGO_SETTINGS_MODULE=config.settings.prod SECRET_KEY=ci-$$(date +%s)-not-a-real-secret-but-long-enough-for-check \
	ALLOWED_HOSTS=harbourline.example.gov.lc HARBOURLINE_PUBLIC_URL=https://harbourline.example.gov.lc HARBOURLINE_KEY_FILE=$(CURDIR)/var/ci-keys.json \
	$(MANAGE) check --deploy --fail-level WARNING

# PostgreSQL: the owner role (migrations) and the runtime role (the application), see docs/operations.md. Run
# with a superuser's URL: make db-roles DATABASE_URL=postgres://postgres@localhost/harbourline
db-roles: install
	$(MANAGE) db_roles --owner $(DB_OWNER_ROLE) --runtime $(DB_RUNTIME_ROLE)

clean:
	rm -rf $(VENV) var staticfiles
