"""The home page as a reader sees it in WeChat on a phone: search box, skip link, language switch,
no sideways scrolling, no axe-core violations."""

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).parent / "screenshots"


def screenshot(page, name):
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


def test_home_page_has_search_box_and_skip_link(phone, server_url):
    response = phone.goto(server_url + "/")
    assert response.status == 200
    screenshot(phone, "home-zh")
    search = phone.get_by_role("combobox", name="检索馆藏")
    assert search.is_visible()
    # The skip link is the first thing a keyboard reaches, and it becomes visible when it is.
    phone.keyboard.press("Tab")
    focused = phone.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    assert phone.get_by_role("link", name="跳到主要内容").is_visible()
    phone.keyboard.press("Enter")
    assert phone.evaluate("document.activeElement.id") == "main"


def test_search_box_submits_to_catalogue_search(phone, server_url):
    # A whole word between punctuation: fragments of Chinese text need the Chinese-aware analysis
    # that comes with the catalogue search (see README, "Search").
    phone.goto(server_url + "/")
    phone.get_by_role("combobox", name="检索馆藏").fill("银杏街")
    phone.keyboard.press("Enter")
    phone.wait_for_url("**/catalogue/search/?q=*")
    assert phone.get_by_role("link", name="银杏街、滨江两处城市阅书房投入使用").is_visible()
    screenshot(phone, "search-zh")


def test_language_switcher_goes_to_english_translation(phone, server_url):
    phone.goto(server_url + "/news/reading-month-opens/")
    phone.get_by_role("link", name="English").click()
    phone.wait_for_url(server_url + "/en/news/reading-month-opens/")
    assert phone.locator("h1").inner_text() == "Reading Yunxi Month opens"
    screenshot(phone, "article-en")


CATALOGUE_PAGES = [
    "/catalogue/search/?q=平凡的世界",
    "/catalogue/search/?q=余华&available=on",
    "/catalogue/search/?q=平反的世界",
    "/catalogue/R00001/",
    "/en/catalogue/search/?q=pfdsj",
    "/books/",
    "/books/children-summer/",
    "/en/books/teens-world-book-day/",
    "/reading-month/",
    "/en/reading-month/",
    "/reading-month/survey/",
    "/catalogue/purchase-suggestions/",
    "/catalogue/purchase-suggestions/status/?code=NOSUCHCODE",
]


@pytest.mark.parametrize(
    "path", ["/", "/en/", "/news/", "/privacy/", "/catalogue/search/?q=阅读", "/no-such-page/", *CATALOGUE_PAGES]
)
def test_pages_fit_a_phone_screen(phone, server_url, path):
    phone.goto(server_url + path)
    overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 390px"


@pytest.mark.parametrize(
    "path", ["/", "/en/", "/news/", "/news/reading-month-opens/", "/catalogue/search/?q=阅读", *CATALOGUE_PAGES]
)
def test_no_axe_violations(phone, server_url, path):
    from axe_playwright_python.sync_playwright import Axe

    phone.goto(server_url + path)
    results = Axe().run(phone)
    violations = [(v["id"], v["impact"], len(v["nodes"])) for v in results.response["violations"]]
    assert violations == [], f"{path}: {violations}"


@pytest.mark.parametrize("path", ["/", "/en/news/reading-month-opens/"])
def test_page_works_at_200_percent_zoom(browser, server_url, path):
    # Zooming a 390 px wide phone screen to 200 % leaves a layout 195 CSS px wide.
    context = browser.new_context(viewport={"width": 195, "height": 422}, device_scale_factor=4)
    page = context.new_page()
    page.goto(server_url + path)
    assert page.locator("form[role=search] input").is_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 200 % zoom"
    if path == "/":
        screenshot(page, "home-zoom-200")
    context.close()


def test_catalogue_search_on_a_phone(phone, server_url):
    phone.goto(server_url + "/")
    phone.get_by_label("检索馆藏").fill("pfdsj")
    phone.get_by_label("检索馆藏").press("Enter")
    first = phone.locator(".book").first
    assert "平凡的世界" in first.inner_text()
    screenshot(phone, "catalogue-results")
    first.locator("a").first.click()
    assert phone.locator(".holdings").is_visible()
    screenshot(phone, "catalogue-record")


def test_typeahead_offers_titles_as_the_reader_types(phone, server_url):
    phone.goto(server_url + "/")
    search = phone.get_by_role("combobox", name="检索馆藏")
    search.press_sequentially("pfdsj", delay=30)  # pinyin initials typed without an IME
    option = phone.get_by_role("option", name="平凡的世界").first
    option.wait_for()
    assert search.get_attribute("aria-expanded") == "true"
    screenshot(phone, "typeahead")
    search.press("ArrowDown")
    assert search.get_attribute("aria-activedescendant") == "site-search-suggestions-0"
    search.press("Enter")
    phone.wait_for_url("**/catalogue/*/")
    assert phone.locator("h1").inner_text().startswith("平凡的世界")
    # Escape closes the list; Enter then searches as usual.
    phone.goto(server_url + "/")
    search = phone.get_by_role("combobox", name="检索馆藏")
    search.press_sequentially("红楼", delay=30)
    phone.get_by_role("option").first.wait_for()
    search.press("Escape")
    assert search.get_attribute("aria-expanded") == "false"
    search.press("Enter")
    phone.wait_for_url("**/catalogue/search/?q=*")


def test_campaign_and_reading_list_on_a_phone(phone, server_url):
    phone.goto(server_url + "/reading-month/")
    assert phone.locator(".countdown").is_visible()
    screenshot(phone, "campaign-zh")
    phone.get_by_role("link", name="暑假少儿书单：和书一起长大").click()
    phone.wait_for_url("**/books/children-summer/")
    # Every book the list holds (its JSON-LD counts them as search engines read them).
    listed = phone.locator("script[type='application/ld+json']").evaluate_all(
        "scripts => scripts.map(s => JSON.parse(s.textContent)).filter(d => d['@type'] === 'ItemList')"
    )
    assert phone.locator("li.book").count() == len(listed[0]["itemListElement"]) > 0
    screenshot(phone, "reading-list-zh")


def test_purchase_suggestion_on_a_phone(phone, server_url):
    phone.goto(server_url + "/catalogue/purchase-suggestions/")
    phone.locator("#id_title").fill("一本图书馆还没有的书")
    phone.locator("#id_phone").fill("13812345678")
    phone.locator("#id_consent").check()
    phone.get_by_role("button", name="提交荐购").click()
    answer = phone.locator("[data-suggestion-status]")
    assert answer.get_attribute("data-suggestion-status") == "received"
    code = answer.get_attribute("data-suggestion-code")
    screenshot(phone, "suggestion-received")
    phone.get_by_role("link", name="查看进度").click()
    assert code in phone.url and "待处理" in phone.locator("main").inner_text()
