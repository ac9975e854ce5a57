#!/usr/bin/env bash
# Runs the libFuzzer targets (`make fuzz`): each for FUZZ_SECONDS (default 60), seeded with every
# chapter of the repository (Content/ and Tests/Fixtures/), the kpi blocks in them, and the inputs kept
# in Tests/Fixtures/fuzz-regressions/<target>/. A finding is written to .build/fuzz/findings/<target>/;
# the script then fails and says how to keep it as a regression test.
#   Fuzz/run.sh [target…]     targets: front-matter kpi-block critic-markup chapter-pipeline cross-references
#                             exchange-import exchange-roundtrip citations bibliography attribution apparatus
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-60}
binary=.build/fuzz/release/folio-fuzz  # built by `make fuzz`
work=.build/fuzz/work
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(front-matter kpi-block critic-markup chapter-pipeline cross-references exchange-import exchange-roundtrip citations bibliography attribution apparatus)

# Seeds: whole chapters for the text targets, the bodies of their ```kpi fences for the KPI parser.
seed_chapters() { find Content Tests/Fixtures -name '*.md' -not -path '*/fuzz-regressions/*' -print0 | sort -z; }
# The bibliographies of the repository (BibLaTeX and CSL-JSON), for the bibliography readers.
seed_bibliographies() {
    local out=$1 n=0 file
    while IFS= read -r -d '' file; do cp "$file" "$out/$n-$(basename "$file")"; n=$((n + 1)); done < \
        <(find Content Tests/Fixtures \( -name '*.bib' -o -name '*.json' \) -not -path '*/fuzz-regressions/*' -print0 | sort -z)
}
seed_copy_chapters() {
    local out=$1 n=0
    while IFS= read -r -d '' file; do cp "$file" "$out/$n-$(basename "$file")"; n=$((n + 1)); done < <(seed_chapters)
}
# The reviewers' comments written in the chapters (what is between `{>>` and `<<}`), one file each.
seed_comments() {
    local out=$1
    { seed_chapters | xargs -0 grep -ohP '\{>>\K.*?(?=<<\})' || true; } |
        awk -v prefix="$out/comment-" '{ printf "%s", $0 > (prefix NR); close(prefix NR) }'
}
seed_kpi_blocks() {
    local out=$1 n=0
    while IFS= read -r -d '' file; do
        awk -v prefix="$out/kpi-$n-" '
            /^```kpi[[:space:]]*$/ { inside = 1; block = ""; count++; next }
            inside && /^```[[:space:]]*$/ { inside = 0; printf "%s", block > (prefix count); close(prefix count); next }
            inside { block = block $0 "\n" }' "$file"
        n=$((n + 1))
    done < <(seed_chapters)
}

status=0
for target in "${targets[@]}"; do
    corpus=$work/corpus/$target seeds=$work/seeds/$target findings=$work/findings/$target
    mkdir -p "$corpus" "$findings"
    rm -rf "$seeds" && mkdir -p "$seeds"
    # The exchange reader is seeded with the XLIFF and PO files kept as its regressions (below).
    case $target in
        kpi-block) seed_kpi_blocks "$seeds" ;;
        bibliography) seed_bibliographies "$seeds" ;;
        attribution) seed_comments "$seeds" ;;
        apparatus) n=0; for file in Content/*/acronyms.yml Content/publication.yml; do cp "$file" "$seeds/$n-$(basename "$file")"; n=$((n + 1)); done ;;
        exchange-import) ;;
        *) seed_copy_chapters "$seeds" ;;
    esac
    regressions=Tests/Fixtures/fuzz-regressions/$target
    [ -d "$regressions" ] && cp "$regressions"/* "$seeds"/ 2>/dev/null || true
    dictionary=()
    [ -f "Fuzz/dictionaries/$target.dict" ] && dictionary=(-dict="Fuzz/dictionaries/$target.dict")
    echo "== $target: ${seconds}s, $(ls "$seeds" | wc -l) seeds, corpus $corpus"
    # Leak checking is off: Foundation's XMLDocument and Data(contentsOf:) keep allocations LeakSanitizer
    # reports, which are not folio's and would stop every run.
    # Swift's own crash backtracer trips AddressSanitizer; libFuzzer prints the stack itself.
    if ! SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 FOLIO_FUZZ_TARGET=$target "$binary" "$corpus" "$seeds" "${dictionary[@]}" \
        -max_total_time="$seconds" -timeout=30 -rss_limit_mb=4096 -max_len=65536 -print_final_stats=1 \
        -artifact_prefix="$findings/" 2>"$work/$target.log"; then
        status=1
        echo "!! $target found a problem; the log is $work/$target.log, the input is in $findings/:"
        ls "$findings"
        echo "   keep it: cp $findings/<file> Tests/Fixtures/fuzz-regressions/$target/ (swift test replays it)"
    fi
    grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb|DONE" "$work/$target.log" | sed 's/^/   /' || true
done
exit $status
