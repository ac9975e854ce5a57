"""The EPUB's page list: the print edition's page numbers, checked against the PDF folio builds beside
it (its page labels, read by pikepdf, and its text page by page, read by pdftotext), never against the
page marks folio took them from."""

import posixpath
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
import zipfile

import pikepdf
import pytest

from conftest import REPO, publication_facts, run_folio
from test_editions import chapter_files, epubcheck, front_matter_title, interface_strings

XHTML = "{http://www.w3.org/1999/xhtml}"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
OPF = "{http://www.idpf.org/2007/opf}"
LANGUAGES = ["en", "fr", "ru"]


@pytest.fixture(scope="session")
def printed(tmp_path_factory):
    """The bundled publication's PDFs and EPUBs, built together."""
    output = tmp_path_factory.mktemp("page-list") / "site"
    run_folio(REPO, output, "--formats", "pdf,epub", "--no-search")
    languages, _ = publication_facts(REPO)
    assert languages == LANGUAGES
    return output


def only(folder, pattern):
    found = list(folder.glob(pattern))
    assert len(found) == 1, (folder, pattern, found)
    return found[0]


def files(printed, language):
    return only(printed / language, "*.pdf"), only(printed / language, "*.epub")


def letters(text):
    """Only the letters, compatibility-folded: hyphenation, line and note numbers, spacing and
    ligatures (which pdftotext and XHTML render differently) do not count."""
    return "".join(c for c in unicodedata.normalize("NFKC", text) if c.isalpha()).lower()


def pdf_page_letters(pdf, page):
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          check=True, capture_output=True, text=True).stdout
    return letters(text)


class PageList:
    """The page list of an EPUB: its entries in order, each with the page-break marker it points to."""

    def __init__(self, epub):
        self.archive = zipfile.ZipFile(epub)
        opf_name = next(n for n in self.archive.namelist() if n.endswith(".opf"))
        self.opf = ET.fromstring(self.archive.read(opf_name))
        base = posixpath.dirname(opf_name)
        items = {i.get("id"): i for i in self.opf.iter(f"{OPF}item")}
        nav_item = next(i for i in items.values() if "nav" in (i.get("properties") or "").split())
        self.nav_name = posixpath.join(base, nav_item.get("href"))
        self.spine = [posixpath.join(base, items[r.get("idref")].get("href")) for r in self.opf.iter(f"{OPF}itemref")]
        nav = ET.fromstring(self.archive.read(self.nav_name))
        lists = [n for n in nav.iter(f"{XHTML}nav") if n.get(EPUB_TYPE) == "page-list"]
        self.nav = lists[0] if lists else None
        self.entries = []
        if self.nav is not None:
            for link in self.nav.iter(f"{XHTML}a"):
                target, fragment = link.get("href").split("#")
                self.entries.append((posixpath.normpath(posixpath.join(posixpath.dirname(self.nav_name), target)),
                                     fragment, "".join(link.itertext())))
        self.documents = {name: ET.fromstring(self.archive.read(name)) for name in self.spine}

    def markers(self):
        """Every page-break marker of the text, in reading order: (file, id, aria-label)."""
        found = []
        for name in self.spine:
            for span in self.documents[name].iter(f"{XHTML}span"):
                if span.get(EPUB_TYPE) == "pagebreak":
                    assert span.get("role") == "doc-pagebreak"
                    found.append((name, span.get("id"), span.get("aria-label")))
        return found

    def words_after(self, name, anchor, count=6):
        """The first words (of four letters or more) of the text that follows a marker in reading order."""
        root = self.documents[name]
        parents = {child: parent for parent in root.iter() for child in parent}
        node = next(s for s in root.iter(f"{XHTML}span") if s.get("id") == anchor)
        collected = ""
        while node is not None and len(words(collected)) < count:
            collected += node.tail or ""
            parent = parents.get(node)
            siblings = list(parent) if parent is not None else []
            for sibling in siblings[siblings.index(node) + 1:]:
                if sibling.get(EPUB_TYPE) == "pagebreak":
                    continue
                collected += " " + "".join(sibling.itertext()) + " " + (sibling.tail or "")
                if len(words(collected)) >= count:
                    break
            node = parent
        return words(collected)[:count]


def words(text):
    return [w for w in (letters(w) for w in text.split()) if len(w) >= 4]


def in_order(needles, haystack):
    """Whether the words appear in this order in the page's letters (the PDF adds page numbers to
    cross-references, which the EPUB does not have: the words are found in order, not side by side)."""
    position = 0
    for needle in needles:
        position = haystack.find(needle, position)
        if position < 0:
            return False
        position += len(needle)
    return True


