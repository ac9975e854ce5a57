"""The Word and EPUB editions, read by real readers: EPUBCheck, LibreOffice (DOCX -> PDF -> pdftotext),
python-docx and the EPUB's own XML. Expected values come from the Markdown sources and from the site
folio builds beside the editions (its lists of figures), never from the editions themselves."""

import html
import os
import re
import shutil
import subprocess
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

import docx
import pytest
import yaml
from docx.oxml.ns import qn

from conftest import REPO, SIX, run_folio

EPUBCHECK = "/usr/share/java/epubcheck.jar"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def normalized(text):
    """Whitespace collapsed; the bidirectional controls pdftotext puts around right-to-left runs left out,
    and the space LibreOffice sets between Chinese and Latin letters or digits (its autospacing) too."""
    text = " ".join(re.sub("[\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", text).split())
    cjk = "\u3000-\u9fff\uff00-\uffef"
    return re.sub(f"(?<=[{cjk}]) (?=[0-9A-Za-z])|(?<=[0-9A-Za-z]) (?=[{cjk}])", "", text)


def front_matter_title(path):
    match = re.search(r"^title:\s*(.+)$", path.read_text(encoding="utf-8"), re.M)
    return match.group(1).strip().strip('"').strip("'")


def chapter_files(project, language):
    """Each part of the book in its order (the front matter publication.yml lists, the numbered chapters,
    the annexes), as the language's book shows it: its translation, else the source."""
    source = project / "Content/en"
    front = (yaml.safe_load((project / "Content/publication.yml").read_text("utf-8")) or {}).get("front-matter") or []
    annexes = sorted(source.glob("annex-*.md"), key=lambda path: int(path.stem.split("-")[1]))
    files = []
    for path in [source / f"{name}.md" for name in front] + sorted(source.glob("[0-9][0-9]-*.md")) + annexes:
        translated = project / f"Content/{language}/{path.name}"
        files.append(translated if translated.exists() else path)
    return files


def part_slug(path):
    """The page a part's file becomes: '01-introduction' → introduction, 'annex-1-methodology' → methodology."""
    if re.match(r"[0-9]{2}-", path.stem):
        return path.stem[3:]
    return re.sub(r"^annex-[0-9]+-", "", path.stem)


def element_labels(built, language):
    """'Figure 2.1', 'Table 1.1', 'Box 3.1'…: the labels the site's list page shows (the HTML renderer's)."""
    page = built.output / language / "lists/index.html"
    if not page.exists():
        return []
    return [html.unescape(label) for label in re.findall(r'<span class="element-label">([^<]+)</span>', page.read_text("utf-8"))]


def document_xml(path, part="word/document.xml"):
    with zipfile.ZipFile(path) as archive:
        return archive.read(part).decode("utf-8") if part in archive.namelist() else ""


def epub_part(path, name):
    with zipfile.ZipFile(path) as archive:
        return archive.read(name).decode("utf-8")


def epub_names(path):
    with zipfile.ZipFile(path) as archive:
        return archive.namelist()


# --- EPUBCheck --------------------------------------------------------------------------------------

def epubcheck(path):
    result = subprocess.run(["java", "-jar", EPUBCHECK, str(path)], capture_output=True, text=True, timeout=300)
    return result.returncode, result.stdout + result.stderr


@pytest.mark.parametrize("language", ["en", "fr", "ru"])
def test_bundled_epub_passes_epubcheck(bundled, language):
    code, report = epubcheck(bundled.epub(language))
    assert "Messages: 0 fatals / 0 errors / 0 warnings" in report, report
    assert code == 0


@pytest.mark.parametrize("language", ["ar", "en", "es", "fr", "ru", "zh"])
def test_six_language_epub_passes_epubcheck(six, language):
    code, report = epubcheck(six.epub(language))
    assert "Messages: 0 fatals / 0 errors / 0 warnings" in report, report
    assert code == 0


def test_epubcheck_finds_a_broken_epub(bundled, tmp_path):
    """The check can fail: an EPUB whose navigation document is gone is reported."""
    broken = tmp_path / "broken.epub"
    with zipfile.ZipFile(bundled.epub("en")) as source, zipfile.ZipFile(broken, "w") as target:
        for info in source.infolist():
            if not info.filename.endswith("nav.xhtml"):
                target.writestr(info, source.read(info.filename))
    code, report = epubcheck(broken)
    assert code != 0 and "0 errors" not in report


