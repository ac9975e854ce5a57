"""Screenshots of every kind of page at desktop and phone widths, for people to look at:
Tests/Browser/screenshots/ (not tracked by git)."""

import pytest
from selenium.webdriver.common.by import By

from browser_support import DESKTOP, PHONE, SCREENSHOTS, emulate_media, open_page, png_size, set_viewport, wait

PAGES = {
    "chooser": "bundled/index.html",
    "home": "bundled/en/index.html",
    "chapter-kpi": "bundled/en/cities-in-the-unece-region/index.html",
    "chapter-fallback-fr": "bundled/fr/urban-planning/index.html",
    "kpi-index": "bundled/en/kpis/index.html",
    "status": "bundled/status/index.html",
    "terms-ru": "bundled/ru/terms/index.html",
    "search-fr": "bundled/fr/search/index.html?q=logement",
    "search-zh": "six/zh/search/index.html?q=交通",
    "home-ar": "six/ar/index.html",
    "chapter-ar": "six/ar/digital-connectivity/index.html",
    "chapter-zh": "six/zh/introduction/index.html",
}


@pytest.mark.parametrize("size_name,size", [("desktop", DESKTOP), ("phone", PHONE)])
def test_screenshots(browser, sites, size_name, size):
    SCREENSHOTS.mkdir(exist_ok=True)
    set_viewport(browser, *size)
    for scheme in ["light", "dark"]:
        emulate_media(browser, color_scheme=scheme)
        for name, page in PAGES.items():
            if scheme == "dark" and name not in ("chapter-kpi", "chapter-ar", "search-fr"):
                continue
            open_page(browser, sites.url + page)
            if "search" in page:
                wait(browser).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".pagefind-ui__result"))
            picture = browser.get_screenshot_as_png()
            assert png_size(picture) == size, name
            suffix = "" if scheme == "light" else "-dark"
            (SCREENSHOTS / f"{name}-{size_name}{suffix}.png").write_bytes(picture)
