# Two commands on a fresh machine: `make run` and `make test`. Everything else is set up here.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
CHECKERS := node_modules/.installed
export DEBUG ?= true

.DEFAULT_GOAL := help
.PHONY: help setup checkers run test lint db

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

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

run: db ## Set up everything, then serve the archive on http://127.0.0.1:8000 (SQLite)
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: setup checkers ## Set up everything, then run the whole test suite
	$(BIN)/pytest

lint: setup ## Check the code style
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