# --- LibreOffice: every DOCX opens and shows titles, figure numbers and footnotes --------------------

def as_pdftotext_writes_arabic(text):
    """pdftotext gives right-to-left lines with lam-alef ligatures as alef then lam, and the parts of a
    number like "2-1" in visual order ("1-2"): the same text, as it comes out."""
    text = re.sub("\u0644([\u0622\u0623\u0625\u0627])", "\\1\u0644", text)
    return re.sub(r"\d+(?:[-.]\d+)+", lambda m: "".join(reversed(re.split(r"([-.])", m.group(0)))), text)


def expect_in_pdf(text, expected, what, right_to_left=False):
    flat = normalized(text)
    missing = [item for item in expected
               if normalized(item) not in flat
               and not (right_to_left and normalized(as_pdftotext_writes_arabic(item)) in flat)]
    assert not missing, f"{what} not in LibreOffice's PDF: {missing}"


@pytest.mark.parametrize("publication", ["bundled", "six"])
def test_libreoffice_shows_chapter_titles_figure_numbers_and_footnotes(request, publication):
    built = request.getfixturevalue(publication)
    for language in built.languages:
        text = built.pdf_text[language]
        titles = [front_matter_title(path) for path in chapter_files(built.project, language)]
        assert titles
        expect_in_pdf(text, titles, f"{language} chapter titles", right_to_left=language == "ar")
        labels = element_labels(built, language)
        assert labels, f"the {language} site lists no figures"
        expect_in_pdf(text, labels, f"{language} figure, table and box numbers", right_to_left=language == "ar")


def test_libreoffice_shows_every_footnote_of_the_six_language_fixture(six):
    # Every footnote of the fixture carries a tag ([N_<lang>_<chapter>.<nn>]) that the PDF must show.
    for language in six.languages:
        sources = "".join(path.read_text("utf-8") for path in chapter_files(six.project, language))
        tags = sorted(set(re.findall(r"\[(N_[a-z]{2}_\d+\.\d+)\]", sources)))
        assert len(tags) >= 4
        expect_in_pdf(six.pdf_text[language], tags, f"{language} footnotes", right_to_left=language == "ar")


# --- python-docx: named styles, footnotes, tracked changes ------------------------------------------

def paragraph_styles(path):
    return [paragraph.style.name for paragraph in docx.Document(str(path)).paragraphs]


def test_docx_uses_the_named_un_styles(bundled):
    document = docx.Document(str(bundled.docx("en")))
    names = {style.name for style in document.styles}
    for name in ["UN Body", "UN Heading 1", "UN Heading 2", "UN Footnote Text", "UN Box", "UN Box Title", "UN Source",
                 "UN Table Caption", "UN Figure Caption"]:
        assert name in names
    used = {paragraph.style.name for paragraph in document.paragraphs}
    for name in ["UN Heading 1", "UN Heading 2", "UN Body", "UN Box", "UN Source", "UN Chapter Summary"]:
        assert name in used, f"no paragraph in {name}: {sorted(used)}"
    titles = [p.text for p in document.paragraphs if p.style.name == "UN Heading 1"]
    for title in (front_matter_title(path) for path in chapter_files(REPO, "en")):
        assert any(title in heading for heading in titles), (title, titles)


def footnote_calls(path):
    body = path.read_text("utf-8").split("\n---\n", 1)[-1]
    return len(re.findall(r"\[\^[^\]\s]+\](?!:)", body))


def page_tree(path):
    """A page of the site as XML (folio writes well-formed pages)."""
    return ET.fromstring(path.read_text("utf-8"))


def text_without(element, skip):
    """The element's text, without the subtrees `skip` selects."""
    parts = [element.text or ""]
    for child in element:
        if not skip(child):
            parts.append(text_without(child, skip))
        parts.append(child.tail or "")
    return "".join(parts)


