#!/usr/bin/env python3
"""`make bench`: folio against Hugo and against the cmark-gfm floor, on the same Markdown.

For each corpus size (chapter pages = chapters × 6 languages) it runs, side by side and interleaved so
that the machine's noise falls on all three alike, after one untimed warm-up:

  folio   `folio build --no-pdf --no-search` (release build; Hugo makes no PDFs or search index) with
          FOLIO_TIMINGS=1, for the per-phase times
  Hugo    `hugo --quiet` on the same files laid out as a Hugo multilingual site
  floor   Debian's `cmark-gfm` command line rendering every chapter file to its own HTML file, with the
          GFM extensions folio enables: one process per file, two files at a time (this machine's
          cores, as folio and Hugo use them), as a shell loop a publisher would write

Every run starts from an empty output folder. Outputs go to memory (/dev/shm) unless --outputs says
otherwise: this machine's disk (ext4 without a journal) avoids reusing inodes deleted in the last one to
six minutes, so creating files after a previous run's outputs were deleted slows down run after run
(perf: half of a build's kernel time in find_inode_bit/recently_deleted), for every tool alike.
Wall-clock time comes from this script's clock, peak memory (maximum resident set size) from GNU time.
Then `folio serve` on the 1,200-page corpus: edits of one chapter timed from the save to the reload event
(Benchmarks/serve_latency.py). And the citation case: the same 1,200-page corpus citing a bibliography of
500 references 1,000 times (in every language), built by folio beside the corpus without citations: with
citeproc's cache empty (every language's citeproc runs) and with it filled by an earlier build.
The report quotes medians and writes Benchmarks/results.md.
"""
import argparse
import datetime
import glob
import hashlib
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, ".bench")
FOLIO = os.path.join(ROOT, ".build", "release", "folio")
# Another folio timed beside it (`--baseline`), or None.
BASELINE = None
GENERATOR = os.path.join(ROOT, "Benchmarks", "generate_corpus.py")
RESULTS = os.path.join(ROOT, "Benchmarks", "results.md")
CMARK_OPTIONS = "-e table -e strikethrough -e autolink -e tasklist -e footnotes"
LANGUAGES = 6
PHASES = ["load", "parse", "check", "render", "write", "commit", "total"]
# The citation case: a bibliography of this many entries, cited this many times in the source chapters
# (each translation cites as its source does).
REFERENCES, CITATIONS = 500, 1000
OUTPUTS = "/dev/shm/folio-bench" if os.access("/dev/shm", os.W_OK) else os.path.join(BENCH, "out")


def hugo_binary():
    found = sorted(glob.glob(os.path.join(ROOT, ".tools", "hugo", "hugo", "binaries", "hugo*")))
    if not found:
        sys.exit("Hugo is not installed in .tools/hugo: run `make bench`")
    return found[0]


def corpus(pages, references=0, citations=0):
    """Generates the corpus of `pages` chapter pages unless an identical one is already there."""
    chapters = pages // LANGUAGES
    folder = os.path.join(BENCH, f"corpus-{pages}" + (f"-cited-{references}-{citations}" if references else ""))
    digest = hashlib.sha256(f"{chapters}×{LANGUAGES}×{references}×{citations}".encode())
    for path in [GENERATOR, os.path.join(ROOT, "Benchmarks", "vocabulary.py"), os.path.join(ROOT, "Content", "kpis.yml")] \
            + sorted(glob.glob(os.path.join(ROOT, "Templates", "**", "*"), recursive=True)):
        if os.path.isfile(path):
            digest.update(open(path, "rb").read())
    stamp = os.path.join(folder, "stamp")
    if os.path.exists(stamp) and open(stamp).read() == digest.hexdigest():
        return folder
    subprocess.run([sys.executable, GENERATOR, folder, "--chapters", str(chapters), "--languages", str(LANGUAGES),
                    "--references", str(references), "--citations", str(citations)], check=True)
    with open(stamp, "w") as handle:
        handle.write(digest.hexdigest())
    return folder


