# dienbien.policy — two commands on a fresh machine: `make start`, `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8080
# Plone shows times (toolbar, listings) in the server's time zone.
SERVER_TZ ?= Asia/Ho_Chi_Minh
CONF := instance/etc/zope.conf
# zope.conf reads its paths relative to $(INSTANCE_HOME).
export INSTANCE_HOME := $(CURDIR)/instance
INI := instance/etc/zope.ini
SITE_ID ?= dienbien
# The marker records which inputs the installed venv was built from.
STAMP := $(VENV)/.installed

# axe-core, which the browser tests inject into pages (accessibility audit),
# pinned by package-lock.json and installed from the npm registry.
AXE := node_modules/axe-core/axe.min.js

PO_FILES := $(shell find src -name '*.po')
MO_FILES := $(PO_FILES:.po=.mo)

.PHONY: help
help: ## Show the targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/pip install --quiet -c constraints.txt pip
	$(BIN)/pip install --quiet -c constraints.txt -e ".[test,lint]"
	@touch $@

.PHONY: install
install: $(STAMP) compile-translations $(AXE) ## Create the venv and install (constrained)
	@command -v pdftotext >/dev/null || echo "WARNING: pdftotext not found. The site needs Debian's poppler-utils to index the text of attached PDFs (sudo apt-get install poppler-utils); without it PDFs are not indexed and each logs a warning."

$(AXE): package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is required for the browser tests' accessibility audit (sudo apt-get install nodejs npm)"; exit 1; }
	npm ci --ignore-scripts --no-audit --no-fund
	@touch $@

%.mo: %.po
	$(BIN)/python -m dienbien.policy.i18n $<

.PHONY: compile-translations
compile-translations: $(STAMP) $(MO_FILES) ## Compile the .po files

instance/var/filestorage/Data.fs: | install
	$(MAKE) create-site

.PHONY: create-site
create-site: install ## Create the site with demo data (again: ARGS=--recreate)
	mkdir -p instance/var/{filestorage,blobstorage,log,cache}
	$(BIN)/zconsole run $(CONF) scripts/create_site.py --site-id $(SITE_ID) $(ARGS)

.PHONY: import-orgunits
import-orgunits: install ## Import units from FILE (JSON or CSV), all or nothing
	@test -n "$(FILE)" || { echo "usage: make import-orgunits FILE=units.csv"; exit 2; }
	$(BIN)/zconsole run $(CONF) scripts/import_orgunits.py "$(FILE)" --site-id $(SITE_ID) $(ARGS)

.PHONY: import-procedures
import-procedures: install ## Import procedures from FILE (.xlsx, .zip of CSV, .json), all or nothing
	@test -n "$(FILE)" || { echo "usage: make import-procedures FILE=thu-tuc.xlsx"; exit 2; }
	$(BIN)/zconsole run $(CONF) scripts/import_procedures.py "$(FILE)" --site-id $(SITE_ID) $(ARGS)

.PHONY: import-legal-documents
import-legal-documents: install ## Import normative documents from FILE (.xlsx; ARGS=--publish), all or nothing
	@test -n "$(FILE)" || { echo "usage: make import-legal-documents FILE=van-ban.xlsx"; exit 2; }
	$(BIN)/zconsole run $(CONF) scripts/import_legal_documents.py "$(FILE)" --site-id $(SITE_ID) $(ARGS)

.PHONY: export-procedures
export-procedures: install ## Export the procedure catalogue to FILE (.xlsx, .zip of CSV with forms, .json)
	@test -n "$(FILE)" || { echo "usage: make export-procedures FILE=thu-tuc.xlsx"; exit 2; }
	$(BIN)/zconsole run $(CONF) scripts/export_procedures.py "$(FILE)" --site-id $(SITE_ID)

.PHONY: demo-forms
demo-forms: install ## Regenerate the demo form files (.docx)
	$(BIN)/python scripts/make_demo_forms.py

.PHONY: upgrade
upgrade: install ## Run the site's pending upgrade steps (the server must be stopped)
	$(BIN)/zconsole run $(CONF) scripts/upgrade.py --site-id $(SITE_ID)

.PHONY: sync-groups
sync-groups: install ## Re-check unit groups, retire units past their end date (daily, cron)
	$(BIN)/zconsole run $(CONF) scripts/sync_groups.py --site-id $(SITE_ID)

.PHONY: send-reminders
send-reminders: install ## E-mail officers their overdue and due-soon dossiers (daily, cron)
	$(BIN)/zconsole run $(CONF) scripts/send_reminders.py --site-id $(SITE_ID)

.PHONY: exchange-receive
exchange-receive: install ## Receive the edXML packages waiting in the inbox folder (cron, e.g. every 10 minutes)
	$(BIN)/zconsole run $(CONF) scripts/exchange_receive.py --site-id $(SITE_ID)

# Backups go to another disk in production: BACKUP_DIR=/mnt/backup/dienbien.
BACKUP_DIR ?= $(CURDIR)/backups
DAYS ?= 7