def web_notes(built, language):
    """Every note of the chapter pages in book order, as the site shows it (its links back left out),
    and whether a citation calls it."""
    notes = []
    for path in chapter_files(built.project, language):
        root = page_tree(built.output / language / part_slug(path) / "index.html")
        citing = {a.get("href", "")[1:] for span in root.iter("span") if span.get("class") == "citation" for a in span.iter("a")}
        for section in (s for s in root.iter("section") if s.get("id") == "footnotes"):
            for item in section.iter("li"):
                text = text_without(item, lambda e: "footnote-backref" in (e.get("class") or ""))
                notes.append((normalized(text), item.get("id") in citing))
    return notes


def docx_notes(path):
    """The DOCX's footnotes in the order the text calls them, as text (deleted text included, as the
    site shows a reviewer's deletion struck through)."""
    order = re.findall(r'<w:footnoteReference w:id="(\d+)"', document_xml(path))
    texts = {}
    for note in ET.fromstring(document_xml(path, "word/footnotes.xml")).iter(W + "footnote"):
        texts[note.get(W + "id")] = normalized("".join(e.text or "" for e in note.iter() if e.tag in (W + "t", W + "delText")))
    return [texts[identifier] for identifier in order]


@pytest.mark.parametrize("language", ["en", "fr", "ru"])
def test_docx_footnotes_are_word_footnotes(bundled, language):
    calls = sum(footnote_calls(path) for path in chapter_files(REPO, language))
    web = web_notes(bundled, language)
    # The chapters' own notes, and in the note style each citation in the text calls a note of its own.
    assert len([note for note, citing in web if not citing]) == calls > 0
    assert len([note for note, citing in web if citing]) >= 10
    document = document_xml(bundled.docx(language))
    notes = document_xml(bundled.docx(language), "word/footnotes.xml")
    # Word's separators are footnotes -1/0; each call is a footnote reference with its note.
    assert document.count("<w:footnoteReference ") == len(web)
    assert len(re.findall(r'<w:footnote (?:[^>]*\s)?w:id="[1-9]\d*"', notes)) == len(web)


@pytest.mark.parametrize("language", ["en", "fr", "ru"])
def test_docx_notes_read_as_the_sites_citations_included(bundled, language):
    """citeproc ran once for the language: a citation's Word footnote is the site's note, word for word,
    numbered among the chapter's own notes in the same order."""
    assert docx_notes(bundled.docx(language)) == [note for note, _ in web_notes(bundled, language)]


def web_references(built, language):
    root = page_tree(built.output / language / "references/index.html")
    return [(div.get("id"), normalized("".join(div.itertext()))) for div in root.iter("div") if div.get("class") == "csl-entry"]


@pytest.mark.parametrize("language", ["en", "fr", "ru"])
def test_docx_and_epub_close_the_main_text_with_the_sites_reference_list(bundled, language):
    web = web_references(bundled, language)
    assert len(web) >= 20
    document = docx.Document(str(bundled.docx(language)))
    entries = [normalized(p.text) for p in document.paragraphs if p.style.name == "UN Bibliography"]
    assert entries == [text for _, text in web]
    # After the last chapter and before the annexes, as the print edition orders them.
    strings = interface_strings(language)
    annex = normalized(strings["annex_number"].replace("{n}", "I"))
    headings = [(i, normalized(p.text)) for i, p in enumerate(document.paragraphs) if p.style.name == "UN Heading 1"]
    references = next(i for i, text in headings if text == normalized(strings["references_title"]))
    first_annex = next(i for i, text in headings if text.startswith(annex))
    last_chapter = max(i for i, text in headings if text.startswith(normalized(strings["chapter_number"].split("{n}")[0])))
    assert last_chapter < references < first_annex, headings
    toc = [text for text, _ in epub_toc(bundled.epub(language))]
    assert toc.index(normalized(strings["references_title"])) < next(i for i, t in enumerate(toc) if t.startswith(annex)), toc
    # In the EPUB: a bibliography section of its own, each entry with the id the citations link to.
    epub = bundled.epub(language)
    pages = {name: epub_part(epub, name) for name in epub_names(epub) if name.endswith(".xhtml")}
    bibliography = [name for name, page in pages.items() if 'epub:type="bibliography"' in page and not name.endswith("nav.xhtml")]
    assert len(bibliography) == 1, bibliography
    root = ET.fromstring(pages[bibliography[0]])
    found = [(div.get("id"), normalized("".join(div.itertext()))) for div in root.iter(XHTML + "div")
             if "csl-entry" in (div.get("class") or "").split()]
    assert found == web
    # The notes' links to entries lead into that section.
    links = set(re.findall(r'href="([^"]*#ref-[^"]+)"', "".join(pages.values())))
    assert links and all(link.startswith(bibliography[0].rsplit("/", 1)[-1] + "#") for link in links), links


