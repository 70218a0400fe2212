# Two commands on a fresh machine: `make run` and `make test`. Everything else is set up here.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
CHECKERS := node_modules/.installed
export DEBUG ?= true

.DEFAULT_GOAL := help
.PHONY: help setup checkers run test lint db bench bench-data soak chaos backup restore

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(INSTALLED): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 12))' || { \
		echo "On the Record needs Python 3.12 or newer; '$(PYTHON)' is $$($(PYTHON) --version 2>&1)."; \
		echo "With pyenv, the committed .python-version selects 3.13: run 'pyenv install 3.13'."; \
		exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

setup: $(INSTALLED) ## Make the virtual environment and install the project

# The tests' real checkers: Debian's Chromium (never `playwright install`), Java for the
# Nu Html Checker, and the npm packages pinned by package-lock.json.
$(CHECKERS): package-lock.json
	@test -x /usr/bin/chromium || { apt-get update -q && apt-get install -y -q chromium; }
	@command -v java >/dev/null || { apt-get update -q && apt-get install -y -q default-jre-headless; }
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

checkers: $(CHECKERS) ## Install the browser, Java and the npm checkers the tests use

db: setup ## Migrate, load the seed article and create the demo editors
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_seed
	$(BIN)/python manage.py create_demo_editors
	$(BIN)/python manage.py schedule_tasks

# The task worker (tracker/tasks.py) runs beside the web server and stops with it.
run: db ## Set up everything, then serve the archive on http://127.0.0.1:8000 (SQLite), with a task worker
	$(BIN)/python manage.py db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: setup checkers ## Set up everything, then run the whole test suite
	$(BIN)/pytest

backup: setup ## Back up the whole archive of DATABASE_URL to var/backups/ (or FILE=path)
	$(BIN)/python manage.py backup_archive $(FILE)

restore: setup ## Replace the archive of DATABASE_URL with a backup: make restore FILE=path
	@test -n "$(FILE)" || { echo "Say which backup: make restore FILE=var/backups/<file>"; \
		ls -1 var/backups 2>/dev/null; exit 1; }
	$(BIN)/python manage.py restore_archive $(FILE)

lint: setup ## Check the code style
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The benchmark of issue 5 (docs/performance.md), on its own PostgreSQL database, with the
# bench's own settings (bench/: tooling, not shipped with the product).
# BENCH_ARGS passes options to `manage.py bench`, e.g. BENCH_ARGS="--duration 5 --only search".
bench bench-data soak chaos: export DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/otr_bench
BENCH_MANAGE := DJANGO_SETTINGS_MODULE=bench.settings $(BIN)/python manage.py
BENCH_QUOTES ?= 1000000
BENCH_ARGS ?=

# The table as readers get the pages, then the first visitor after a publication.
bench: setup ## Benchmark the archive under gunicorn with wrk (DATABASE_URL, default otr_bench)
	@command -v wrk >/dev/null || { apt-get update -q && apt-get install -y -q wrk; }
	$(BENCH_MANAGE) bench $(BENCH_ARGS)
	$(BENCH_MANAGE) bench --after-publication $(BENCH_ARGS)
	$(BENCH_MANAGE) bench --after-publication --discard everything $(BENCH_ARGS)

SOAK_SECONDS ?= 60
SOAK_RATE ?= 20

# Twice: as readers get the pages (cached), then with every page rendered afresh.
soak: setup ## Serve the public pages at a steady rate for 60 s: fails on any error or a worker grown >10%
	$(BENCH_MANAGE) bench --soak $(SOAK_SECONDS) --rate $(SOAK_RATE) $(BENCH_ARGS)
	$(BENCH_MANAGE) bench --soak $(SOAK_SECONDS) --rate $(SOAK_RATE) --fresh $(BENCH_ARGS)

CHAOS_SECONDS ?= 5

# Issue 23's faults, one at a time, under readers' load: prints what they got (bench/chaos.py).
chaos: setup ## Break Redis and PostgreSQL (through links) under load: fails on any 500 or answer over 1 s
	@command -v redis-server >/dev/null || { apt-get update -q && apt-get install -y -q redis-server; }
	$(BENCH_MANAGE) chaos --seconds $(CHAOS_SECONDS)

bench-data: setup ## Create the benchmark database and fill it with a generated archive of 1M quotes
	@name=$${DATABASE_URL##*/}; name=$${name%%\?*}; \
	psql "$$DATABASE_URL" -Atqc 'SELECT 1' >/dev/null 2>&1 || { \
		echo "Creating the database $$name"; \
		createdb --maintenance-db="$${DATABASE_URL%/*}/postgres" "$$name"; }
	$(BENCH_MANAGE) migrate --no-input
	@held=$$(psql "$$DATABASE_URL" -Atqc 'SELECT count(*) FROM tracker_quote'); \
	if [ "$$held" != 0 ]; then \
		echo "The database already holds $$held quotes: nothing to generate."; \
		echo "To start again: $(BENCH_MANAGE) generate_archive --quotes $(BENCH_QUOTES) --seed 1 --wipe"; \
	else \
		$(BENCH_MANAGE) generate_archive --quotes $(BENCH_QUOTES) --seed 1; \
	fi
