"""Search with Pagefind: one index per language, stemming, Chinese segmentation, results linking to the
section, no navigation or draft marks in the index, and a clear notice where search cannot work."""

from urllib.parse import unquote, urlparse

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from browser_support import open_page, wait

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
    assert browser.find_element(By.ID, "pourquoi-elle-compte").text.startswith("Pourquoi elle compte")
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
    assert browser.find_element(By.ID, "为什么重要").text.startswith("为什么重要")
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