@pytest.mark.parametrize("language", LANGUAGES)
def test_epub_has_the_print_editions_page_list_and_passes_epubcheck(printed, language):
    pdf, epub = files(printed, language)
    pages = PageList(epub)
    assert pages.nav is not None, "no <nav epub:type=\"page-list\"> in the navigation document"
    assert pages.nav.get("hidden") is not None
    assert pages.entries
    code, report = epubcheck(epub)
    assert "Messages: 0 fatals / 0 errors / 0 warnings" in report, report
    # The pagination's source is named, and the features announced.
    opf = ET.tostring(pages.opf, encoding="unicode")
    assert "pagination" in opf and pdf.name in opf
    assert "pageNavigation" in opf and "pageBreakMarkers" in opf


@pytest.mark.parametrize("language", LANGUAGES)
def test_page_list_numbers_are_the_pdfs_and_cover_every_page_of_the_chapters(printed, language):
    pdf, epub = files(printed, language)
    pages = PageList(epub)
    markers = pages.markers()
    # Every entry points at a marker, every marker has an entry, in the same (reading) order.
    assert [(name, anchor) for name, anchor, _ in markers] == [(name, anchor) for name, anchor, _ in pages.entries]
    physical = [int(anchor.removeprefix("pagebreak-")) for _, anchor, _ in pages.entries]
    assert physical == sorted(physical) and len(set(physical)) == len(physical), "entries out of order"
    with pikepdf.open(pdf) as document:
        labels = [page.label for page in document.pages]
        with document.open_outline() as tree:
            # The book's top-level bookmarks, in page order: contents, front matter, acronyms, chapters,
            # annexes, the reference list, the KPI annex.
            top = sorted((document.pages.index(pikepdf.Page(item.destination[0])) + 1, item.title) for item in tree.root
                         if isinstance(item.destination, pikepdf.Array))
    # The number shown is the one printed on that page of the PDF.
    for (_, _, shown), (_, _, aria), page in zip(pages.entries, markers, physical):
        assert shown == labels[page - 1] == aria, (page, shown, labels[page - 1])
    # The pages of the parts the EPUB carries (front matter, chapters, references, annexes: each from its bookmark to
    # the next one) are listed, but for blank ones (pdftotext finds no more letters there than the draft
    # mark's); no other page is.
    titles = [unicodedata.normalize("NFC", front_matter_title(path)) for path in chapter_files(REPO, language)]
    # The reference list, between the chapters and the annexes, is in the EPUB too.
    titles.append(unicodedata.normalize("NFC", interface_strings(language)["references_title"]))
    spans = [range(start, following) for (start, title), (following, _) in zip(top, top[1:])
             if any(wanted in unicodedata.normalize("NFC", title) for wanted in titles)]
    assert len(spans) == len(titles), (titles, top)
    parts = [page for span in spans for page in span]
    draft = min((pdf_page_letters(pdf, p) for p in parts), key=len)
    expected = [p for p in parts if len(pdf_page_letters(pdf, p)) > len(draft) + 20]
    assert expected and set(expected) <= set(physical), sorted(set(expected) - set(physical))
    assert set(physical) <= set(parts), sorted(set(physical) - set(parts))
    assert physical[0] == spans[0].start


@pytest.mark.parametrize("language", LANGUAGES)
def test_text_after_each_marker_is_on_its_page_or_runs_over_it(printed, language):
    pdf, epub = files(printed, language)
    pages = PageList(epub)
    physical = [int(anchor.removeprefix("pagebreak-")) for _, anchor, _ in pages.entries]
    text = {p: pdf_page_letters(pdf, p) for p in range(physical[0] - 1, physical[-1] + 1)}
    exact = 0
    for (name, anchor, _), page in zip(pages.entries, physical):
        start = pages.words_after(name, anchor)
        assert len(start) >= 4, (anchor, start)
        found = [p for p, letters_on_page in text.items() if in_order(start, letters_on_page)]
        assert found, f"'{start}' (after {anchor}) is on no page of the PDF"
        # On the page itself; or, for a page no block starts on, on a page before it (the block
        # that runs over it), never after it.
        assert min(found) <= page, (anchor, start, found)
        if page in found:
            exact += 1
    # Most pages start a heading or paragraph: their markers are exact.
    assert exact >= 0.75 * len(physical), (exact, len(physical))


def test_without_the_pdf_the_epub_has_no_page_list(tmp_path):
    output = tmp_path / "site"
    run_folio(REPO, output, "--formats", "epub", "--no-search", "--lang", "en")
    epub = only(output / "en", "*.epub")
    pages = PageList(epub)
    assert pages.nav is None and not pages.markers()
    opf = ET.tostring(pages.opf, encoding="unicode")
    assert "pageNavigation" not in opf and "source-of" not in opf
    code, report = epubcheck(epub)
    assert "Messages: 0 fatals / 0 errors / 0 warnings" in report, report


def test_page_list_builds_are_byte_identical(printed, tmp_path):
    again = tmp_path / "again"
    run_folio(REPO, again, "--formats", "pdf,epub", "--no-search")
    for language in LANGUAGES:
        epub = files(printed, language)[1]
        assert epub.read_bytes() == (again / language / epub.name).read_bytes(), epub.name