def timed(command, cwd=None, env=None):
    """(seconds, peak RSS in MB, stderr) of one run; fails loudly if the command fails."""
    report = os.path.join(BENCH, "time.txt")
    start = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-v", "-o", report] + command, cwd=cwd, env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{done.stderr[-3000:]}")
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(report).read())
    return seconds, int(peak.group(1)) / 1024 if peak else float("nan"), done.stderr


def output(tool):
    """An empty output folder for one run of `tool`."""
    folder = os.path.join(OUTPUTS, tool)
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(OUTPUTS, exist_ok=True)
    return folder


def run_folio(folder, binary=None, cache=None):
    project = os.path.join(folder, "folio")
    # citeproc's cache (FOLIO_CACHE_DIR): a folder of the benchmark's own, never the user's.
    cache = cache or os.path.join(BENCH, "folio-cache")
    # The pages only: Hugo makes no PDFs and no search index either.
    seconds, peak, stderr = timed([binary or FOLIO, "build", project, "--output", output("folio"), "--no-pdf", "--no-search"],
                                  env=dict(os.environ, FOLIO_TIMINGS="1", FOLIO_CACHE_DIR=cache))
    if "0 errors" not in stderr:
        sys.exit(f"folio reported errors:\n{stderr[-3000:]}")
    phases = {m.group(1): float(m.group(2)) for m in re.finditer(r"^timing: (\w+) ([\d.]+) s", stderr, re.M)}
    return seconds, peak, phases


def run_hugo(folder):
    site = os.path.join(folder, "hugo")
    seconds, peak, _ = timed([hugo_binary(), "--quiet", "--source", site, "--destination", output("hugo"),
                              "--cacheDir", os.path.join(BENCH, "hugo-cache")])
    return seconds, peak


def floor_script(folder, out, render=True):
    content = os.path.join(folder, "folio", "Content")
    body = (f'n=${{f#{content}/}}; n=${{n%.md}}; cmark-gfm {CMARK_OPTIONS} "$f" > "{out}/${{n//\\//_}}.html"'
            if render else "cmark-gfm /dev/null > /dev/null")
    return (f"find {content} -name '*.md' -print0 | sort -z | "
            f"xargs -0 -n 100 -P 2 bash -c 'for f; do {body}; done' _")


def run_floor(folder, render=True):
    out = output("floor")
    os.makedirs(out)
    seconds, peak, _ = timed(["bash", "-c", floor_script(folder, out, render)])
    return seconds, peak


def markdown_megabytes(folder):
    total = 0
    for path in glob.glob(os.path.join(folder, "folio", "Content", "*", "*.md")):
        total += os.path.getsize(path)
    return total / 1e6


def median(values):
    return statistics.median(values) if values else float("nan")


def measure(pages, runs):
    folder = corpus(pages)
    print(f"\n{pages} pages ({markdown_megabytes(folder):.1f} MB of Markdown), {runs} runs after a warm-up", flush=True)
    run_folio(folder), run_hugo(folder), run_floor(folder)
    samples = {"folio": [], "hugo": [], "floor": [], "startup": [], "folio_mb": [], "hugo_mb": [], "phases": [],
               "baseline": []}
    if BASELINE:
        run_folio(folder, BASELINE)
    for index in range(runs):
        # The baseline runs before folio in odd rounds and after it in even ones: whichever runs
        # first after Hugo and the floor meets colder caches.
        if BASELINE and index % 2 == 1:
            samples["baseline"].append(run_folio(folder, BASELINE)[0])
        seconds, peak, phases = run_folio(folder)
        samples["folio"].append(seconds)
        samples["folio_mb"].append(peak)
        samples["phases"].append(phases)
        if BASELINE and index % 2 == 0:
            samples["baseline"].append(run_folio(folder, BASELINE)[0])
        seconds, peak = run_hugo(folder)
        samples["hugo"].append(seconds)
        samples["hugo_mb"].append(peak)
        samples["floor"].append(run_floor(folder)[0])
        samples["startup"].append(run_floor(folder, render=False)[0])
        print(f"  run {index + 1}: folio {samples['folio'][-1]:.2f} s, Hugo {samples['hugo'][-1]:.2f} s, "
              f"floor {samples['floor'][-1]:.2f} s"
              + (f", baseline folio {samples['baseline'][-1]:.2f} s" if BASELINE else ""), flush=True)
    result = {key: median(values) for key, values in samples.items() if key != "phases"}
    result["pages"] = pages
    result["megabytes"] = markdown_megabytes(folder)
    result["phases"] = {phase: median([p[phase] for p in samples["phases"] if phase in p]) for phase in PHASES}
    result["runs"] = runs
    return result


