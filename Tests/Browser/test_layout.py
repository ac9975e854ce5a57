"""How pages are laid out: Arabic mirrored, print without navigation, phones with the contents folded
above the text, text resizable to 200% and reflowing at 320 px, dark mode."""

import pytest
from selenium.webdriver.common.by import By

from browser_support import PHONE, book_parts, computed, emulate_media, open_page, set_viewport, wait


def x_of(browser, selector):
    return browser.find_element(By.CSS_SELECTOR, selector).rect["x"]


def test_arabic_pages_are_mirrored(browser, sites):
    open_page(browser, sites.six("en/digital-connectivity/index.html"))
    assert x_of(browser, ".book-nav") < x_of(browser, "main")
    assert x_of(browser, ".site-title") < x_of(browser, ".language-switcher")

    open_page(browser, sites.six("ar/digital-connectivity/index.html"))
    html = browser.find_element(By.TAG_NAME, "html")
    assert html.get_attribute("dir") == "rtl" and html.get_attribute("lang") == "ar"
    assert x_of(browser, ".book-nav") > x_of(browser, "main"), "the book navigation belongs on the right"
    assert x_of(browser, ".site-title") > x_of(browser, ".language-switcher")
    assert computed(browser, ".chapter-body", "direction") == "rtl"
    # The chart is mirrored too: city names on the right of their bars, none hidden under them.
    label, bars = browser.execute_script("""
        var svg = document.querySelector('.kpi-chart');
        var label = Array.from(svg.querySelectorAll('text')).find(function (t) { return t.textContent === 'Karmøy'; });
        var bars = Array.from(svg.querySelectorAll('rect[width]')).filter(function (r) { return r.querySelector('title'); });
        return [label.getBoundingClientRect().left, Math.max.apply(null, bars.map(function (r) { return r.getBoundingClientRect().right; }))];
    """)
    assert label >= bars


HIDDEN_IN_PRINT = [".site-header", ".site-footer", ".book-nav", ".page-toc", ".pager", ".language-switcher",
                   ".site-search", ".skip-link"]


def test_print_hides_the_navigation(browser, sites):
    open_page(browser, sites.bundled("en/cities-in-the-unece-region/index.html"))
    on_screen = {selector: computed(browser, selector, "display") for selector in HIDDEN_IN_PRINT}
    assert on_screen[".book-nav"] != "none" and on_screen[".site-header"] != "none"

    emulate_media(browser, media="print")
    in_print = {selector: computed(browser, selector, "display") for selector in HIDDEN_IN_PRINT}
    assert in_print == {selector: "none" for selector in HIDDEN_IN_PRINT}
    assert computed(browser, "main", "display") != "none"
    assert browser.find_element(By.CSS_SELECTOR, ".chapter-header h1").is_displayed()
    assert browser.find_element(By.CSS_SELECTOR, ".kpi-figure").is_displayed()


def test_phone_folds_the_contents_above_the_text(browser, sites):
    set_viewport(browser, *PHONE)
    open_page(browser, sites.bundled("en/cities-in-the-unece-region/index.html"))
    details = browser.find_element(By.ID, "book-nav-details")
    wait(browser).until(lambda d: details.get_attribute("open") is None)
    heading = browser.find_element(By.CSS_SELECTOR, ".chapter-header h1")
    assert heading.rect["y"] < PHONE[1] / 2, "the chapter's title must be near the top of a phone's screen"
    first_chapter = browser.find_element(By.CSS_SELECTOR, ".book-nav ol a")
    assert not first_chapter.is_displayed()

    summary = browser.find_element(By.CSS_SELECTOR, ".book-nav-summary")
    assert summary.is_displayed() and summary.rect["y"] < heading.rect["y"]
    summary.click()
    wait(browser).until(lambda d: first_chapter.is_displayed())
    assert browser.execute_script("return document.documentElement.scrollWidth") <= PHONE[0]


def test_desktop_shows_the_contents_beside_the_text(browser, sites):
    open_page(browser, sites.bundled("en/cities-in-the-unece-region/index.html"))
    assert not browser.find_element(By.CSS_SELECTOR, ".book-nav-summary").is_displayed()
    links = browser.find_elements(By.CSS_SELECTOR, ".book-nav ol a")
    assert len(links) == len(book_parts("en")) and all(link.is_displayed() for link in links)


PAGES = ["bundled/index.html", "bundled/en/index.html", "bundled/en/cities-in-the-unece-region/index.html",
         "bundled/en/kpis/index.html", "bundled/status/index.html", "bundled/fr/search/index.html", "bundled/ru/terms/index.html",
         "six/ar/digital-connectivity/index.html", "six/zh/introduction/index.html"]


@pytest.mark.parametrize("width", [320, 640])
def test_pages_reflow_without_horizontal_scrolling(browser, sites, width):
    # 640 px is a 1280 px window zoomed to 200 %; 320 px is WCAG 2.1's reflow width. Wide tables scroll
    # inside their own focusable frame, never the page.
    set_viewport(browser, width, 800)
    for page in PAGES:
        open_page(browser, sites.url + page)
        overflow = browser.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{page} scrolls sideways by {overflow}px at {width}px"


def test_text_alone_resizes_to_200_percent(browser, sites):
    open_page(browser, sites.bundled("en/cities-in-the-unece-region/index.html"))
    before = float(computed(browser, ".chapter-body p", "font-size").rstrip("px"))
    browser.execute_script("document.documentElement.style.fontSize = '200%'")
    after = float(computed(browser, ".chapter-body p", "font-size").rstrip("px"))
    assert after == pytest.approx(2 * before)
    assert browser.execute_script("return document.documentElement.scrollWidth - window.innerWidth") <= 0
    assert browser.find_element(By.CSS_SELECTOR, ".chapter-header h1").is_displayed()


def test_dark_mode_follows_the_system_setting(browser, sites):
    open_page(browser, sites.bundled("en/introduction/index.html"))
    light = computed(browser, "body", "background-color")
    emulate_media(browser, color_scheme="dark")
    dark = computed(browser, "body", "background-color")
    assert light == "rgb(255, 255, 255)" and dark == "rgb(18, 21, 25)"