# --- The imprint and the list of acronyms, from publication.yml and acronyms.yml ----------------------

IMPRINT_KEYS = ["isbn", "eisbn", "issn", "sales-number", "symbol", "doi"]


def publication_yml(project=REPO):
    return yaml.safe_load((project / "Content/publication.yml").read_text("utf-8"))


def interface_strings(language):
    return yaml.safe_load((REPO / f"Templates/i18n/{language}.yml").read_text("utf-8"))


def expected_identifiers(publication, strings):
    """"ISBN 978-… (placeholder)": each identifier publication.yml sets, labelled, marked in a draft."""
    placeholders = set(publication.get("placeholder-identifiers") or [])
    return [f"{strings['identifier_' + key.replace('-', '_')]} {publication[key]}"
            + (f" ({strings['identifier_placeholder']})" if key in placeholders else "")
            for key in IMPRINT_KEYS if key in publication]


def web_acronyms(built, language):
    """(acronym, expansion) in the order the site's list of acronyms shows them."""
    root = page_tree(built.output / language / "acronyms/index.html")
    dl = next(d for d in root.iter("dl") if d.get("class") == "acronyms")
    terms = [normalized("".join(e.itertext())) for e in dl if e.tag == "dt"]
    expansions = [normalized("".join(e.itertext())) for e in dl if e.tag == "dd"]
    return list(zip(terms, expansions))


def acronyms_yml(language):
    """The entries of Content/<language>/acronyms.yml, as written (one `- SHORT: expansion` each)."""
    entries = yaml.safe_load((REPO / f"Content/{language}/acronyms.yml").read_text("utf-8"))["acronyms"]
    return {normalized(str(short)): normalized(str(expansion)) for entry in entries for short, expansion in entry.items()}


@pytest.mark.parametrize("language", ["en", "fr", "ru"])
def test_docx_opens_with_the_imprint(bundled, language):
    publication, strings = publication_yml(), interface_strings(language)
    paragraphs = [(p.style.name, normalized(p.text)) for p in docx.Document(str(bundled.docx(language))).paragraphs]
    headings = [text for style, text in paragraphs if style == "UN Heading 1"]
    # Its own section, before the first part of the book and after the draft mark.
    assert headings[0] == strings["imprint_title"], headings[:3]
    assert front_matter_title(chapter_files(REPO, language)[0]) in headings[1]
    imprint = paragraphs.index(("UN Heading 1", strings["imprint_title"]))
    assert [style for style, _ in paragraphs[:imprint]].count("UN Draft Mark") == 1
    identifiers = [text for style, text in paragraphs if style == "UN Imprint Identifier"]
    assert identifiers == expected_identifiers(publication, strings)
    # "How to cite": its heading, then the citation with the title, the ISBN and the DOI.
    cite = paragraphs.index(("UN Imprint Heading", strings["how_to_cite"]))
    style, citation = paragraphs[cite + 1]
    assert style == "UN Imprint"
    title = normalized(publication["title"][language])
    assert title.split(":")[0] in citation
    assert f"ISBN {publication['isbn']}." in citation and citation.endswith(f"https://doi.org/{publication['doi']}")
    body = [text for style, text in paragraphs if style == "UN Imprint"]
    assert normalized(publication["copyright"][language]) in body
    assert normalized(publication["credits"][language]) in body
    assert ("UN Imprint Heading", strings["credits_title"]) in paragraphs
    assert normalized(strings["print_disclaimer"]) in body


