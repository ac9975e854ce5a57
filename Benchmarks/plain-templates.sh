#!/bin/sh
# folio rendering its pages with swift-mustache alone, without its template shortcuts
# (Sources/FolioCore/Render/TemplateShortcuts.swift), to time beside the default:
#   make bench BENCH_ARGS="--baseline Benchmarks/plain-templates.sh --pages 1200"
FOLIO_PLAIN_TEMPLATES=1 exec "$(dirname "$0")/../.build/release/folio" "$@"