def measure_citations(pages, runs):
    """The corpus of `pages` pages without citations and citing REFERENCES entries CITATIONS times, built in the
    same rounds: citeproc with an empty cache (a first build, or one after the citations changed) and with the
    cache an earlier build filled (a build in which no citation changed)."""
    plain = corpus(pages)
    cited = corpus(pages, REFERENCES, CITATIONS)
    warm = os.path.join(BENCH, "citeproc-warm")
    cold = os.path.join(BENCH, "citeproc-cold")
    print(f"\ncitations: {REFERENCES} references × {CITATIONS} citations, {pages:,} pages, {runs} runs after a warm-up",
          flush=True)
    shutil.rmtree(warm, ignore_errors=True)
    run_folio(plain), run_folio(cited, cache=warm)
    samples = {"plain": [], "cold": [], "warm": [], "cold_step": [], "warm_step": [], "cold_mb": []}
    for index in range(runs):
        samples["plain"].append(run_folio(plain)[0])
        shutil.rmtree(cold, ignore_errors=True)
        seconds, peak, phases = run_folio(cited, cache=cold)
        samples["cold"].append(seconds)
        samples["cold_mb"].append(peak)
        samples["cold_step"].append(phases.get("citations", float("nan")))
        seconds, _, phases = run_folio(cited, cache=warm)
        samples["warm"].append(seconds)
        samples["warm_step"].append(phases.get("citations", float("nan")))
        print(f"  run {index + 1}: without citations {samples['plain'][-1]:.2f} s, citing {samples['cold'][-1]:.2f} s "
              f"(citeproc {samples['cold_step'][-1]:.2f} s), citing with citeproc's cache {samples['warm'][-1]:.2f} s "
              f"({samples['warm_step'][-1]:.2f} s)", flush=True)
    shutil.rmtree(cold, ignore_errors=True)
    result = {key: median(values) for key, values in samples.items()}
    result["pages"] = pages
    result["runs"] = runs
    return result