@pytest.mark.parametrize("language", ["en", "fr", "ru"])
def test_docx_lists_the_acronyms_between_the_front_matter_and_chapter_1(bundled, language):
    strings = interface_strings(language)
    listed = web_acronyms(bundled, language)
    # The site's list is acronyms.yml's, entry for entry.
    assert dict(listed) == acronyms_yml(language) and len(listed) >= 10
    paragraphs = [(p.style.name, normalized(p.text)) for p in docx.Document(str(bundled.docx(language))).paragraphs]
    terms = [text for style, text in paragraphs if style == "UN Definition Term"]
    expansions = [text for style, text in paragraphs if style == "UN Definition"]
    assert list(zip(terms, expansions)) == listed
    u4ssc = acronyms_yml(language).get("U4SSC")
    assert u4ssc and ("U4SSC", u4ssc) in zip(terms, expansions)
    headings = [text for style, text in paragraphs if style == "UN Heading 1"]
    front = len(publication_yml().get("front-matter") or [])
    titles = [front_matter_title(path) for path in chapter_files(REPO, language)]
    position = headings.index(strings["acronyms_title"])
    assert titles[front - 1] in headings[position - 1] and titles[front] in headings[position + 1], headings
    # The list stands between its heading and chapter 1's.
    first_term = paragraphs.index(("UN Definition Term", listed[0][0]))
    assert paragraphs.index(("UN Heading 1", strings["acronyms_title"])) < first_term < next(
        index for index, (style, text) in enumerate(paragraphs) if style == "UN Heading 1" and titles[front] in text)


def epub_toc(epub):
    """The navigation document's table of contents: its entries' texts and targets, in order."""
    nav = ET.fromstring(epub_part(epub, "EPUB/nav.xhtml"))
    toc = next(n for n in nav.iter(XHTML + "nav") if n.get("{http://www.idpf.org/2007/ops}type") == "toc")
    return [(normalized("".join(a.itertext())), a.get("href")) for a in toc.iter(XHTML + "a")]


@pytest.mark.parametrize("language", ["en", "fr", "ru"])
def test_epub_navigation_lists_the_imprint_and_the_acronyms(bundled, language):
    publication, strings = publication_yml(), interface_strings(language)
    epub = bundled.epub(language)
    toc = epub_toc(epub)
    texts = [text for text, _ in toc]
    titles = [front_matter_title(path) for path in chapter_files(REPO, language)]
    front = len(publication.get("front-matter") or [])
    imprint, acronyms = texts.index(strings["imprint_title"]), texts.index(strings["acronyms_title"])
    # An entry reads "Foreword", or "Chapter 1 Introduction": the title ends it.
    first, chapter1 = (next(i for i, text in enumerate(texts) if text.endswith(normalized(titles[n]))) for n in (0, front))
    assert imprint < first < acronyms < chapter1, texts
    # The imprint's page is a section marked as the imprint, with the identifiers and the citation.
    imprint_page = ET.fromstring(epub_part(epub, "EPUB/" + toc[imprint][1].split("#")[0]))
    sections = [s for s in imprint_page.iter(XHTML + "section") if s.get("{http://www.idpf.org/2007/ops}type") == "imprint"]
    assert len(sections) == 1
    text = normalized(" ".join("".join(p.itertext()) for p in sections[0].iter(XHTML + "p")))
    assert all(identifier in text for identifier in expected_identifiers(publication, strings)), text
    assert f"https://doi.org/{publication['doi']}" in text and normalized(publication["copyright"][language]) in text
    # The acronyms' page: a definition list in the site's order.
    acronyms_page = ET.fromstring(epub_part(epub, "EPUB/" + toc[acronyms][1].split("#")[0]))
    dl = next(acronyms_page.iter(XHTML + "dl"))
    found = list(zip((normalized("".join(e.itertext())) for e in dl if e.tag == XHTML + "dt"),
                     (normalized("".join(e.itertext())) for e in dl if e.tag == XHTML + "dd")))
    assert found == web_acronyms(bundled, language)


def reviewer_of(path):
    match = re.search(r'by:\s*"([^"]+)"', path.read_text("utf-8"))
    return match.group(1)


