"""The reader's extras: copy a section's link, read offline from files, read without JavaScript."""

from urllib.parse import urlparse

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from browser_support import DESKTOP, PHONE, book_parts, computed, open_page, set_viewport, start_chromium, wait


def test_copy_link_to_a_section_copies_and_announces_it(browser, sites):
    url = sites.six("fr/introduction/index.html")
    origin = f"{urlparse(url).scheme}://{urlparse(url).netloc}"
    browser.execute_cdp_cmd("Browser.grantPermissions", {"origin": origin,
                            "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]})
    open_page(browser, url)
    announcer = browser.find_element(By.ID, "announcer")
    assert announcer.get_attribute("role") == "status" and announcer.get_attribute("aria-live") == "polite"
    assert announcer.text == ""
    link = browser.find_element(By.CSS_SELECTOR, "#pourquoi-elle-compte .self-link")
    browser.execute_script("arguments[0].focus()", link)
    assert link.is_displayed(), "a focused self-link is visible"
    link.send_keys(Keys.ENTER)
    wait(browser).until(lambda d: announcer.text == "Lien vers cette section copié")
    assert urlparse(browser.current_url).fragment == "pourquoi-elle-compte"
    copied = browser.execute_async_script("""
        var done = arguments[arguments.length - 1];
        navigator.clipboard.readText().then(done, function (e) { done('error: ' + e); });
    """)
    assert copied == url + "#pourquoi-elle-compte"


def test_the_site_reads_offline_from_files(browser, sites):
    open_page(browser, (sites.root / "bundled" / "index.html").as_uri())
    browser.find_element(By.CSS_SELECTOR, ".chooser-list a[hreflang='fr']").click()
    wait(browser).until(lambda d: d.current_url.endswith("/bundled/fr/index.html"))
    assert computed(browser, ".site-header", "border-bottom-style") == "solid", "the stylesheet loads from file://"
    browser.find_element(By.CSS_SELECTOR, ".contents-list li a[href$='introduction/index.html']").click()
    wait(browser).until(lambda d: d.current_url.endswith("/bundled/fr/introduction/index.html"))
    browser.find_element(By.CSS_SELECTOR, "a.pager-next").click()
    wait(browser).until(lambda d: d.current_url.endswith("/bundled/fr/cities-in-the-unece-region/index.html"))
    assert browser.find_element(By.CSS_SELECTOR, ".kpi-figure svg").is_displayed()
    # The header's search box leads to the search page, which explains why it cannot search here.
    browser.find_element(By.ID, "site-search-input").send_keys("logement", Keys.ENTER)
    wait(browser).until(lambda d: "/bundled/fr/search/index.html" in d.current_url)
    assert wait(browser).until(lambda d: d.find_element(By.ID, "search-offline").is_displayed())


@pytest.fixture
def without_javascript():
    driver = start_chromium(javascript=False)
    yield driver
    driver.quit()


def test_pages_work_without_javascript(without_javascript, sites):
    browser = without_javascript
    set_viewport(browser, *DESKTOP)
    open_page(browser, sites.bundled("en/cities-in-the-unece-region/index.html"))
    # book-nav.js would have opened the contents on a wide screen: it did not run.
    assert browser.find_element(By.ID, "book-nav-details").get_attribute("open") is None
    # The <details> is closed without its script; the stylesheet shows its content on wide screens.
    # (Selenium's is_displayed() takes any closed <details> for hidden: ask the browser's rendering.)
    rendered = browser.execute_script("""
        return Array.from(document.querySelectorAll('.book-nav ol a')).map(function (a) {
          var box = a.getBoundingClientRect();
          return a.checkVisibility() && box.width > 0 && box.height > 0;
        });""")
    assert rendered == [True] * len(book_parts("en")), "the contents show on wide screens"
    focused = browser.execute_script("""
        var a = document.querySelector('.book-nav ol a'); a.focus(); return document.activeElement === a;""")
    assert focused, "and their links take focus"
    heading = browser.find_element(By.CSS_SELECTOR, ".chapter-body h2")
    link = heading.find_element(By.CSS_SELECTOR, ".self-link")
    link.send_keys(Keys.ENTER)
    wait(browser).until(lambda d: urlparse(d.current_url).fragment == heading.get_attribute("id"))

    set_viewport(browser, *PHONE)
    open_page(browser, sites.bundled("en/cities-in-the-unece-region/index.html"))
    first = browser.find_element(By.CSS_SELECTOR, ".book-nav ol a")
    assert not first.is_displayed(), "phones start with the contents folded"
    browser.find_element(By.CSS_SELECTOR, ".book-nav-summary").click()
    wait(browser).until(lambda d: first.is_displayed())
