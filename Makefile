# folio — two commands do everything on a fresh Debian machine:
#   make site   installs what is missing, builds in release mode, renders Content/ into Public/ (with search)
#   make test   same set-up, runs every test: `swift test`, then the browser tests (Tests/Browser)
SHELL := /bin/bash
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Debian packages folio needs to build (cmark-gfm is the Markdown parser), and Python for its tools.
DEB_PACKAGES := libcmark-gfm-dev libcmark-gfm-extensions-dev pkg-config python3 python3-venv
# What the browser tests drive: Debian's Chromium and its WebDriver.
BROWSER_PACKAGES := chromium chromium-driver
FOLIO := .build/release/folio
# Python tools live in a venv of their own (Debian's Python refuses system-wide pip installs).
VENV := .tools/venv
PYTHON := $(VENV)/bin/python
# A current axe-core (4.x) for the accessibility tests, beside the one axe-selenium-python bundles
# (3.1 on Debian 12's Python 3.11). Installed apart: both packages use the same module name.
AXE_CORE_4 := .tools/axe-core-4/axe_selenium_python/node_modules/axe-core/axe.min.js

.PHONY: site test setup browser-setup release clean

define install_debs
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
endef

setup:
	$(call install_debs,$(DEB_PACKAGES))
	@command -v swift >/dev/null || { echo "swift is not on PATH (expected at /opt/swift/usr/bin)"; exit 1; }

$(PYTHON):
	/usr/bin/python3 -m venv $(VENV)

# Pagefind, which `folio build` runs as `python3 -m pagefind` when it is on PATH.
$(VENV)/.pagefind: | $(PYTHON)
	$(PYTHON) -m pip install -q 'pagefind[extended]'
	@touch $@

$(VENV)/.browser-tests: Tests/Browser/requirements.txt | $(PYTHON)
	$(PYTHON) -m pip install -q -r Tests/Browser/requirements.txt
	@touch $@

$(AXE_CORE_4): | $(PYTHON)
	$(PYTHON) -m pip install -q --no-deps --target .tools/axe-core-4 axe-selenium-python-nhsuk

browser-setup: setup $(VENV)/.pagefind $(VENV)/.browser-tests $(AXE_CORE_4)
	$(call install_debs,$(BROWSER_PACKAGES))

release: setup
	swift build -c release --product folio

site: release $(VENV)/.pagefind
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(FOLIO) build .

# The browser tests build and serve the sites themselves, with the release folio.
test: release browser-setup
	swift test
	cd Tests/Browser && FOLIO="$(CURDIR)/$(FOLIO)" "$(CURDIR)/$(PYTHON)" -m pytest -q

clean:
	rm -rf .build Public/*/ Public/index.html Tests/Browser/screenshots
