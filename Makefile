# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: run dev test lint format messages benchmark benchmark-agreements benchmark-situation \
	benchmark-similarity benchmark-revision benchmark-pages benchmark-concurrency benchmark-load \
	benchmark-upload benchmark-reports design-system screenshots

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Ekosopimus needs Python 3.11 or newer.")'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -e .
	@touch $@

$(VENV)/.test-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -e ".[test]"
	@touch $@ $(VENV)/.installed

## Install, migrate the embedded SQLite database, load the agreements, and serve on PORT with
## gunicorn and a task worker beside it.
run: export DJANGO_SETTINGS_MODULE = ekosopimus.settings.local
run: $(VENV)/.installed
	$(BIN)/ekosopimus migrate --no-input
	$(BIN)/ekosopimus load_agreements
	$(BIN)/ekosopimus load_indicators
	$(BIN)/ekosopimus bootstrap_admin
	$(BIN)/ekosopimus serve --port $(PORT)

## The same with Django's development server (reloads on changes, DEBUG on) and a worker.
dev: $(VENV)/.installed
	$(BIN)/ekosopimus migrate --no-input
	$(BIN)/ekosopimus load_agreements
	$(BIN)/ekosopimus load_indicators
	$(BIN)/ekosopimus bootstrap_admin
	$(BIN)/ekosopimus serve --dev --port $(PORT)

## Install the test dependencies and run the whole suite (DATABASE_URL picks PostgreSQL).
test: $(VENV)/.test-installed
	$(BIN)/pytest

## Import benchmark: the real 2,881-row EURA 2014 list, then a generated EURA 2021 file of ROWS.
ROWS ?= 100000
benchmark: $(VENV)/.test-installed
	$(BIN)/python benchmarks/import_projects.py $(ROWS)

## Accuracy of importing the seed agreements from their text and from a PDF laid out anew.
benchmark-agreements: $(VENV)/.test-installed
	$(BIN)/python benchmarks/agreement_import.py

## Server time of the situation pictures over 16 agreements × PROJECTS projects of generated data.
benchmark-situation: $(VENV)/.test-installed
	$(BIN)/python benchmarks/situation.py

## Render time of the annual reports, the meeting pack and the summary over PROJECTS projects.
benchmark-reports: $(VENV)/.test-installed
	$(BIN)/python benchmarks/reports.py

## Finding similar and overlapping projects among PROJECTS generated projects of real Finnish text.
benchmark-similarity: $(VENV)/.test-installed
	$(BIN)/python benchmarks/similarity.py

## Time to plan, preview and publish a revision of Kuopio with PROJECTS linked projects (1,000).
benchmark-revision: $(VENV)/.test-installed
	$(BIN)/python benchmarks/revision.py

## Server time of every main page with the register at real size (about 123,000 projects).
benchmark-pages: $(VENV)/.test-installed
	$(BIN)/python benchmarks/pages.py

## A coordinator saving every half second while an import of ROWS rows runs in another process.
benchmark-concurrency: $(VENV)/.test-installed
	ROWS=$(ROWS) $(BIN)/python benchmarks/concurrency.py

## The production server on PostgreSQL under 50 signed-in users for 60 s, beside the same run
## on the development server (BENCH_POSTGRES_URL, USERS, DURATION, PROJECTS, SERVER; DATA=real
## for the register at real size).
benchmark-load: $(VENV)/.test-installed
	$(BIN)/python benchmarks/load.py

## A ROWS-row EURA list uploaded through the import page: the answer, the progress until done,
## and a worker killed in the middle of the import.
benchmark-upload: $(VENV)/.test-installed
	$(BIN)/python benchmarks/upload.py $(ROWS)

## Screenshots of the main pages at 1280 px and 390 px into docs/screenshots/, taken from the
## app served on a temporary database with the seed agreements and the sample data.
screenshots: $(VENV)/.test-installed
	$(BIN)/python scripts/screenshots.py

lint: $(VENV)/.test-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.test-installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## Refresh the translation catalogues and compile them (needs GNU gettext).
# Apps with a locale/ folder of their own keep their own catalogue; the rest share the project's.
APP_CATALOGUES := $(patsubst src/ekosopimus/%/locale,%,$(wildcard src/ekosopimus/*/locale))
messages: $(VENV)/.installed
	cd src/ekosopimus && ../../$(BIN)/ekosopimus makemessages -l fi -l sv -l en --no-obsolete \
		$(foreach app,$(APP_CATALOGUES),--ignore=$(app)/*)
	for app in $(APP_CATALOGUES); do \
		(cd src/ekosopimus/$$app && env -u DJANGO_SETTINGS_MODULE \
			$(CURDIR)/$(BIN)/django-admin makemessages -l fi -l sv -l en --no-obsolete) || exit 1; \
	done
	cd src/ekosopimus && ../../$(BIN)/ekosopimus compilemessages -l fi -l sv -l en

## Refresh the vendored design system (Helsinki Design System's hds-core: CSS and licence) and
## axe-core for the accessibility tests, from their npm packages. Needs npm; nothing at run time does.
HDS_VERSION ?= 5.2.2
AXE_VERSION ?= 4.14.1
design-system:
	rm -rf build/vendor && mkdir -p build/vendor
	cd build/vendor && npm pack --silent hds-core@$(HDS_VERSION) axe-core@$(AXE_VERSION) >/dev/null
	cd build/vendor && mkdir hds axe && tar xzf hds-core-$(HDS_VERSION).tgz -C hds && tar xzf axe-core-$(AXE_VERSION).tgz -C axe
	install -m 644 build/vendor/hds/package/lib/base.min.css src/ekosopimus/static/vendor/hds-core/base.min.css
	install -m 644 build/vendor/hds/package/lib/components/all.min.css src/ekosopimus/static/vendor/hds-core/components.min.css
	install -m 644 build/vendor/hds/package/LICENSE src/ekosopimus/static/vendor/hds-core/LICENSE
	echo $(HDS_VERSION) > src/ekosopimus/static/vendor/hds-core/VERSION
	install -m 644 build/vendor/axe/package/axe.min.js build/vendor/axe/package/LICENSE src/ekosopimus/tests/vendor/axe-core/
	echo $(AXE_VERSION) > src/ekosopimus/tests/vendor/axe-core/VERSION
