# The workflow: set up, regenerate, check for drift, test, run the contract suite, serve.
# Every target bootstraps .venv first, so a fresh clone needs only Python 3.11+ and make.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HANDWRITTEN := $(wildcard hubspot_toolkit tests contract_tests bench examples)
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.DEFAULT_GOAL := help
.PHONY: help setup generate check-generated lint typecheck test contract contract-deep serve bench update-spec spec-diff constraints clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

setup: $(STAMP) ## Create .venv with the pinned dependencies (idempotent)

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "error: Python 3.11+ is needed, $(PYTHON) is " + sys.version.split()[0])'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	PIP_CONSTRAINT=$(CURDIR)/constraints.txt $(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

generate: $(STAMP) ## Regenerate generated/ from spec/ (leaves it untouched if spec/ is broken)
	$(BIN)/hubspot-codegen generate

check-generated: $(STAMP) ## Fail, naming the files, if generated/ is not what spec/ generates
	$(BIN)/hubspot-codegen check

lint: $(STAMP) ## ruff on the hand-written code
	$(BIN)/ruff check $(HANDWRITTEN)
	$(BIN)/ruff format --check $(HANDWRITTEN)

typecheck: $(STAMP) ## mypy --strict on the hand-written code
	$(BIN)/mypy hubspot_toolkit examples bench

test: $(STAMP) lint typecheck ## Lint, type-check and run every test (drift check included)
	$(BIN)/pytest

contract: $(STAMP) ## The contract suite: reference server, or HUBSPOT_BASE_URL + HUBSPOT_ACCESS_TOKEN (SEED=n)
	@$(BIN)/python -m hubspot_toolkit.contract

contract-deep: $(STAMP) ## The contract suite with many more examples, for nightly runs (SEED=n)
	@DEEP=1 $(BIN)/python -m hubspot_toolkit.contract

serve: $(STAMP) ## Run the reference server in the foreground (HOST PORT DB TOKENS RATE_LIMIT RATE_WINDOW ASSOCIATIONS FAULTS)
	HOST='$(HOST)' PORT='$(PORT)' DB='$(DB)' TOKENS='$(TOKENS)' RATE_LIMIT='$(RATE_LIMIT)' RATE_WINDOW='$(RATE_WINDOW)' ASSOCIATIONS='$(ASSOCIATIONS)' FAULTS='$(FAULTS)' $(BIN)/python -m hubspot_toolkit.server

bench: $(STAMP) ## Run every benchmark under bench/ and print `name: value` lines
	@for script in bench/[!_]*.py; do $(BIN)/python $$script || exit 1; done

update-spec: $(STAMP) ## Import HubSpot's published spec: make update-spec UPSTREAM=file
	$(BIN)/python -m hubspot_toolkit.spec_update '$(UPSTREAM)'
	$(BIN)/hubspot-codegen generate

spec-diff: $(STAMP) ## Classify spec changes: BASE=<git ref> or OLD=<file> NEW=<file>; ALLOW_BREAKING=1
	BASE='$(BASE)' OLD='$(OLD)' NEW='$(NEW)' ALLOW_BREAKING='$(ALLOW_BREAKING)' FORMAT='$(FORMAT)' $(BIN)/python -m hubspot_toolkit.spec_diff

constraints: ## Re-pin every dependency after a change to pyproject.toml (keeps the setuptools pin for builds)
	rm -rf .venv-pin && $(PYTHON) -m venv .venv-pin
	.venv-pin/bin/python -m pip install --quiet '.[dev]'
	(sed -n '1,2p' constraints.txt; .venv-pin/bin/python -m pip freeze --exclude hubspot-crm-contract-toolkit; grep '^setuptools==' constraints.txt) > constraints.new
	mv constraints.new constraints.txt && rm -rf .venv-pin

clean: ## Remove .venv and caches (never spec/ or generated/)
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis build *.egg-info
