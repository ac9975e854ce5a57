#!/usr/bin/env python3
"""Generates the benchmark corpus: one publication of N chapters in L languages, laid out twice from
the same Markdown files: as a folio project and as a Hugo multilingual site.

    generate_corpus.py OUT [--chapters 200] [--languages 6] [--seed 8] [--chapter-kb 42]
                           [--references 500 --citations 1000]

OUT/folio/   Content/ (publication.yml, kpis.yml, <lang>/NN-slug.md) + Templates/ copied from the repository
OUT/hugo/    hugo.toml, content/<lang>/ (the same files), layouts/ (chapter list, language links, TOC)

Each chapter has ~10 sections with sub-sections, footnotes, GFM tables, lists, emphasis, links to other
chapters and to the web, and 3 valid `kpi` blocks. A translation is made as translators make one: the
source's skeleton in its own words. Every structural choice (sections, paragraphs, sentence and phrase
lengths, emphasis, links and their targets, footnotes, tables, their cities and figures) is drawn from one
generator per chapter, shared by all languages; only the words come from a generator per language. So
the translations have the source's headings, links, footnotes, tables, numbers and `kpi` blocks (byte for
byte), and folio's parity checks find what they find in a real publication: nothing. The text is random
but seeded: the same arguments give the same bytes.

With --references and --citations the publication cites: Content/references.bib holds that many BibLaTeX
entries (people and organizations as authors, books, reports and articles, some with a DOI or URL), and
the source chapters hold that many citations in pandoc's syntax (`[@ref-12, p. 34]`), spread over the
chapters' paragraphs, every entry cited at least once; each translation cites as its source does.
"""
import argparse
import os
import random
import re
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vocabulary import CITIES, PUNCTUATION, words  # noqa: E402

LANGUAGES = ["en", "fr", "es", "ru", "ar", "zh"]
LANGUAGE_NAMES = {"en": "English", "fr": "Français", "es": "Español", "ru": "Русский", "ar": "العربية",
                  "zh": "中文"}
SECTIONS = 10
FOOTNOTES = 8
REPOSITORY = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class Writer:
    """Prose in one language: `shape` decides how many words and where the markup goes (shared by the
    translations of a chapter), `rng` which words (the language's own)."""

    def __init__(self, language, rng, shape=None):
        self.language = language
        self.rng = rng
        self.shape = shape or rng
        self.words = words(language)
        self.stop, self.comma, self.space = PUNCTUATION[language]
        self.drawn = 0  # words written so far: the language-independent measure of length

    def phrase(self, low, high):
        count = self.shape.randint(low, high)
        self.drawn += count
        return self.space.join(self.rng.choice(self.words) for _ in range(count))

    def title(self, low=3, high=7):
        text = self.phrase(low, high)
        return text[:1].upper() + text[1:]

    def sentence(self, inline):
        parts = [self.phrase(2, 7) for _ in range(self.shape.randint(2, 4))]
        for i in range(len(parts)):
            kind = inline()
            if kind:
                parts[i] = kind(parts[i])
        text = (self.comma + " ").join(parts) if self.space else self.comma.join(parts)
        return text[:1].upper() + text[1:] + self.stop


def chapter_slug(number, stem):
    return f"{number:03d}-{stem}"


def load_kpis():
    """(code, English name) of every KPI of the catalogue."""
    text = open(os.path.join(REPOSITORY, "Content", "kpis.yml"), encoding="utf-8").read()
    kpis = []
    for match in re.finditer(r'^  - code: "([^"]+)"\n    name:\n      en: "([^"]+)"', text, re.M):
        kpis.append((match.group(1), match.group(2)))
    if len(kpis) < 10:
        sys.exit("cannot read the KPI codes of Content/kpis.yml")
    return kpis


def kpi_block(rng, kpis):
    code, name = rng.choice(kpis)
    chart = rng.choice(["bar", "bar", "table"])
    cities = rng.sample(CITIES, rng.randint(3, 6))
    rows = "\n".join(
        f"  - {{city: {city}, year: {rng.randint(2015, 2021)}, value: {rng.uniform(1, 99):.2f}}}" for city in cities)
    return (f'```kpi\nkpi: "{code}"\ntitle: {name}\nchart: {chart}\n'
            f"source: U4SSC Factsheets and Verification Reports (2020)\ndata:\n{rows}\n```\n")


class Plan:
    """What every translation of one chapter shares: its structure, its kpi blocks and its citations."""

    def __init__(self, number, seed, kpis, citations=()):
        rng = random.Random(seed * 1_000_003 + number)
        self.citations = list(citations)
        self.number = number
        self.sections = [(rng.random() < 0.45, rng.randint(0, 2)) for _ in range(SECTIONS)]  # (table?, sub-sections)
        self.kpi_sections = sorted(rng.sample(range(1, SECTIONS), 3))
        self.kpis = {section: kpi_block(rng, kpis) for section in self.kpi_sections}
        self.lists = [rng.random() < 0.3 for _ in range(SECTIONS)]


