# Harbourline: `make run` to try it, `make test` before every commit.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_CASES ?= 60

.PHONY: run test lint types migrations-check pytest install clean keys serve check-deploy

$(BIN)/.installed: requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(BIN)/.installed

var/keys.json: | $(BIN)/.installed
	$(MANAGE) generate_keys --out var/keys.json

keys: var/keys.json

run: install keys
	$(MANAGE) migrate --no-input
	$(MANAGE) createcachetable
	$(MANAGE) load_country saint_lucia
	$(MANAGE) seed_demo --cases $(DEMO_CASES) --if-empty
	$(MANAGE) collectstatic --no-input --verbosity 0
	$(MANAGE) demo_logins --url http://$(HOST):$(PORT)
	DJANGO_SETTINGS_MODULE=config.settings.dev $(BIN)/gunicorn config.wsgi --bind $(HOST):$(PORT) --workers 2

lint: install
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

types: install
	$(BIN)/mypy .

migrations-check: install
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) makemigrations --check --dry-run

pytest: install
	$(BIN)/pytest -q -rs $(PYTEST_ARGS)

test: lint types migrations-check pytest

check-deploy: install
	test -f var/ci-keys.json || $(MANAGE) generate_keys --out var/ci-keys.json
	DJANGO_SETTINGS_MODULE=config.settings.prod SECRET_KEY=ci-$$(date +%s)-not-a-real-secret-but-long-enough-for-check \
	ALLOWED_HOSTS=harbourline.example.gov.lc HARBOURLINE_KEY_FILE=$(CURDIR)/var/ci-keys.json \
	$(MANAGE) check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) var staticfiles
