"""Reading the publication: home → chapter → next chapter, the language switcher, keyboard only."""

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from browser_support import active_element_description, open_page, wait


def test_home_to_chapter_to_next_chapter(browser, sites):
    open_page(browser, sites.bundled("en/index.html"))
    # Chapter 1, after the front matter (foreword, acknowledgements, executive summary).
    first = browser.find_element(By.CSS_SELECTOR, ".contents-list li a[href$='introduction/index.html']")
    first_title = first.find_element(By.CSS_SELECTOR, ".contents-title").text
    first.click()
    wait(browser).until(lambda d: d.current_url.endswith("/bundled/en/introduction/index.html"))
    assert browser.find_element(By.CSS_SELECTOR, ".chapter-header h1").text == first_title

    following = browser.find_element(By.CSS_SELECTOR, "a.pager-next")
    next_title = following.find_element(By.CSS_SELECTOR, ".pager-title").text
    following.click()
    wait(browser).until(lambda d: d.current_url.endswith("/bundled/en/cities-in-the-unece-region/index.html"))
    assert browser.find_element(By.CSS_SELECTOR, ".chapter-header h1").text == next_title
    assert browser.find_element(By.CSS_SELECTOR, ".book-nav li.current a").get_attribute("aria-current") == "page"


def test_language_switcher_lands_on_the_same_chapter(browser, sites):
    open_page(browser, sites.six("fr/digital-connectivity/index.html"))
    assert browser.find_element(By.CSS_SELECTOR, ".chapter-header h1").text == "Connectivité numérique"
    browser.find_element(By.CSS_SELECTOR, "#language-switcher a[hreflang='ru']").click()
    wait(browser).until(lambda d: d.current_url.endswith("/six/ru/digital-connectivity/index.html"))
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "ru"
    assert browser.find_element(By.CSS_SELECTOR, ".chapter-header h1").text == "Цифровая связь"
    current = browser.find_element(By.CSS_SELECTOR, "#language-switcher .current")
    assert current.get_attribute("aria-current") == "page" and current.text == "Русский"


def tab(browser):
    ActionChains(browser).send_keys(Keys.TAB).perform()
    return active_element_description(browser)


def test_skip_link_moves_focus_into_main(browser, sites):
    open_page(browser, sites.bundled("en/cities-in-the-unece-region/index.html"))
    focused = tab(browser)
    assert "skip-link" in focused["className"]
    skip = browser.switch_to.active_element
    assert skip.is_displayed() and skip.rect["y"] >= 0, "the focused skip link must be on screen"
    assert focused["outline"] != "none" and focused["outlineWidth"] >= 2, "focus must be visible"
    skip.send_keys(Keys.ENTER)
    wait(browser).until(lambda d: d.execute_script("return document.activeElement.id") == "main")
    # The next Tab continues inside the chapter, not back in the header.
    assert tab(browser)["inMain"]


def test_language_switcher_and_next_chapter_are_reachable_by_keyboard(browser, sites):
    open_page(browser, sites.bundled("en/introduction/index.html"))
    seen = []
    switcher_link = next_link = None
    for _ in range(400):
        focused = tab(browser)
        seen.append(focused)
        assert focused["outline"] != "none", f"no visible focus on {focused}"
        if focused["inSwitcher"] and switcher_link is None:
            switcher_link = focused
        if focused["rel"] == "next":
            next_link = focused
            break
    assert switcher_link is not None, "Tab never reached the language switcher"
    assert next_link is not None, "Tab never reached the next-chapter link"
    assert next_link["href"].endswith("cities-in-the-unece-region/index.html")
    # The language switcher's links come before the chapter, right after the header's search box.
    order = [f["inSwitcher"] for f in seen]
    assert order.index(True) < 8

    # Enter on the focused next-chapter link follows it.
    browser.switch_to.active_element.send_keys(Keys.ENTER)
    wait(browser).until(lambda d: d.current_url.endswith("/en/cities-in-the-unece-region/index.html"))

    # And Enter on a language in the switcher opens the same chapter in that language.
    for _ in range(20):
        focused = tab(browser)
        if focused["inSwitcher"] and focused["href"]:
            break
    assert focused["inSwitcher"]
    browser.switch_to.active_element.send_keys(Keys.ENTER)
    wait(browser).until(lambda d: d.current_url.endswith("/cities-in-the-unece-region/index.html")
                        and "/en/" not in d.current_url)
