# folio — two commands do everything on a fresh Debian machine:
#   make site   installs what is missing, builds in release mode, renders Content/ into Public/
#   make test   same set-up, runs every test
SHELL := /bin/bash
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Debian packages folio needs to build (cmark-gfm is the Markdown parser) and to test.
DEB_PACKAGES := libcmark-gfm-dev libcmark-gfm-extensions-dev pkg-config
FOLIO := .build/release/folio

.PHONY: site test setup release clean

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

clean:
	rm -rf .build Public/*/ Public/index.html
