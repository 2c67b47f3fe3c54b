# Dateline: `make run` starts the app, `make test` runs every test.
# Both install what is missing first (scripts/deps.sh).
SHELL := /bin/bash
.ONESHELL:
.SHELLFLAGS := -eu -o pipefail -c

# Builds live outside the clone so that later CI runs are incremental.
export CARGO_TARGET_DIR ?= $(HOME)/.cache/dateline-target
export PATH := $(HOME)/.cargo/bin:$(PATH)
APP := $(CARGO_TARGET_DIR)/debug/dateline-app
# The command line people install: a release build linked statically
# (static-pie, so ASLR stays), which starts in 0.7 ms instead of 1.0 ms
# without the dynamic loader (docs/PERFORMANCE.md). --target keeps the flag
# off build scripts and proc macros, which must stay dynamic.
HOST := $(shell PATH="$(HOME)/.cargo/bin:$$PATH" rustc -vV 2>/dev/null | sed -n 's/^host: //p')
CLI := $(CARGO_TARGET_DIR)/$(HOST)/release/dateline

.PHONY: run test deps ui app cli lint unit e2e bindings bench clean-data

deps:
	scripts/deps.sh

ui: deps
	npm --prefix ui run build

app: ui
	cargo build -p dateline-app --bin dateline-app

run: app
	$(APP)

cli:
	RUSTFLAGS="-C target-feature=+crt-static" cargo build --release --target $(HOST) -p dateline-core --bin dateline
	@echo "dateline command line: $(CLI)"

# clippy compiles the app, which embeds ui/dist: build the UI first.
lint: ui
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
	npm --prefix ui run check

unit: ui cli
	npm --prefix ui test
	cargo test --workspace
	cargo build -p dateline-core --bin dateline
	tests/release-cli.sh $(CLI) $(CARGO_TARGET_DIR)/debug/dateline
	npm --prefix tests test

e2e: app
	tests/run-e2e.sh $(APP)

# Everything CI checks.
test: lint unit e2e
	@echo "make test: all checks passed"

bindings:
	UPDATE_BINDINGS=1 cargo test -p dateline-core --test bindings

bench:
	BENCH_CLI=$(CLI) bench/run
