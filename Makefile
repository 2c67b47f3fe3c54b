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

.PHONY: run test deps ui app cli lint unit e2e bindings bench clean-data dist deb win deb-test deb-clean-test dist-test dist-repro wine-test

deps:
	scripts/deps.sh

ui: deps
	npm --prefix ui run build

app: ui
	cargo build -p dateline-app --bin dateline-app

run: app
	$(APP)

# Without Harper's grammar (the `grammar` feature), which would take the
# binary over its 8 MB budget: 13.4 MB with it (docs/PERFORMANCE.md).
CLI_FEATURES := --no-default-features

cli:
	RUSTFLAGS="-C target-feature=+crt-static" cargo build --release --target $(HOST) -p dateline-core $(CLI_FEATURES) --bin dateline
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

# Everything CI checks. deb-test adds about 5 minutes to a cold CI run (the
# release build) and half a minute once it is built.
test: lint unit e2e deb-test
	@echo "make test: all checks passed"

bindings:
	UPDATE_BINDINGS=1 cargo test -p dateline-core --test bindings

bench:
	BENCH_CLI=$(CLI) bench/run

# Installers (docs/INSTALL.md): the Linux .deb through the Tauri bundler, the
# Windows executables cross-built with mingw-w64 and a hand-written NSIS
# installer, and SHA256SUMS for them, all under dist/ (git-ignored outputs).
# Everything comes from the package registries: nothing is downloaded here.
VERSION := $(shell sed -n 's/^  "version": "\(.*\)",$$/\1/p' tauri.conf.json)
WIN := x86_64-pc-windows-gnu
WIN_OUT := $(CARGO_TARGET_DIR)/$(WIN)/release
DEB := dist/Dateline_$(VERSION)_amd64.deb
SETUP := dist/Dateline-$(VERSION)-setup.exe
# File times inside the .deb: the commit's time, so two builds of one commit
# give the same archive (dist/linux/repack-deb.sh, docs/INSTALL.md). Given to
# the repack alone: libsqlite3-sys rebuilds whenever SOURCE_DATE_EPOCH
# changes, so exporting it would recompile the core at every commit.
EPOCH := $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

dist: deb win
	cd dist && sha256sum $(notdir $(DEB)) $(notdir $(SETUP)) > SHA256SUMS
	cat SHA256SUMS
	ls -l $(notdir $(DEB)) $(notdir $(SETUP))

deb: ui cli
	mkdir -p dist/build
	install -m 0755 $(CLI) dist/build/dateline
	cargo build --release -p dateline-app --bin dateline-app
	dist/node_modules/.bin/tauri bundle --bundles deb --ci
	SOURCE_DATE_EPOCH=$(EPOCH) dist/linux/repack-deb.sh $(CARGO_TARGET_DIR)/release/bundle/deb/$(notdir $(DEB)) $(DEB)

# The Windows standard library comes from rustup, not from a package
# registry: it is added here, for make dist alone, so that make test never
# depends on it (docs/INSTALL.md).
win: deps
	rustup target list --installed | grep -qx $(WIN) || rustup target add $(WIN)
	mkdir -p dist/build/windows
	# The linker stamps the link time into each .exe unless told not to; the
	# flag goes to the two programs alone, so the dependencies stay built.
	for p in "dateline-app dateline-app" "dateline-core dateline $(CLI_FEATURES)"; do
	  set -- $$p
	  cargo rustc --release --target $(WIN) -p $$1 --bin $$2 "$${@:3}" -- -C link-arg=-Wl,--no-insert-timestamp
	done
	install -m 0644 $(WIN_OUT)/dateline-app.exe $(WIN_OUT)/dateline.exe src-tauri/icons/icon.ico dist/build/windows/
	dist/windows/dictionaries.sh dist/build/windows/dictionaries
	makensis -V2 -DVERSION=$(VERSION) -DSRC=$(CURDIR)/dist/build/windows -DOUTFILE=$(CURDIR)/$(SETUP) dist/windows/dateline.nsi

# Installs the .deb, runs the installed app, removes it (as root).
deb-test: deb
	tests/dist-deb.sh $(DEB)

# The same test in a clean Debian 12 root made by mmdebstrap (as root; the
# first run downloads the base system).
deb-clean-test: deb
	tests/dist-deb-clean.sh $(DEB)

# deb-test, the clean-root install, and the Windows build under wine.
dist-test: dist deb-test deb-clean-test wine-test
	tests/dist-windows.sh $(WIN_OUT) $(SETUP) $(CLI)

# The core's whole test suite built for Windows and run under wine (debug;
# tests/wine/run.sh). Not in make test: see docs/INSTALL.md.
wine-test: deps
	rustup target list --installed | grep -qx $(WIN) || rustup target add $(WIN)
	CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER=$(CURDIR)/tests/wine/run.sh \
	  cargo test -p dateline-core --target $(WIN)

# Builds twice from this commit and compares the .deb contents. The second
# build recompiles and relinks both programs (the LTO stage, where an
# unstable build would show) but reuses the compiled dependencies.
# The Windows executables and the installer must be byte-identical.
dist-repro: dist
	cp $(DEB) $(CARGO_TARGET_DIR)/first.deb
	for f in $(WIN_OUT)/dateline.exe $(WIN_OUT)/dateline-app.exe $(SETUP); do cp $$f $(CARGO_TARGET_DIR)/first-$$(basename $$f); done
	touch src-tauri/src/main.rs crates/dateline-core/src/bin/dateline.rs
	$(MAKE) dist EPOCH=$(EPOCH)
	tests/dist-repro.sh $(CARGO_TARGET_DIR)/first.deb $(DEB)
	for f in $(WIN_OUT)/dateline.exe $(WIN_OUT)/dateline-app.exe $(SETUP); do
	  cmp $(CARGO_TARGET_DIR)/first-$$(basename $$f) $$f || { echo "dist-repro: FAIL: $$(basename $$f) differs between two builds" >&2; exit 1; }
	done
	echo "dist-repro: dateline.exe, dateline-app.exe and $(notdir $(SETUP)) are byte-identical across the two builds"
