"""The built sites themselves: every page well-formed, every interface string present in all six languages."""

import xml.etree.ElementTree as ElementTree


def test_the_six_language_fixture_builds_without_warnings(sites):
    # A missing interface string in any of the six languages would be a warning here.
    assert "0 errors, 0 warnings" in sites.six_warnings, sites.six_warnings


def test_every_page_is_well_formed(sites):
    pages = sorted(p for p in sites.root.rglob("*.html") if "pagefind" not in p.parts)
    assert len(pages) > 40
    for page in pages:
        text = page.read_text(encoding="utf-8").replace("<!DOCTYPE html>", "", 1)
        try:
            ElementTree.fromstring(text)
        except ElementTree.ParseError as error:
            raise AssertionError(f"{page.relative_to(sites.root)}: {error}") from error
