#!/usr/bin/env python3
"""KPI blocks: how many blocks per second folio parses, validates and renders (YAML, catalogue checks,
SVG chart, localized table), measured as the difference between building a chapter with 10,000 kpi blocks
and the same chapter without them; then the share the bundled publication's own blocks take of its full
build. Medians of several runs (the machine is shared: compare, do not trust single timings).

usage: kpi_bench.py FOLIO_BINARY REPOSITORY [--blocks 10000] [--runs 3]"""
import argparse, os, re, shutil, statistics, subprocess, tempfile, time


def build_time(folio, project, runs):
    times = []
    for _ in range(runs):
        out = tempfile.mkdtemp(prefix="folio-kpi-out-")
        start = time.monotonic()
        result = subprocess.run([folio, "build", project, "--no-pdf", "--no-search", "--output", os.path.join(out, "site")],
                                capture_output=True, text=True)
        times.append(time.monotonic() - start)
        shutil.rmtree(out, ignore_errors=True)
        if result.returncode != 0:
            raise SystemExit(result.stderr[-2000:])
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("folio")
    parser.add_argument("repository")
    parser.add_argument("--blocks", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    folio = os.path.abspath(args.folio)
    repo = os.path.abspath(args.repository)
    codes = re.findall(r'- code: "([^"]+)"', open(os.path.join(repo, "Content/kpis.yml"), encoding="utf-8").read())
    units = {}
    work = tempfile.mkdtemp(prefix="folio-kpi-bench-")
    try:
        def project(name, blocks):
            root = os.path.join(work, name)
            os.makedirs(os.path.join(root, "Content/en"))
            shutil.copytree(os.path.join(repo, "Templates"), os.path.join(root, "Templates"))
            shutil.copy(os.path.join(repo, "Content/kpis.yml"), os.path.join(root, "Content/kpis.yml"))
            with open(os.path.join(root, "Content/publication.yml"), "w") as f:
                f.write("title: {en: KPI benchmark}\nsource-language: en\nlanguages: [en]\n")
            parts = ["---\ntitle: Figures\n---\n"]
            for i in range(blocks):
                code = codes[i % len(codes)]
                parts.append(f"## Figure {i}\n\nText before the figure.\n\n```kpi\nkpi: \"{code}\"\nsource: U4SSC city reports\n"
                             f"data:\n  - {{city: Karmøy, year: 2020, value: {i % 97}.5}}\n"
                             f"  - {{city: Stavanger, year: 2021, value: {i % 89}}}\n  - {{city: Asker, year: 2020, value: {i % 83}.25}}\n```\n")
                if blocks == 0:
                    break
            if blocks == 0:
                parts = ["---\ntitle: Figures\n---\n"] + [f"## Figure {i}\n\nText before the figure.\n" for i in range(args.blocks)]
            with open(os.path.join(root, "Content/en/01-figures.md"), "w", encoding="utf-8") as f:
                f.write("\n".join(parts))
            return root

        with_blocks = build_time(folio, project("with", args.blocks), args.runs)
        without = build_time(folio, project("without", 0), args.runs)
        per_block = max(with_blocks - without, 1e-9) / args.blocks
        bundled = build_time(folio, repo, args.runs)
        bundled_blocks = sum(open(os.path.join(repo, "Content", lang, name), encoding="utf-8").read().count("```kpi")
                             for lang in os.listdir(os.path.join(repo, "Content")) if os.path.isdir(os.path.join(repo, "Content", lang))
                             for name in os.listdir(os.path.join(repo, "Content", lang)) if name.endswith(".md"))
        share = per_block * bundled_blocks / bundled * 100
        print(f"{args.blocks} kpi blocks: {with_blocks:.2f} s with, {without:.2f} s without -> {1 / per_block:,.0f} blocks per second")
        print(f"bundled publication: full build {bundled:.2f} s (site, no PDF); its {bundled_blocks} kpi blocks "
              f"take about {per_block * bundled_blocks * 1000:.1f} ms = {share:.1f} % of it (target: under 5 %)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
