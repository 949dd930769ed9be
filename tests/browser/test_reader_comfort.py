"""For older readers and for WeChat: 长辈模式 makes everything larger and stays on across pages
(kept on the phone, no account), without sideways scrolling at 320 px or accessibility faults;
and inside WeChat, where a calendar file cannot be downloaded, the link says how to open the page
in the phone's browser instead of doing nothing."""

import pytest

from .test_home_on_phone import screenshot

pytestmark = pytest.mark.browser

PAGES = [
    "/",
    "/events/",
    "/events/classics-recitation/",
    "/events/classics-recitation/register/",
    "/branches/ZG/",
    "/catalogue/search/?q=平凡",
    "/catalogue/purchase-suggestions/",
    "/reading-month/",
    "/en/",
]
ORDINARY_BROWSER = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/130.0.0.0 Mobile Safari/537.36"
)


def text_size(page):
    return page.evaluate("parseFloat(getComputedStyle(document.querySelector('main p, main li')).fontSize)")


def test_large_text_is_larger_and_stays_on(small_phone, server_url):
    small_phone.goto(server_url + "/events/")
    ordinary = text_size(small_phone)
    toggle = small_phone.get_by_role("button", name="长辈模式")
    assert toggle.get_attribute("aria-pressed") == "false"
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"
    assert text_size(small_phone) >= ordinary * 1.2
    small_phone.goto(server_url + "/events/classics-recitation/")  # another page, the next day …
    assert small_phone.evaluate("document.documentElement.classList.contains('large-text')")
    screenshot(small_phone, "large-text-event")
    small_phone.get_by_role("button", name="长辈模式").click()  # and back
    small_phone.goto(server_url + "/events/")
    assert text_size(small_phone) == ordinary


@pytest.mark.parametrize("path", PAGES)
def test_large_text_pages_fit_320px_and_pass_axe(small_phone, server_url, path):
    from axe_playwright_python.sync_playwright import Axe

    small_phone.goto(server_url + "/")
    small_phone.evaluate("localStorage.setItem('shuxiang-large-text', '1')")
    small_phone.goto(server_url + path)
    assert small_phone.evaluate("document.documentElement.classList.contains('large-text')")
    assert small_phone.evaluate("document.documentElement.scrollWidth") <= 320, path
    results = Axe().run(small_phone)
    serious = [
        (v["id"], v["impact"], len(v["nodes"]))
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], f"{path}: {serious}"


def test_in_wechat_a_calendar_link_says_to_open_the_browser(small_phone, server_url):
    small_phone.goto(server_url + "/events/classics-recitation/")
    small_phone.get_by_role("link", name="添加到日历").click()
    hint = small_phone.locator(".wechat-hint")
    assert hint.is_visible() and "在浏览器中打开" in hint.inner_text()
    assert small_phone.url.endswith("/events/classics-recitation/")  # no dead download


def test_in_an_ordinary_browser_the_calendar_link_downloads(browser, server_url):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, user_agent=ORDINARY_BROWSER, accept_downloads=True
    )
    page = context.new_page()
    page.goto(server_url + "/events/classics-recitation/")
    with page.expect_download() as download:
        page.get_by_role("link", name="添加到日历").click()
    assert download.value.suggested_filename.endswith(".ics")
    assert page.locator(".wechat-hint").count() == 0
    context.close()


# The hint typed into the box as text: the box scrolls exactly when the hint would be cut. (A
# canvas measurement of the placeholder said it fitted while the screen showed "ISB".)
PLACEHOLDER_FITS = """() => {
  const input = document.querySelector('#site-search');
  input.value = input.placeholder;
  const fits = input.scrollWidth <= input.clientWidth;
  input.value = '';
  return fits;
}"""


@pytest.mark.parametrize("language", ["", "/en"])
def test_the_search_hint_is_whole_on_the_smallest_phone_in_large_text(small_phone, server_url, language):
    """ "书名、作者或 ISBN" tells an older reader what the box takes; cut to "书名、作者或 ISE" at 320 px
    in 长辈模式, it tells less."""
    small_phone.goto(server_url + "/")
    small_phone.evaluate("localStorage.setItem('shuxiang-large-text', '1')")
    small_phone.goto(server_url + language + "/")
    assert small_phone.evaluate("document.documentElement.classList.contains('large-text')")
    assert small_phone.evaluate(PLACEHOLDER_FITS), small_phone.evaluate(
        "document.querySelector('#site-search').placeholder"
    )