def measure_incremental(pages, edits):
    """Edit-to-reload latency of `folio serve` on the corpus of `pages` pages (Benchmarks/serve_latency.py):
    one English chapter edited `edits` times, each save timed until the reload event reaches a client."""
    folder = corpus(pages)
    project = os.path.join(folder, "folio")
    chapter = sorted(glob.glob(os.path.join(project, "Content", "en", "*.md")))[0]
    print(f"\nincremental rebuild: {edits} edits of {os.path.relpath(chapter, project)} under `folio serve`, "
          f"{pages:,} pages", flush=True)
    done = subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks", "serve_latency.py"), FOLIO, project,
                           os.path.relpath(chapter, project), "--edits", str(edits)],
                          capture_output=True, text=True, timeout=900)
    figures = dict(re.findall(r"^(median|p90): ([\d.]+) ms", done.stdout, re.M))
    if done.returncode != 0 or "median" not in figures:
        sys.exit(f"serve_latency.py failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    print(f"  median {figures['median']} ms, p90 {figures['p90']} ms", flush=True)
    return {"pages": pages, "edits": edits, "median": float(figures["median"]), "p90": float(figures["p90"])}


def command_output(command):
    try:
        return subprocess.run(command, capture_output=True, text=True).stdout.strip().splitlines()[0]
    except (OSError, IndexError):
        return "unknown"


def tables(results, incremental, citations=None):
    lines = ["| chapter pages | Markdown | runs | folio | Hugo | folio / Hugo | cmark-gfm floor | folio / floor "
             "| folio peak | Hugo peak | folio / Hugo memory | folio per page |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        lines.append(
            f"| {r['pages']:,} | {r['megabytes']:.0f} MB | {r['runs']} | {r['folio']:.2f} s | {r['hugo']:.2f} s "
            f"| {r['folio'] / r['hugo']:.2f} | {r['floor']:.2f} s | {r['folio'] / r['floor']:.2f} "
            f"| {r['folio_mb']:.0f} MB | {r['hugo_mb']:.0f} MB | {r['folio_mb'] / r['hugo_mb']:.2f} "
            f"| {r['folio'] / r['pages'] * 1000:.2f} ms |")
    if BASELINE:
        lines += ["", f"Side by side with another folio (`--baseline {BASELINE}`), in the same rounds:", "",
                  "| chapter pages | folio | baseline | folio / baseline |", "|---:|---:|---:|---:|"]
        for r in results:
            lines.append(f"| {r['pages']:,} | {r['folio']:.2f} s | {r['baseline']:.2f} s | {r['folio'] / r['baseline']:.3f} |")
    if incremental:
        lines += ["", f"Incremental rebuild in `folio serve` at {incremental['pages']:,} pages (one English chapter, "
                  f"{incremental['edits']} one-paragraph edits, each saved atomically as editors do; from the save to "
                  f"the live-reload event reaching a connected client, which includes the watcher's polling and "
                  f"settling): median **{incremental['median']:.0f} ms**, p90 {incremental['p90']:.0f} ms."]
    if citations:
        c = citations
        lines += ["", f"Citations at {c['pages']:,} pages: {REFERENCES} references cited {CITATIONS:,} times in the source "
                  f"chapters and as often in each translation (one citeproc run per language, "
                  f"chicago-fullnote-bibliography), medians of {c['runs']} runs:", "",
                  "| build | time | citation step | share of the build | against no citations |", "|---|---:|---:|---:|---:|",
                  f"| without citations | {c['plain']:.2f} s | | | |",
                  f"| citing, citeproc runs (empty cache) | {c['cold']:.2f} s | {c['cold_step']:.2f} s "
                  f"| {c['cold_step'] / c['cold'] * 100:.0f} % | {(c['cold'] / c['plain'] - 1) * 100:+.0f} % |",
                  f"| citing, no citation changed (cache) | {c['warm']:.2f} s | {c['warm_step']:.2f} s "
                  f"| {c['warm_step'] / c['warm'] * 100:.0f} % | {(c['warm'] / c['plain'] - 1) * 100:+.0f} % |",
                  "", f"Peak memory of the citing build with citeproc running: {c['cold_mb']:.0f} MB (folio's own; "
                  "each pandoc process is apart)."]
    lines += ["", "folio's phases (medians; `FOLIO_TIMINGS=1`; parse and write are summed over the threads that ran "
              "them in parallel, inside load and render):", "",
              "| chapter pages | " + " | ".join(PHASES) + " |", "|---:|" + "---:|" * len(PHASES)]
    for r in results:
        lines.append(f"| {r['pages']:,} | " + " | ".join(f"{r['phases'][p]:.2f} s" for p in PHASES) + " |")
    lines += ["", "cmark-gfm floor: of which starting the processes alone (the same loop on an empty file): "
              + ", ".join(f"{r['startup']:.2f} s at {r['pages']:,} pages" for r in results) + "."]
    return "\n".join(lines)


def measure_diff(pages, runs=9):
    """`folio diff` on the corpus's largest English chapter (about 50 printed pages at 6,000 pages) against
    its committed version, after a reviser's edits: a word changed in every seventh paragraph, one
    paragraph removed, the second section moved to the end. Median wall time of `runs` runs (target:
    under 200 ms, process start included)."""
    folder = corpus(pages)
    content = os.path.join(folder, "folio", "Content")
    source = max(glob.glob(os.path.join(content, "en", "*.md")), key=os.path.getsize)
    project = os.path.join(BENCH, "diff-project")
    shutil.rmtree(project, ignore_errors=True)
    os.makedirs(os.path.join(project, "Content", "en"))
    for name in ["publication.yml", "kpis.yml"]:
        if os.path.exists(os.path.join(content, name)):
            shutil.copy(os.path.join(content, name), os.path.join(project, "Content", name))
    target = os.path.join(project, "Content", "en", os.path.basename(source))
    shutil.copy(source, target)
    git = ["git", "-C", project, "-c", "user.email=bench@example.org", "-c", "user.name=bench"]
    subprocess.run(git[:3] + ["init", "-q"], check=True)
    subprocess.run(git + ["add", "-A"], check=True)
    subprocess.run(git + ["commit", "-qm", "reviewed"], check=True)
    text = open(target, encoding="utf-8").read()
    head, _, body = text.partition("\n---\n")
    sections = re.split(r"(?m)^(?=## )", body)
    if len(sections) > 3:
        sections.append(sections.pop(2))
    paragraphs = "".join(sections).split("\n\n")
    for index in range(0, len(paragraphs), 7):
        words = paragraphs[index].split(" ")
        if len(words) > 6 and not paragraphs[index].startswith(("#", "```", "|", "-", "[^")):
            words[3] = "revised"
            paragraphs[index] = " ".join(words)
    if len(paragraphs) > 20:
        del paragraphs[len(paragraphs) // 2]
    with open(target, "w", encoding="utf-8") as handle:
        handle.write(head + "\n---\n" + "\n\n".join(paragraphs))
    command = [FOLIO, "diff", "en/" + os.path.basename(source), project, "--since", "HEAD"]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)  # warm-up
    times = [timed(command)[0] for _ in range(runs)]
    kilobytes = os.path.getsize(source) / 1000
    print(f"folio diff on {os.path.basename(source)} ({kilobytes:.0f} kB): median {median(times) * 1000:.0f} ms", flush=True)
    return {"pages": pages, "file": os.path.basename(source), "kilobytes": kilobytes, "median": median(times)}


def main():
    global OUTPUTS
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="timed runs for each size up to 1,200 pages")
    parser.add_argument("--runs-large", type=int, default=3, help="timed runs for larger sizes")
    parser.add_argument("--pages", default="120,1200,6000", help="corpus sizes in chapter pages (multiples of 6)")
    parser.add_argument("--edits", type=int, default=20, help="edits timed for the incremental rebuild (0: skip it)")
    parser.add_argument("--outputs", help=f"where the tools write their sites (default {OUTPUTS})")
    parser.add_argument("--baseline", help="another folio binary (e.g. the commit before a change) timed in the same rounds")
    parser.add_argument("--diff-only", action="store_true", help="time only `folio diff` on the largest corpus's largest chapter")
    parser.add_argument("--citation-runs", type=int, default=3, help="timed runs of the citation case (0: skip it)")
    args = parser.parse_args()
    global BASELINE
    BASELINE = os.path.abspath(args.baseline) if args.baseline else None
    OUTPUTS = os.path.abspath(args.outputs) if args.outputs else OUTPUTS
    if not os.access(FOLIO, os.X_OK):
        sys.exit("folio is not built: run `make bench` (swift build -c release)")
    os.makedirs(BENCH, exist_ok=True)

    sizes = [int(p) for p in args.pages.split(",")]
    if args.diff_only:
        measure_diff(max(sizes))
        return
    try:
        results = [measure(pages, args.runs if pages <= 1200 else args.runs_large) for pages in sizes]
    finally:
        shutil.rmtree(OUTPUTS, ignore_errors=True)
    # The serve engine at 1,200 pages (the target's size), or at the largest size up to it.
    served = max((pages for pages in sizes if pages <= 1200), default=None)
    incremental = measure_incremental(served, args.edits) if served and args.edits > 0 else None
    try:
        citations = measure_citations(served, args.citation_runs) if served and args.citation_runs > 0 else None
    finally:
        shutil.rmtree(OUTPUTS, ignore_errors=True)
    redline = measure_diff(max(sizes))
    table = tables(results, incremental, citations) + (f"\n\n`folio diff` on the {redline['pages']:,}-page corpus's largest chapter "
                                            f"({redline['file']}, {redline['kilobytes']:.0f} kB), since its committed version after "
                                            f"a reviser's edits: **{redline['median'] * 1000:.0f} ms** median (target: under 200 ms).")
    print("\n" + table)

    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    commit = command_output(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"])
    # What the measured build is made of: documentation changes (this folder's README) do not count.
    changes = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--untracked-files=no", "--",
                              "Sources", "Templates", "Package.swift", "Benchmarks/*.py"],
                             capture_output=True, text=True).stdout.strip()
    dirty = " (with uncommitted changes)" if changes else ""
    kilobytes = sum(r["megabytes"] for r in results) * 1000 / sum(r["pages"] for r in results)
    header = f"""# folio benchmark

Generated by `make bench` (Benchmarks/bench.py) on {datetime.date.today().isoformat()}.

- Machine: {os.cpu_count()} cores ({cpu}), {platform.system()} {platform.release()}, shared and noisy: compare ratios, not seconds.
- folio {commit}{dirty}, release build; {command_output(["swift", "--version"])}
- Hugo: {command_output([hugo_binary(), "version"])}
- Floor: {command_output(["cmark-gfm", "--version"])}, options `{CMARK_OPTIONS}`

## Method

- Corpus (Benchmarks/generate_corpus.py, seeded): N chapters × 6 languages (en, fr, es, ru, ar, zh), each chapter
  about {kilobytes:.0f} kB: ~10 sections with sub-sections, footnotes, GFM tables, lists, emphasis, links and 3 `kpi` blocks
  (identical in every translation). A translation keeps its source's skeleton (sections, tables, footnotes,
  links, numbers) in its own words, as a translator's would, so folio's checks find nothing to report.
  The same Markdown files are built by folio (Content/ + the repository's
  Templates/) and by Hugo (contentDir per language; a layout with the chapter list, language links and table of
  contents; `kpi` fences stay code blocks; no syntax highlighting, taxonomies, RSS or sitemap). folio builds the
  pages only (`--no-pdf --no-search`): Hugo makes no print edition and no search index.
- Every run starts from an empty output folder, in {OUTPUTS}{" (memory)" if OUTPUTS.startswith("/dev/shm") else ""};
  the three tools run one after the other in each round, after one untimed warm-up round; the table gives
  medians. Time is wall-clock; peak memory is GNU time's maximum resident set size. Outputs go to memory because
  this machine's disk (ext4 without a journal) avoids reusing recently deleted inodes: after each run's outputs
  are deleted, creating the next run's files gets slower, for every tool (perf: `find_inode_bit` and
  `recently_deleted` in the kernel); the input files are read from disk (page cache).
- Floor: Debian's `cmark-gfm` renders each chapter file into its own HTML file, one process per file, two at a
  time (`find | xargs -P 2 bash -c 'for f; do cmark-gfm … "$f" > out/….html; done'`). That is the least work
  that turns these files into HTML with the same parser; it has no templates, navigation, checks or KPI figures.
  Process start-up is part of it (measured separately below). Debian's command line enables footnotes with
  `-e footnotes` (it has no `--footnotes` option).

## Results

"""
    with open(RESULTS, "w") as handle:
        handle.write(header + table + "\n")
    print(f"\nwritten to {os.path.relpath(RESULTS, ROOT)}")


if __name__ == "__main__":
    main()
