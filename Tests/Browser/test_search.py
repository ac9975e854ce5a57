"""Search with Pagefind: one index per language, stemming, Chinese segmentation, results linking to the
section, no navigation or draft marks in the index, and a clear notice where search cannot work."""

from urllib.parse import unquote, urlparse

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from browser_support import emulate_media, open_page, wait

RESULT_LINKS = ".pagefind-ui__result-link"


def results(browser):
    """The result and sub-result links, once Pagefind has shown them."""
    wait(browser).until(lambda d: d.find_elements(By.CSS_SELECTOR, RESULT_LINKS))
    return browser.find_elements(By.CSS_SELECTOR, RESULT_LINKS)


def pagefind_count(browser, bundle_url, term):
    """How many pages Pagefind's own API finds for `term` in the page's language."""
    count = browser.execute_async_script("""
        var done = arguments[arguments.length - 1], term = arguments[1];
        import(arguments[0]).then(function (pagefind) { return pagefind.search(term); })
          .then(function (found) { done(found.results.length); }, function (e) { done('error: ' + e); });
    """, bundle_url + "pagefind.js", term)
    assert isinstance(count, int), count
    return count


def test_french_search_from_the_header_box_finds_the_stem_and_opens_the_section(browser, sites):
    open_page(browser, sites.six("fr/digital-connectivity/index.html"))
    box = browser.find_element(By.ID, "site-search-input")
    # "logements" (plural) is not in the text; "logement" is: French stemming finds it.
    box.send_keys("logements", Keys.ENTER)
    wait(browser).until(lambda d: "/six/fr/search/index.html?q=logements" in d.current_url)
    links = results(browser)
    hrefs = [link.get_attribute("href") for link in links]
    assert all("/six/fr/" in href for href in hrefs), hrefs
    section = next(link for link in links if link.get_attribute("href").endswith("/six/fr/introduction/#pourquoi-elle-compte"))
    assert "logement" in browser.find_element(By.CSS_SELECTOR, ".pagefind-ui__results").text.lower()
    section.click()
    wait(browser).until(lambda d: urlparse(d.current_url).path.endswith("/six/fr/introduction/"))
    assert urlparse(browser.current_url).fragment == "pourquoi-elle-compte"
    # The heading, numbered as its section: "1.2 Pourquoi elle compte".
    assert browser.find_element(By.ID, "pourquoi-elle-compte").text == "1.2 Pourquoi elle compte"
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "fr"


def test_chinese_search_segments_words_and_opens_the_section(browser, sites):
    # 交通 (transport) stands inside longer runs of characters (公共交通, 交通和水务): found only if segmented.
    open_page(browser, sites.six("zh/search/index.html?q=交通"))
    links = results(browser)
    hrefs = [unquote(link.get_attribute("href")) for link in links]
    assert all("/six/zh/" in href for href in hrefs), hrefs
    section = next(link for link in links if unquote(link.get_attribute("href")).endswith("/six/zh/introduction/#为什么重要"))
    section.click()
    wait(browser).until(lambda d: urlparse(d.current_url).path.endswith("/six/zh/introduction/"))
    assert unquote(urlparse(browser.current_url).fragment) == "为什么重要"
    assert browser.find_element(By.ID, "为什么重要").text == "1.2 为什么重要"
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "zh"


def test_results_stay_in_the_readers_language(browser, sites):
    # "U4SSC" is in every language's chapter 2; each language's search finds only its own page.
    for language in ["en", "es", "ar"]:
        open_page(browser, sites.six(f"{language}/search/index.html?q=U4SSC"))
        hrefs = [link.get_attribute("href") for link in results(browser)]
        assert hrefs and all(f"/six/{language}/" in href for href in hrefs), hrefs


def test_the_search_ui_speaks_the_pages_language(browser, sites):
    placeholders = {}
    for language in ["en", "fr", "zh", "ar"]:
        open_page(browser, sites.six(f"{language}/search/index.html"))
        field = wait(browser).until(lambda d: d.find_element(By.CSS_SELECTOR, ".pagefind-ui__search-input"))
        placeholders[language] = field.get_attribute("placeholder")
    assert len(set(placeholders.values())) == 4, placeholders


def test_navigation_language_switcher_and_draft_marks_are_not_indexed(browser, sites):
    open_page(browser, sites.bundled("en/search/index.html"))
    bundle = sites.bundled("pagefind/")
    assert pagefind_count(browser, bundle, "sustainable") > 0, "control: the index answers"
    # The draft banner ("Draft — not for citation"), the language switcher, the skip link and the
    # "On this page" list are on every chapter page, but not in the index.
    for term in ["citation", "Français", "Русский", "Skip"]:
        assert pagefind_count(browser, bundle, term) == 0, term


def test_search_page_says_search_needs_a_web_server_when_opened_from_files(browser, sites):
    open_page(browser, (sites.root / "six" / "fr" / "search" / "index.html").as_uri())
    notice = browser.find_element(By.ID, "search-offline")
    assert notice.is_displayed()
    assert "serveur web" in notice.text
    assert not browser.find_elements(By.CSS_SELECTOR, ".pagefind-ui__search-input")


def relative_luminance(rgb):
    channels = [c / 255 for c in rgb]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first, second):
    lighter, darker = sorted([relative_luminance(first), relative_luminance(second)], reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def rgb(css):
    """'rgb(1, 2, 3)' or 'rgba(1, 2, 3, 1)' as (1, 2, 3)."""
    return tuple(int(float(part)) for part in css[css.index("(") + 1:css.index(")")].split(",")[:3])


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_result_highlight_meets_aa_contrast_in_the_sites_colours(browser, sites, scheme):
    emulate_media(browser, color_scheme=scheme)
    open_page(browser, sites.bundled("fr/search/index.html?q=logement"))
    wait(browser).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".pagefind-ui__result-excerpt mark"))
    marks = browser.execute_script("""
        return Array.from(document.querySelectorAll('.pagefind-ui__result-excerpt mark')).map(function (mark) {
          var style = getComputedStyle(mark);
          return {text: mark.textContent, color: style.color, background: style.backgroundColor,
                  page: getComputedStyle(document.body).backgroundColor};
        });""")
    assert marks
    for mark in marks:
        assert not mark["background"].startswith("rgba(0, 0, 0, 0"), f"{scheme}: the highlight has no background: {mark}"
        ratio = contrast(rgb(mark["color"]), rgb(mark["background"]))
        assert ratio >= 4.5, f"{scheme}: '{mark['text']}' at {ratio:.2f}:1 ({mark})"
        assert rgb(mark["background"]) != rgb(mark["page"]), f"{scheme}: the highlight does not stand out: {mark}"
        # The site's highlight, not the browser's yellow (glaring in dark mode).
        assert rgb(mark["background"]) != (255, 255, 0), f"{scheme}: {mark}"