# Bytes per word of the six languages' prose, on average (markup included): turns the chapter size
# asked for into a number of words, which every translation then shares.
BYTES_PER_WORD = 11.6


def chapter_text(plan, language, slugs, seed, target_bytes):
    shape = random.Random(f"{seed}/{plan.number}/shape")
    w = Writer(language, random.Random(f"{seed}/{plan.number}/{language}"), shape)
    footnote = [0]
    others = [s for s in slugs if s != slugs[plan.number - 1]]

    def inline():
        roll = shape.random()
        if roll < 0.08:
            return lambda t: f"*{t}*"
        if roll < 0.13:
            return lambda t: f"**{t}**"
        if roll < 0.17:
            target = shape.choice(others)
            return lambda t: f"[{t}]({target}.md)"
        if roll < 0.20:
            page = shape.randint(1, 999)
            return lambda t: f"[{t}](https://unece.org/housing/{page})"
        if roll < 0.22 and footnote[0] < FOOTNOTES:
            footnote[0] += 1
            n = footnote[0]
            return lambda t: f"{t}[^{n}]"
        if roll < 0.23:
            return lambda t: f"`{t}`"
        if roll < 0.24:
            return lambda t: f"~~{t}~~"
        if roll < 0.25:
            # A bare address ends at a space or ASCII punctuation: before an Arabic or Chinese comma the
            # translator writes it in angle brackets, or the comma (and, in Chinese, the text up to the
            # next space) would become part of it.
            return lambda t: f"{t} {address}"
        return None

    address = "https://www.unece.org/ssc" if w.comma.isascii() else "<https://www.unece.org/ssc>"

    pending = list(plan.citations)

    def paragraph():
        text = " ".join(w.sentence(inline) for _ in range(shape.randint(3, 7)))
        if pending:
            # A citation before the paragraph's last full stop, as authors write them.
            key, page = pending.pop(0)
            text = text[:-len(w.stop)] + f" [@{key}, p. {page}]" + w.stop
        return text + "\n"

    def table():
        columns = 4
        head = "| " + " | ".join(w.title(1, 2) for _ in range(columns)) + " |"
        align = "|:---|---:|:---:|---|"
        rows = []
        for _ in range(shape.randint(4, 8)):
            cells = [shape.choice(CITIES), f"{shape.uniform(0, 1000):.1f}", w.phrase(1, 3), f"*{w.phrase(1, 2)}*"]
            rows.append("| " + " | ".join(cells) + " |")
        return "\n".join([head, align] + rows) + "\n"

    def items(ordered):
        return "".join((f"{i + 1}. " if ordered else "- ") + w.sentence(inline) + "\n"
                       for i in range(shape.randint(3, 5)))

    title = w.title(4, 9)
    summary = w.sentence(lambda: None)
    out = ["---", f"title: \"{title}\"", f"summary: \"{summary}\"", "authors: [Lead consultant, UNECE secretariat]",
           "---", ""]
    words_per_section = target_bytes / BYTES_PER_WORD / SECTIONS
    for index, (has_table, subsections) in enumerate(plan.sections):
        section = [f"## {w.title()}\n"]
        start = w.drawn
        parts = 0
        while w.drawn - start < words_per_section:
            if parts == 1 and has_table:
                text = table()
            elif parts == 2 and plan.lists[index]:
                text = items(shape.random() < 0.5)
            elif parts == 3 and index in plan.kpis:
                text = plan.kpis[index]
                w.drawn += len(text) / BYTES_PER_WORD
            elif (parts == 4 and subsections >= 1) or (parts == 7 and subsections >= 2):
                text = f"### {w.title(2, 5)}\n"
            else:
                text = paragraph()
            section.append(text)
            parts += 1
        if index in plan.kpis and parts <= 3:
            section.append(plan.kpis[index])
        out.append("\n".join(section))
    while pending:
        out.append(paragraph())
    out.append("\n".join(f"[^{n}]: {w.sentence(lambda: None)} U4SSC, {2015 + n}, p. {n * 7}."
                         for n in range(1, footnote[0] + 1)) + "\n")
    return "\n".join(out)


def landing_text(language, seed):
    rng = random.Random(f"{seed}/landing/{language}")
    w = Writer(language, rng)
    return "\n".join(" ".join(w.sentence(lambda: None) for _ in range(5)) + "\n" for _ in range(3))