def test_draft_docx_carries_criticmarkup_as_tracked_changes_by_the_reviewer(bundled):
    chapter = REPO / "Content/en/05-governance.md"
    reviewer = reviewer_of(chapter)
    old, new = re.search(r"\{~~(.+?)~>(.+?)~~\}", chapter.read_text("utf-8")).groups()
    document = docx.Document(str(bundled.docx("en")))
    body = document.element.body
    insertions = [e for e in body.iter(qn("w:ins")) if e.get(qn("w:author")) == reviewer]
    deletions = [e for e in body.iter(qn("w:del")) if e.get(qn("w:author")) == reviewer]
    inserted = ["".join(t.text or "" for t in e.iter(qn("w:t"))) for e in insertions]
    deleted = ["".join(t.text or "" for t in e.iter(qn("w:delText"))) for e in deletions]
    assert new in inserted, inserted
    assert old in deleted, deleted
    # Each change is dated (the review's date).
    assert all(e.get(qn("w:date"), "").startswith("2020-") for e in insertions + deletions)
    # The reviewer's comment is a Word comment on the highlighted sentence.
    comment = re.search(r"\{>>(.+?)<<\}", chapter.read_text("utf-8")).group(1)
    # An attributed comment (`{>>NAME YYYY-MM-DD: text<<}`) is its author's, its text without the attribution.
    attribution = re.match(r"(.+?) (\d{4}-\d{2}-\d{2}): ", comment)
    author = attribution.group(1) if attribution else reviewer
    text = comment[attribution.end():] if attribution else comment
    comments = document_xml(bundled.docx("en"), "word/comments.xml")
    assert f'w:author="{author}"' in comments
    assert normalized(text)[:40] in normalized(re.sub(r"<[^>]+>", "", comments))
    assert "<w:commentRangeStart" in document_xml(bundled.docx("en"))


def test_release_docx_has_no_tracked_changes_and_a_release_refuses_them(tmp_path):
    project = tmp_path / "six"
    shutil.copytree(SIX, project)
    release = run_folio(project, tmp_path / "release", "--release", "--formats", "docx")
    released = next((tmp_path / "release/en").glob("*-en.docx"))
    for part in ["word/document.xml", "word/footnotes.xml"]:
        xml = document_xml(released, part)
        assert "<w:ins " not in xml and "<w:del " not in xml
    assert document_xml(released, "word/comments.xml").count("<w:comment ") == 0
    assert release.returncode == 0
    # A reviewer's insertion: the draft shows it as a tracked change (no review recorded: "Reviewer"),
    # the release is refused while it is there.
    chapter = project / "Content/en/01-cities-and-the-2030-agenda.md"
    text = chapter.read_text("utf-8")
    paragraph = re.search(r"\n\n([A-Z][^\n]{40,})\n", text)
    edited = text.replace(paragraph.group(1), paragraph.group(1) + "{++ Cities are where the SDGs are won or lost.++}", 1)
    chapter.write_text(edited, "utf-8")
    run_folio(project, tmp_path / "draft", "--formats", "docx")
    draft = document_xml(next((tmp_path / "draft/en").glob("*-en.docx")))
    assert re.search(r'<w:ins [^>]*w:author="Reviewer"', draft)
    refused = run_folio(project, tmp_path / "refused", "--release", "--formats", "docx", check=False)
    assert refused.returncode == 1
    assert not (tmp_path / "refused").exists()


# --- Right to left ------------------------------------------------------------------------------------

def test_arabic_docx_and_epub_are_right_to_left(six):
    xml = document_xml(six.docx("ar"))
    body = xml.split("<w:body>", 1)[1]
    paragraphs = re.findall(r"<w:p>.*?</w:p>|<w:p .*?</w:p>", body, re.S)
    arabic = [p for p in paragraphs if re.search(r"[\u0600-\u06FF]", "".join(re.findall(r"<w:t[^>]*>([^<]*)<", p)))]
    assert len(arabic) >= 10
    without_bidi = [p[:200] for p in arabic if "<w:bidi" not in p and 'w:val="Title"' not in p and 'w:val="Subtitle"' not in p]
    assert not without_bidi, without_bidi
    assert all("<w:rtl" in p for p in arabic)
    # The English edition is left to right.
    assert "<w:bidi" not in document_xml(six.docx("en"))
    opf = epub_part(six.epub("ar"), "EPUB/content.opf")
    assert 'page-progression-direction="rtl"' in opf
    chapters = [n for n in epub_names(six.epub("ar")) if re.match(r"EPUB/text/ch\d+\.xhtml", n)]
    assert chapters and all('dir="rtl"' in epub_part(six.epub("ar"), n) for n in chapters)


# --- EPUB accessibility ---------------------------------------------------------------------------------

