# The workflow: set up, regenerate, check for drift, test, run the contract suite, serve.
# Every target bootstraps .venv first, so a fresh clone needs only Python 3.11+ and make.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HANDWRITTEN := $(wildcard hubspot_toolkit tests contract_tests bench examples)
TOOLKIT := $(BIN)/hubspot-toolkit
export PIP_DISABLE_PIP_VERSION_CHECK := 1

# `$(call given,--option,VAR)`: pass VAR as --option only when it was given on make's command
# line; names as common as HOST or PORT in the environment must not steer the server.
given = $(if $(and $(filter command line,$(origin $(2))),$(strip $($(2)))),$(1) '$(strip $($(2)))')
SERVE_OPTIONS = $(call given,--host,HOST) $(call given,--port,PORT) $(call given,--db,DB) \
  $(call given,--tokens,TOKENS) $(call given,--rate-limit,RATE_LIMIT) \
  $(call given,--rate-window,RATE_WINDOW) $(call given,--associations,ASSOCIATIONS) \
  $(call given,--faults,FAULTS) $(call given,--properties,PROPERTIES)
# The suite's own variables may come from the environment too (CI sets them).
CONTRACT_OPTIONS = $(if $(SEED),--seed '$(SEED)') $(if $(MAX_EXAMPLES),--max-examples '$(MAX_EXAMPLES)') \
  $(if $(MAX_FAILURES),--max-failures '$(MAX_FAILURES)') $(if $(PHASES),--phases '$(PHASES)') \
  $(if $(CONTRACT_RATE_LIMIT),--rate-limit '$(CONTRACT_RATE_LIMIT)') $(if $(VERSIONS),--versions '$(VERSIONS)') \
  $(if $(filter 1,$(VERBOSE)),--verbose)

.DEFAULT_GOAL := help
.PHONY: help setup generate check-generated lint typecheck test contract contract-deep serve bench update-spec sync-spec replay-history spec-diff constraints clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

setup: $(STAMP) ## Create .venv with the pinned dependencies (idempotent)

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "error: Python 3.11+ is needed, $(PYTHON) is " + sys.version.split()[0])'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	PIP_CONSTRAINT=$(CURDIR)/constraints.txt $(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

generate: $(STAMP) ## Regenerate generated/ from spec/ (leaves it untouched if spec/ is broken)
	$(TOOLKIT) generate

check-generated: $(STAMP) ## Fail, naming the files, if generated/ is not what spec/ generates
	$(TOOLKIT) check-generated

lint: $(STAMP) ## ruff on the hand-written code
	$(BIN)/ruff check $(HANDWRITTEN)
	$(BIN)/ruff format --check $(HANDWRITTEN)

typecheck: $(STAMP) ## mypy --strict on the hand-written code
	$(BIN)/mypy hubspot_toolkit contract_tests examples bench

# pytest-xdist workers for `make test`. Alone, the suite keeps about two thirds of a core busy
# (its end-to-end tests wait on servers and child processes), so 3 workers fill 2 cores; more
# only add start-up and collection work. PYTEST_WORKERS=0 runs in one process.
PYTEST_WORKERS ?= 3

test: $(STAMP) lint typecheck ## Lint, type-check and run every test (drift check included)
	$(BIN)/pytest $(if $(CI),--hypothesis-profile=ci) -n $(PYTEST_WORKERS)

contract: $(STAMP) ## The contract suite: reference server, or HUBSPOT_BASE_URL + HUBSPOT_ACCESS_TOKEN (SEED=n VERSIONS=2026-03 MAX_FAILURES=n PHASES=… VERBOSE=1)
	@$(TOOLKIT) contract $(CONTRACT_OPTIONS)

contract-deep: $(STAMP) ## The contract suite with many more examples, for nightly runs (SEED=n)
	@$(TOOLKIT) contract --deep $(CONTRACT_OPTIONS)

serve: $(STAMP) ## Run the reference server in the foreground (HOST PORT DB TOKENS RATE_LIMIT RATE_WINDOW ASSOCIATIONS FAULTS PROPERTIES)
	$(TOOLKIT) serve $(strip $(SERVE_OPTIONS))

bench: $(STAMP) ## Run every benchmark under bench/ and print `name: value` lines
	@for script in bench/[!_]*.py; do $(BIN)/python $$script || exit 1; done

update-spec: $(STAMP) ## Import HubSpot's published spec, then regenerate: make update-spec UPSTREAM=file [ADD=2026-09 for a version spec/ does not track]
	@test -n '$(UPSTREAM)' || { echo "usage: make update-spec UPSTREAM=<HubSpot OpenAPI file> [ADD=<new version>]" >&2; exit 2; }
	$(TOOLKIT) update-spec '$(UPSTREAM)' $(call given,--add,ADD)
	$(TOOLKIT) generate

sync-spec: $(STAMP) ## Import every tracked version from HubSpot's spec collection: make sync-spec SOURCE=<checkout> [ADD=2026-09]
	@test -n '$(SOURCE)' || { echo "usage: make sync-spec SOURCE=<checkout of HubSpot's public spec collection> [ADD=<new version>]" >&2; exit 2; }
	$(TOOLKIT) sync-spec --source '$(SOURCE)' $(call given,--add,ADD)

# Only what was given on make's command line: VERSION or ADD in the environment must not steer it.
REPLAY_OPTIONS = $(call given,--every,EVERY) $(call given,--since,SINCE) \
  $(call given,--operation,OPERATION) $(call given,--version,VERSION) $(call given,--add,ADD) \
  $(call given,--keep,KEEP) $(if $(filter 1,$(QUIET)),--quiet)

replay-history: $(STAMP) ## Import HubSpot's whole history into a scratch spec/: make replay-history SOURCE=<checkout> [EVERY=5 SINCE=… OPERATION=… VERSION=… ADD=2025-09 KEEP=dir QUIET=1]
	@test -n '$(SOURCE)' || { echo "usage: make replay-history SOURCE=<git checkout of HubSpot's public spec collection> [EVERY=n]" >&2; exit 2; }
	@$(TOOLKIT) replay-history --source '$(SOURCE)' $(strip $(REPLAY_OPTIONS))

spec-diff: $(STAMP) ## Classify spec changes: BASE=<git ref> or OLD=<file> NEW=<file>; ALLOW_BREAKING=1
	@$(TOOLKIT) spec-diff $(call given,--base,BASE) $(call given,--old,OLD) $(call given,--new,NEW) \
	  $(call given,--format,FORMAT) $(call given,--migrate,MIGRATE) \
	  $(if $(filter 1,$(ALLOW_BREAKING)),--allow-breaking)

constraints: ## Re-pin every dependency after a change to pyproject.toml (keeps the setuptools pin for builds)
	rm -rf .venv-pin && $(PYTHON) -m venv .venv-pin
	.venv-pin/bin/python -m pip install --quiet '.[dev]'
	(sed -n '1,2p' constraints.txt; .venv-pin/bin/python -m pip freeze --exclude hubspot-crm-contract-toolkit; grep '^setuptools==' constraints.txt) > constraints.new
	mv constraints.new constraints.txt && rm -rf .venv-pin

clean: ## Remove .venv and caches (never spec/ or generated/)
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis build *.egg-info