def bibliography(references, seed):
    """A BibLaTeX file of `references` entries: books, reports and articles by people or organizations."""
    rng = random.Random(f"{seed}/bibliography")
    english = words("en")
    entries = []
    for index in range(references):
        title = " ".join(rng.choice(english) for _ in range(rng.randint(4, 10))).capitalize()
        year = rng.randint(1995, 2021)
        if rng.random() < 0.4:
            author = "{" + rng.choice(["United Nations Economic Commission for Europe", "International Telecommunication Union",
                                       "United for Smart Sustainable Cities", "UN-Habitat", "World Bank"]) + "}"
        else:
            author = " and ".join(f"{rng.choice(english).capitalize()}, {rng.choice(english).capitalize()}"
                                  for _ in range(rng.randint(1, 4)))
        kind = rng.choice(["book", "report", "article"])
        fields = [f"  author = {{{author}}}", f"  title = {{{title}}}", f"  date = {{{year}}}"]
        if kind == "article":
            fields += [f"  journaltitle = {{{rng.choice(english).capitalize()} Studies}}", f"  volume = {{{rng.randint(1, 90)}}}",
                       f"  pages = {{{rng.randint(1, 200)}--{rng.randint(201, 400)}}}",
                       f"  doi = {{10.{rng.randint(1000, 9999)}/{rng.randint(100000, 999999)}}}"]
        else:
            fields += ["  publisher = {United Nations}", "  location = {Geneva}"]
            if rng.random() < 0.5:
                fields.append(f"  url = {{https://unece.org/publications/{index}}}")
        entries.append(f"@{kind}{{ref-{index},\n" + ",\n".join(fields) + ",\n}\n")
    return "% A synthetic bibliography for folio's benchmark (Benchmarks/generate_corpus.py).\n\n" + "\n".join(entries)


def citations_per_chapter(chapters, references, citations, seed):
    """The (key, page) citations of each chapter: `citations` in all, every entry cited at least once."""
    rng = random.Random(f"{seed}/citations")
    keys = [f"ref-{i % references}" for i in range(max(citations, references if citations else 0))][:citations]
    rng.shuffle(keys)
    plan = [[] for _ in range(chapters)]
    for position, key in enumerate(keys):
        plan[position % chapters].append((key, rng.randint(1, 400)))
    return plan


def publication_yml(languages, seed, cites=False):
    def titled(key, low, high):
        lines = [f"{key}:"]
        for language in languages:
            w = Writer(language, random.Random(f"{seed}/{key}/{language}"))
            lines.append(f"  {language}: \"{w.title(low, high)}\"")
        return "\n".join(lines)
    return "\n".join([
        "# A synthetic publication for folio's benchmark (Benchmarks/generate_corpus.py).",
        titled("title", 4, 8),
        titled("subtitle", 3, 6),
        "publisher:",
        "  en: United Nations Economic Commission for Europe",
        'year: "2020"',
        "source-language: en",
        "languages: [" + ", ".join(languages) + "]",
    ] + (["bibliography: references.bib", "csl: chicago-fullnote-bibliography"] if cites else []) + [""])


HUGO_CONFIG = """# The same publication as a Hugo multilingual site (Benchmarks/generate_corpus.py).
baseURL = "https://example.org/ssc/"
title = "Benchmark"
defaultContentLanguage = "en"
defaultContentLanguageInSubdir = true
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
enableRobotsTXT = false

[markup.goldmark.extensions]
  table = true
  strikethrough = true
  linkify = true
  taskList = true
  footnote = true
[markup.goldmark.renderer]
  unsafe = false
[markup.highlight]
  # `kpi` fences stay plain code blocks, as cmark-gfm renders them.
  codeFences = false
[markup.tableOfContents]
  startLevel = 2
  endLevel = 3
  ordered = true

[languages]
{languages}
"""

HUGO_BASEOF = """<!DOCTYPE html>
<html lang="{{ .Language.Lang }}" dir="{{ .Language.LanguageDirection | default "ltr" }}">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>{{ .Title }} — {{ .Site.Title }}</title>
<link rel="stylesheet" href="{{ "folio.css" | relURL }}" />
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .RelPermalink }}" />
{{ end }}
</head>
<body>
<header class="site-header"><a class="site-title" href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a>
<nav class="language-switcher"><ul>
{{ range .AllTranslations }}<li><a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}">{{ .Language.LanguageName }}</a></li>
{{ end }}</ul></nav>
</header>
{{ block "main" . }}{{ end }}
<footer class="site-footer"><p>© 2020 United Nations Economic Commission for Europe</p></footer>
</body>
</html>
"""

HUGO_SINGLE = """{{ define "main" }}
<div class="book">
<nav class="book-nav"><ol>
{{ $current := . }}{{ range .Site.RegularPages }}<li{{ if eq . $current }} class="current"{{ end }}><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}</ol></nav>
<main id="main" class="chapter">
<header class="chapter-header"><h1>{{ .Title }}</h1>{{ with .Params.summary }}<p class="chapter-summary">{{ . }}</p>{{ end }}</header>
<div class="prose chapter-body">
{{ .Content }}
</div>
<nav class="pager">{{ with .PrevInSection }}<a rel="prev" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a rel="next" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>
</main>
<aside class="page-toc">{{ .TableOfContents }}</aside>
</div>
{{ end }}
"""