@pytest.mark.parametrize("language", ["en", "fr", "ru"])
def test_epub_is_accessible(bundled, language):
    epub = bundled.epub(language)
    opf = epub_part(epub, "EPUB/content.opf")
    for prop in ["schema:accessMode", "schema:accessModeSufficient", "schema:accessibilityFeature",
                 "schema:accessibilityHazard", "schema:accessibilitySummary"]:
        assert f'property="{prop}"' in opf, prop
    # EPUB Accessibility 1.1's conformance statement, by the publisher named in publication.yml.
    assert '<meta property="dcterms:conformsTo">EPUB Accessibility 1.1 - WCAG 2.1 Level AA</meta>' in opf
    publisher = re.search(rf"^publisher:\n(?:  \w\w: .*\n)*?  {language}: (.+)$",
                          (REPO / "Content/publication.yml").read_text("utf-8"), re.M).group(1)
    assert f'<meta property="a11y:certifiedBy">{html.escape(publisher, quote=False)}</meta>' in opf
    assert f"<dc:language>{language}</dc:language>" in opf
    assert re.search(r"<dc:identifier[^>]*>urn:uuid:[0-9a-f-]{36}</dc:identifier>", opf)
    nav = epub_part(epub, "EPUB/nav.xhtml")
    assert 'epub:type="toc"' in nav
    entries = normalized(html.unescape(re.sub(r"<[^>]+>", " ", nav)))
    titles = [front_matter_title(path) for path in chapter_files(REPO, language)]
    assert all(normalized(title) in entries for title in titles), (titles, entries)
    images = 0
    for name in epub_names(epub):
        if name.endswith(".xhtml"):
            page = epub_part(epub, name)
            assert re.search(r'<html [^>]*lang="[a-z]', page), name
            for image in re.findall(r"<img [^>]*>", page):
                images += 1
                assert re.search(r'alt="[^"]{10,}"', image), image
    assert images >= 1


def test_epub_embeds_arabic_and_chinese_fonts(six):
    arabic = [n for n in epub_names(six.epub("ar")) if n.startswith("EPUB/fonts/")]
    chinese = [n for n in epub_names(six.epub("zh")) if n.startswith("EPUB/fonts/")]
    assert any("NotoNaskhArabic" in n for n in arabic), arabic
    assert any("NotoSerifCJK" in n for n in chinese), chinese
    # The Chinese font is cut to the glyphs the edition uses.
    with zipfile.ZipFile(six.epub("zh")) as archive:
        assert archive.getinfo(chinese[0]).file_size < 2_000_000
    assert not [n for n in epub_names(six.epub("en")) if n.startswith("EPUB/fonts/")]


# --- The site links them; they are the same bytes each time; without pandoc, a warning -----------------

def test_chapter_pages_link_every_edition_built(bundled):
    page = (bundled.output / "fr/introduction/index.html").read_text("utf-8")
    for extension in ["docx", "epub"]:
        href = f"../../fr/{bundled.slug}-fr.{extension}"
        assert f'href="{href}"' in page, extension
        assert (bundled.output / "fr/introduction" / href).resolve().exists()
    # No PDF was built in this build, so none is linked.
    assert ".pdf\"" not in page


def test_two_builds_give_byte_identical_editions(bundled, tmp_path):
    run_folio(REPO, tmp_path / "again", "--formats", "docx,epub")
    for language in bundled.languages:
        for edition in [bundled.docx(language), bundled.epub(language)]:
            again = tmp_path / "again" / language / edition.name
            assert again.read_bytes() == edition.read_bytes(), edition.name


def test_without_pandoc_one_warning_and_the_site_is_built(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "HOME": os.environ.get("HOME", "/root"), "FOLIO_PYTHON": "/usr/bin/python3"}
    result = run_folio(SIX, tmp_path / "site", "--formats", "site,docx,epub", env=env)
    warnings = [line for line in result.stderr.splitlines() if "warning:" in line and "pandoc" in line]
    assert len(warnings) == 1, result.stderr
    assert (tmp_path / "site/en/index.html").exists()
    assert not list((tmp_path / "site/en").glob("*.docx"))


def test_an_unknown_format_is_refused(tmp_path):
    result = run_folio(SIX, tmp_path / "site", "--formats", "site,word", check=False)
    assert result.returncode != 0
    assert "'word' is not a format" in result.stderr
    assert not (tmp_path / "site").exists()
