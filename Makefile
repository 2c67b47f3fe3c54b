# Dateline: `make run` starts the app, `make test` runs every test.
# Both install what is missing first (scripts/deps.sh).
SHELL := /bin/bash
.ONESHELL:
.SHELLFLAGS := -eu -o pipefail -c

# Builds live outside the clone so that later CI runs are incremental.
export CARGO_TARGET_DIR ?= $(HOME)/.cache/dateline-target
export PATH := $(HOME)/.cargo/bin:$(PATH)
APP := $(CARGO_TARGET_DIR)/debug/dateline-app

.PHONY: run test deps ui app lint unit e2e bindings bench clean-data

deps:
	scripts/deps.sh

ui: deps
	npm --prefix ui run build

app: ui
	cargo build -p dateline-app --bin dateline-app

run: app
	$(APP)

# clippy compiles the app, which embeds ui/dist: build the UI first.
lint: ui
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
	npm --prefix ui run check

unit: ui
	npm --prefix ui test
	cargo test --workspace
	cargo build -p dateline-core --bin dateline
	npm --prefix tests test

e2e: app
	tests/run-e2e.sh $(APP)

# Everything CI checks.
test: lint unit e2e
	@echo "make test: all checks passed"

bindings:
	UPDATE_BINDINGS=1 cargo test -p dateline-core --test bindings

bench:
	bench/run