HUGO_LIST = """{{ define "main" }}
<main id="main" class="home">
<h1>{{ .Site.Title }}</h1>
<div class="landing prose">{{ .Content }}</div>
<ol class="contents-list">
{{ range .Site.RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ with .Params.summary }}<p>{{ . }}</p>{{ end }}</li>
{{ end }}</ol>
</main>
{{ end }}
"""


def hugo_languages(languages, titles):
    blocks = []
    for weight, language in enumerate(languages, 1):
        direction = "rtl" if language == "ar" else "ltr"
        blocks.append(f"[languages.{language}]\n  contentDir = \"content/{language}\"\n  weight = {weight}\n"
                      f"  languageName = \"{LANGUAGE_NAMES[language]}\"\n  languageDirection = \"{direction}\"\n"
                      f"  title = \"{titles[language]}\"")
    return "\n".join(blocks)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out")
    parser.add_argument("--chapters", type=int, default=200)
    parser.add_argument("--languages", type=int, default=6, choices=range(1, len(LANGUAGES) + 1))
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--chapter-kb", type=int, default=36, help="approximate size of one chapter file")
    parser.add_argument("--references", type=int, default=0, help="entries of Content/references.bib (0: no bibliography)")
    parser.add_argument("--citations", type=int, default=0, help="citations in the source chapters (each translation too)")
    args = parser.parse_args()

    languages = LANGUAGES[:args.languages]
    kpis = load_kpis()
    slug_rng = random.Random(args.seed)
    english = words("en")
    slugs, seen = [], set()
    for number in range(1, args.chapters + 1):
        # The part after the number is the chapter's id: it must be unique.
        stem = "-".join(slug_rng.choice(english) for _ in range(3))
        while stem in seen:
            stem += "-" + slug_rng.choice(english)
        seen.add(stem)
        slugs.append(chapter_slug(number, stem))

    if os.path.exists(args.out):
        shutil.rmtree(args.out)
    folio = os.path.join(args.out, "folio")
    hugo = os.path.join(args.out, "hugo")
    shutil.copytree(os.path.join(REPOSITORY, "Templates"), os.path.join(folio, "Templates"))
    os.makedirs(os.path.join(folio, "Content"))
    shutil.copy(os.path.join(REPOSITORY, "Content", "kpis.yml"), os.path.join(folio, "Content", "kpis.yml"))
    cites = args.references > 0
    write(os.path.join(folio, "Content", "publication.yml"), publication_yml(languages, args.seed, cites))
    if cites:
        write(os.path.join(folio, "Content", "references.bib"), bibliography(args.references, args.seed))
    cited = citations_per_chapter(args.chapters, args.references, args.citations if cites else 0, args.seed)

    total = 0
    plans = [Plan(n, args.seed, kpis, cited[n - 1]) for n in range(1, args.chapters + 1)]
    for language in languages:
        landing = landing_text(language, args.seed)
        for root in (os.path.join(folio, "Content", language), os.path.join(hugo, "content", language)):
            write(os.path.join(root, "_index.md"), landing)
        for plan, slug in zip(plans, slugs):
            text = chapter_text(plan, language, slugs, args.seed, args.chapter_kb * 1024)
            total += len(text.encode("utf-8"))
            for root in (os.path.join(folio, "Content", language), os.path.join(hugo, "content", language)):
                write(os.path.join(root, slug + ".md"), text)

    titles = {language: Writer(language, random.Random(f"{args.seed}/site/{language}")).title(3, 6)
              for language in languages}
    write(os.path.join(hugo, "hugo.toml"), HUGO_CONFIG.replace("{languages}", hugo_languages(languages, titles)))
    write(os.path.join(hugo, "layouts", "_default", "baseof.html"), HUGO_BASEOF)
    write(os.path.join(hugo, "layouts", "_default", "single.html"), HUGO_SINGLE)
    write(os.path.join(hugo, "layouts", "_default", "list.html"), HUGO_LIST)
    os.makedirs(os.path.join(hugo, "static"), exist_ok=True)
    shutil.copy(os.path.join(REPOSITORY, "Templates", "assets", "folio.css"), os.path.join(hugo, "static", "folio.css"))
    pages = args.chapters * len(languages)
    print(f"{args.out}: {pages} chapter pages ({args.chapters} chapters × {len(languages)} languages), "
          f"{total / 1e6:.1f} MB of Markdown")


if __name__ == "__main__":
    main()
