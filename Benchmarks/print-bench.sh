#!/usr/bin/env bash
# The print step's cost on the bundled publication (a measurement, not a test):
#   - per language: Typst markup generation, compile (python3 + Typst), Typst's own time, peak memory;
#   - the whole PDF step (`folio build --pdf-only`) under /usr/bin/time -v: wall time and peak memory;
#   - generation against compile time (the generator must stay under 10 % of the compile).
# Usage: Benchmarks/print-bench.sh [RUNS]   (default 3; `make bench-print` runs it)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
folio=.build/release/folio
[ -x "$folio" ] || swift build -c release --product folio
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
# The pages first, so that each run measures the PDF step alone.
"$folio" build . --output "$out/site" --no-pdf >/dev/null 2>&1

echo "folio print benchmark: $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(nproc) cores, $runs runs"
echo "Typst: $(python3 -c 'import importlib.metadata as m; print(m.version("typst"))' 2>/dev/null || echo 'not installed')"
for run in $(seq 1 "$runs"); do
    log="$out/run-$run.log"
    /usr/bin/time -v "$folio" build . --output "$out/site" --pdf-only --timings 2>"$log" >/dev/null
    echo "run $run:"
    # print <lang>: generate G ms, compile C ms (Typst T ms), peak P MiB, S KiB
    awk '/^print [a-z][a-z]:/ {
            lang = $2; sub(":", "", lang); generate = $4; compile = $7
            printf "  %s  total %7.1f ms  (generate %5.1f ms, compile %6.1f ms, of which Typst %6.1f ms), Typst peak %s MiB, PDF %s KiB\n",
                   lang, generate + compile, generate, compile, $10, $13, $15 }
         /^print total:/ { sub(/^print total: /, ""); print "  all   " $0 }
         /Elapsed \(wall clock\)/ { print "  PDF step wall time (time -v): " $NF }
         /Maximum resident set size/ { printf "  PDF step peak memory (time -v): %.0f MiB\n", $NF / 1024 }' "$log"
    ratio="$(sed -n 's/.*generation is \([0-9.]*\) % of compile.*/\1/p' "$log")"
    if awk -v r="$ratio" 'BEGIN { exit !(r < 10) }'; then
        echo "  generation < 10 % of compile: yes ($ratio %)"
    else
        echo "  generation < 10 % of compile: NO ($ratio %)"
        exit 1
    fi
done
