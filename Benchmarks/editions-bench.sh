#!/usr/bin/env bash
# The Word and EPUB step's cost on the bundled publication (a measurement, not a test):
#   - per language and format: making the pandoc document and running pandoc (`--timings`);
#   - the whole step (`folio build --formats docx,epub`, no pages, no PDFs) under /usr/bin/time -v:
#     wall time and peak memory. The goal is under 3 s in all.
# Usage: Benchmarks/editions-bench.sh [RUNS]   (default 3; `make bench-editions` runs it)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
folio=.build/release/folio
[ -x "$folio" ] || swift build -c release --product folio
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
# The pages first, so that each run measures the Word and EPUB step alone.
"$folio" build . --output "$out/site" --no-pdf >/dev/null 2>&1

echo "folio Word and EPUB benchmark: $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(nproc) cores, $runs runs"
echo "pandoc: $(python3 -c 'import pypandoc; print(pypandoc.get_pandoc_version(), pypandoc.get_pandoc_path())' 2>/dev/null || echo 'not installed')"
for run in $(seq 1 "$runs"); do
    log="$out/run-$run.log"
    /usr/bin/time -v "$folio" build . --output "$out/site" --formats docx,epub --timings 2>"$log" >/dev/null
    echo "run $run:"
    if ! grep -qE '^edition ' "$log"; then
        echo "  no Word or EPUB edition was built:"; sed 's/^/    /' "$log" | grep -i -E 'warning|error' | head -5
        exit 1
    fi
    grep -E '^edition ' "$log" | sed 's/^/  /'
    wall="$(awk '/Elapsed \(wall clock\)/ { print $NF }' "$log")"
    awk '/Maximum resident set size/ { printf "  peak memory (time -v): %.0f MiB\n", $NF / 1024 }
         /User time \(seconds\)/ { user = $NF } /System time \(seconds\)/ { sys = $NF }
         END { printf "  CPU time, all processes (time -v): %.2f s user + %.2f s system\n", user, sys }' "$log"
    seconds="$(echo "$wall" | awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }')"
    if awk -v s="$seconds" 'BEGIN { exit !(s < 3) }'; then
        echo "  Word and EPUB step wall time: $wall (under 3 s: yes)"
    else
        echo "  Word and EPUB step wall time: $wall (under 3 s: NO)"
        exit 1
    fi
done
