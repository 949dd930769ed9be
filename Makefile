# Two commands matter: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run test install install-test migrate demo messages perf serve clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# The dependencies declared in pyproject.toml (plus the test extra with "test"). The project
# itself runs from this folder and is not installed.
REQUIREMENTS = $(PY) -c 'import sys, tomllib; p = tomllib.load(open("pyproject.toml", "rb"))["project"]; \
	print("\n".join(p["dependencies"] + [r for e in sys.argv[1:] for r in p["optional-dependencies"][e]]))'

# Stamp files: re-install only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(PY)
	$(REQUIREMENTS) > $(VENV)/requirements.txt
	$(PY) -m pip install --quiet -r $(VENV)/requirements.txt
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(REQUIREMENTS) test > $(VENV)/requirements-test.txt
	$(PY) -m pip install --quiet -r $(VENV)/requirements-test.txt
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

# The address `make run` serves is the one pages, the API and readers' messages link to
# (portal/site_address.py); set WAGTAILADMIN_BASE_URL to override it.
run demo migrate: export WAGTAILADMIN_BASE_URL ?= http://$(HOST):$(PORT)

migrate: install
	$(PY) manage.py migrate --noinput

# The demo site is loaded only into an empty database: an existing site is never touched.
demo: migrate
	$(PY) manage.py load_demo --if-empty

run: demo
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install-test
	$(PY) -m pytest

# Production settings on this machine, against a running PostgreSQL and Redis: gunicorn with
# gunicorn.conf.py, static files through WhiteNoise, over plain HTTP on $(HOST):$(PORT). The
# secret key is made per run unless SECRET_KEY is set (sessions end when the server stops).
DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/shuxiang
REDIS_URL    ?= redis://127.0.0.1:6379/1
serve: install
	export DJANGO_SETTINGS_MODULE=config.settings.production DATABASE_URL='$(DATABASE_URL)' REDIS_URL='$(REDIS_URL)' \
	  ALLOWED_HOSTS="$${ALLOWED_HOSTS:-$(HOST),localhost}" SECURE_SSL_REDIRECT="$${SECURE_SSL_REDIRECT:-false}" \
	  SECRET_KEY="$${SECRET_KEY:-$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(64))')}" \
	  WAGTAILADMIN_BASE_URL="$${WAGTAILADMIN_BASE_URL:-http://$(HOST):$(PORT)}" && \
	$(PY) manage.py migrate --noinput && \
	$(PY) manage.py load_demo --if-empty && \
	$(PY) manage.py collectstatic --noinput --verbosity 0 && \
	$(PY) -m gunicorn config.wsgi --bind $(HOST):$(PORT)

# Benchmarks print figures; they are not part of `make test`.
perf: install-test
	$(PY) -m pytest tests/perf -s -p no:cacheprovider

# Needs GNU gettext (apt-get install gettext). The compiled .mo files are committed,
# so `make run` works without it.
messages: install
	$(PY) manage.py makemessages -l en --ignore=.venv --ignore=tests
	$(PY) manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) .pytest_cache
