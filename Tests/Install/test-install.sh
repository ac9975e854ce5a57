#!/usr/bin/env bash
# A newcomer's first hour (issue 27), end to end, as `make test` runs it: in an empty temporary folder
# and with a PATH that lacks the repository's .tools/venv (so Typst and Pagefind can only come from
# what `make install` put beside folio):
#   make install PREFIX=<tmp>; <tmp>/bin/folio new pub --languages en,fr; <tmp>/bin/folio build pub
# then the site, the search index, both PDFs and the Word and EPUB editions; `folio doctor` exits 0 and finds Typst and pandoc; completions and the man page
# are installed; `make uninstall` leaves nothing behind.
set -uo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/folio-install-test.XXXXXX")"
trap 'rm -rf "$work"' EXIT
PATH="$(printf '%s' "$PATH" | tr ':' '\n' | grep -v '/\.tools/venv' | paste -sd: -)"
export PATH
unset FOLIO_PYTHON
prefix="$work/prefix"
folio="$prefix/bin/folio"
passed=0
failed=0
check() {
    local description="$1"
    shift
    if "$@" >/dev/null 2>&1; then
        echo "ok   $description"; passed=$((passed + 1))
    else
        echo "FAIL $description"; failed=$((failed + 1))
    fi
}
finish() {
    echo "install: $passed passed, $failed failed"
    [ "$failed" -eq 0 ]
    exit
}

cd "$work" || exit 1
if ! make -C "$repo" install PREFIX="$prefix" >"$work/install.log" 2>&1; then
    echo "FAIL make install PREFIX=$prefix"; cat "$work/install.log"; failed=$((failed + 1)); finish
fi
check "make install puts folio in PREFIX/bin" test -x "$folio"
check "the PATH of this test has no Pagefind (no .tools/venv)" bash -c '! command -v pagefind'
check "folio --version names the commit" bash -c "'$folio' --version | grep -Eq 'commit [0-9a-f]{7,}'"
check "bash completion installed" test -s "$prefix/share/bash-completion/completions/folio"
check "zsh completion installed" test -s "$prefix/share/zsh/site-functions/_folio"
check "fish completion installed" test -s "$prefix/share/fish/vendor_completions.d/folio.fish"
check "man page installed" grep -q '^\.Dt FOLIO 1' "$prefix/share/man/man1/folio.1"
check "the installed Python has pikepdf (the print view renders only changed pages)" "$prefix/lib/folio/venv/bin/python3" -c 'import pikepdf'

if ! "$folio" new pub --languages en,fr >"$work/new.log" 2>&1; then
    echo "FAIL folio new pub --languages en,fr"; cat "$work/new.log"; failed=$((failed + 1)); finish
fi
check "folio new writes no templates and no catalogue" bash -c '! test -e pub/Templates && ! test -e pub/Content/kpis.yml'
check "folio new refuses a non-empty folder" bash -c "! '$folio' new pub"
if ! "$folio" build pub >"$work/build.log" 2>&1; then
    echo "FAIL folio build pub"; cat "$work/build.log"; failed=$((failed + 1)); finish
fi
check "the build warns about nothing but the missing French translation" \
    bash -c "! grep 'warning:' '$work/build.log' | grep -v 'not yet translated into French'"
check "the site: the language chooser" test -s pub/Public/index.html
check "the site: the English chapter" test -s pub/Public/en/introduction/index.html
check "the site: the French chapter (the English text with a notice)" test -s pub/Public/fr/introduction/index.html
check "the site: the KPI index from the built-in catalogue" grep -q 'EC: ICT: ICT: 1C' pub/Public/en/kpis/index.html
check "the search index" test -s pub/Public/pagefind/pagefind.js
check "the search page" test -s pub/Public/en/search/index.html
check "the English PDF" bash -c 'head -c 5 pub/Public/en/untitled-publication-en.pdf | grep -q %PDF'
check "the French PDF" bash -c 'head -c 5 pub/Public/fr/untitled-publication-fr.pdf | grep -q %PDF'
check "the English Word edition (pandoc beside folio)" bash -c 'head -c 2 pub/Public/en/untitled-publication-en.docx | grep -q PK'
check "the French EPUB" python3 -c 'import sys, zipfile; sys.exit(zipfile.ZipFile("pub/Public/fr/untitled-publication-fr.epub").read("mimetype") != b"application/epub+zip")'
check "folio doctor exits 0" "$folio" doctor pub
check "folio doctor finds Typst beside folio" bash -c "'$folio' doctor pub | grep -q '^ok *Typst: .*$prefix/lib/folio/venv'"
check "folio doctor finds pandoc beside folio" bash -c "'$folio' doctor pub | grep -q '^ok *pandoc: pandoc 3.*$prefix/lib/folio/venv'"
check "FOLIO_PYTHON still overrides" bash -c "FOLIO_PYTHON=/nonexistent/python3 '$folio' build pub --output '$work/out' 2>&1 | grep -q '/nonexistent/python3 cannot run'"

if ! make -C "$repo" uninstall PREFIX="$prefix" >"$work/uninstall.log" 2>&1; then
    echo "FAIL make uninstall"; cat "$work/uninstall.log"; failed=$((failed + 1)); finish
fi
check "make uninstall removes every file it installed" bash -c "[ -z \"\$(find '$prefix' -type f -o -type l)\" ]"
finish