.PHONY: backup
backup: $(STAMP) ## Back up the database and blobs to BACKUP_DIR (incremental; FULL=1 full); the server may run
	$(BIN)/python scripts/backup.py backup --conf $(CONF) --dir $(BACKUP_DIR) $(if $(FULL),--full)

.PHONY: restore
restore: $(STAMP) ## Restore the newest backup (AT=2026-11-30-22: the newest before 22:00 UTC); servers stopped
	mkdir -p $(INSTANCE_HOME)/var/{filestorage,blobstorage,log,cache}
	$(BIN)/python scripts/backup.py restore --conf $(CONF) --dir $(BACKUP_DIR) $(if $(AT),--at $(AT))

.PHONY: pack
pack: $(STAMP) ## Pack the database, keeping DAYS days of history (default 7); FileStorage: server stopped
	$(BIN)/python scripts/pack.py --conf $(CONF) --days $(DAYS)

.PHONY: start
start: install instance/var/filestorage/Data.fs upgrade ## Install, create the site if missing, upgrade it, serve on http://localhost:$(PORT)
	@echo "Serving http://localhost:$(PORT)/$(SITE_ID)  (Zope admin: admin)"
	TZ=$(SERVER_TZ) $(BIN)/runwsgi $(INI) http_host=$(HOST) http_port=$(PORT)

# Cluster mode (docs/deploy.md): PostgreSQL on 127.0.0.1:$(PG_PORT), $(INSTANCES)
# Zope instances on RelStorage (ports $(PORT)+1…), HAProxy on $(HOST):$(PORT).
INSTANCES ?= 2
PG_PORT ?= 5433
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
PG_DIR := instance/var/postgres

.PHONY: cluster-packages
cluster-packages: ## Install Debian's postgresql and haproxy when missing
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || ! { command -v haproxy || test -x /usr/sbin/haproxy; } >/dev/null; then \
	  echo "Installing Debian's postgresql and haproxy"; \
	  $(SUDO) apt-get update -q && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql haproxy; \
	fi

.PHONY: start-cluster
start-cluster: install cluster-packages ## PostgreSQL, 2 instances on RelStorage, HAProxy on http://localhost:$(PORT) (in the background)
	$(BIN)/python scripts/cluster.py start --instances $(INSTANCES) --host $(HOST) --port $(PORT) --pg-port $(PG_PORT) --site-id $(SITE_ID)

.PHONY: stop-cluster
stop-cluster: ## Stop HAProxy, the instances and PostgreSQL of start-cluster
	$(BIN)/python scripts/cluster.py stop

.PHONY: migrate-to-relstorage
migrate-to-relstorage: install cluster-packages ## Copy the FileStorage site (blobs too) into the cluster's PostgreSQL and compare (ARGS=--clear replaces)
	$(BIN)/python scripts/pgcluster.py init $(PG_DIR) --port $(PG_PORT)
	$(BIN)/python scripts/migrate_to_relstorage.py --data-fs instance/var/filestorage/Data.fs --blobs instance/var/blobstorage --dsn "$$($(BIN)/python scripts/pgcluster.py dsn $(PG_DIR))" $(ARGS)

.PHONY: lint
lint: install ## ruff (lint + format check) and zpretty check
	$(BIN)/ruff check src tests scripts bench
	$(BIN)/ruff format --check src tests scripts bench
	$(BIN)/python scripts/sync_buildout_versions.py --check
	$(BIN)/python scripts/i18n_check.py
	find src instance \( -name '*.zcml' -o -name '*.xml' \) -not -path '*/var/*' | xargs $(BIN)/zpretty --check

.PHONY: format
format: install ## Apply ruff and zpretty
	$(BIN)/ruff check --fix src tests scripts bench
	$(BIN)/ruff format src tests scripts bench
	find src instance \( -name '*.zcml' -o -name '*.xml' \) -not -path '*/var/*' | xargs $(BIN)/zpretty -i

.PHONY: test
test: install lint ## Install when needed, lint, run the whole suite on every core
	$(BIN)/pytest -n auto --dist loadfile --no-loadscope-reorder $(PYTEST_ARGS)

.PHONY: check-buildout
check-buildout: ## Build with buildout in a temporary folder and check the site answers
	bash scripts/check-buildout.sh

.PHONY: constraints
constraints: install ## Refreeze constraints.txt from the venv (after a deliberate upgrade)
	$(BIN)/python scripts/freeze_constraints.py > constraints.txt.new && mv constraints.txt.new constraints.txt
	$(BIN)/python scripts/sync_buildout_versions.py

.PHONY: clean
clean: ## Remove the venv and build leftovers (keeps the site data)
	rm -rf $(VENV) build dist .ruff_cache .pytest_cache
	find src -name '*.mo' -delete
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

.PHONY: clean-site
clean-site: ## Delete the instance data (Data.fs, blobs, logs)
	rm -rf instance/var
