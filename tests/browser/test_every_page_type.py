"""Every kind of page a reader can reach, checked with axe-core in headless Chromium: at 390 and
320 px, in Chinese and English, with and without 长辈模式 (GB/T 37668 and the MIIT 适老化 rules ask
for all of it). No serious or critical violation, and nothing wider than the screen.

The pages are not listed by hand: the test follows links from the home pages as a reader would
(plus a catalogue search and a page's QR code, which no plain link leads to), and keeps
the first page of each kind. A kind is the shape of the address (section, depth, sub-URL) and what
the page's main content starts with, so an event and a lecture series, which share an address
shape, are both checked. Four runs cover every pair of width, language and text size. Each page's
first screen is kept in tests/browser/screenshots/kinds/ for a person to look at."""

import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import quote, urljoin, urlsplit
from urllib.request import urlopen

import pytest

from .test_home_on_phone import SCREENSHOTS

pytestmark = pytest.mark.browser

# (Not a missing page: the browser tests' server runs with DEBUG on and answers with Django's
# technical 404, which readers never see.)
SEEDS = ["/", "/en/", "/catalogue/search/?q=平凡", "/en/catalogue/search/?q=pingfan", "/qr/?path=/"]
# What a reader's browser does not open as a page: files, pictures, exports, the admin.
NOT_PAGES = re.compile(
    r"^/(?:admin|django-admin|documents|media|static|api|qr)/|/ical/$|\.(?:ics|png|jpg|webp|svg|pdf)$"
)
# Sub-URLs of pages that are their own kind of page whatever the page above them.
SUB_URLS = {"register", "poster", "past", "calendar", "my-registration", "search", "purchase-suggestions", "status"}
MOST_FETCHES = 600
RUNS = [  # (width, language, 长辈模式): every pair of the three appears once
    (390, "zh-hans", False),
    (320, "zh-hans", True),
    (390, "en", True),
    (320, "en", False),
]


class LinksAndStart(HTMLParser):
    """The page's same-site links, and the first element inside <main> (its tag and class)."""

    def __init__(self):
        super().__init__()
        self.links, self.start, self.in_main = [], None, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "main":
            self.in_main = True
        elif self.in_main and self.start is None:
            self.start = f"{tag}.{(attrs.get('class') or '').split(' ')[0]}"


def kind(path, start):
    parts = [part for part in urlsplit(path).path.split("/") if part]
    language = "en" if parts[:1] == ["en"] else "zh-hans"
    parts = parts[1:] if language == "en" else parts
    shape = "/".join(part if index == 0 or part in SUB_URLS else "*" for index, part in enumerate(parts))
    return language, shape + ("?q" if "?q=" in path else ""), start


def pages_of_each_kind(server_url):
    """({language: [path]}: the first page found of each kind, [(path, error)] of links that fail)."""
    seen, queue, kinds, broken = set(SEEDS), deque(SEEDS), {}, []
    fetches = 0
    while queue and fetches < MOST_FETCHES:
        path = queue.popleft()
        fetches += 1
        try:
            with urlopen(server_url + quote(path, safe="/?=&%"), timeout=30) as response:
                html = response.read().decode()
        except OSError as error:
            broken.append((path, str(error)))
            continue
        parser = LinksAndStart()
        parser.feed(html)
        kinds.setdefault(kind(path, parser.start), path)
        for href in parser.links:
            address = urlsplit(urljoin(server_url + path, href))
            if address.netloc != urlsplit(server_url).netloc or address.query or NOT_PAGES.search(address.path):
                continue
            if address.path not in seen:
                seen.add(address.path)
                queue.append(address.path)
    found = {}
    for (language, _shape, _start), path in kinds.items():
        found.setdefault(language, []).append(path)
    return found, broken


@pytest.fixture(scope="module")
def crawl(server_url):
    return pages_of_each_kind(server_url)


def test_no_link_on_the_site_leads_nowhere(crawl):
    _found, broken = crawl
    assert broken == []


@pytest.fixture(scope="module")
def page_kinds(crawl):
    found, _broken = crawl
    # The demo has news, activities, lectures, branches, books, a campaign and a survey in both
    # languages: a crawl that finds far fewer kinds has lost its way, and the test would prove little.
    assert len(found["zh-hans"]) >= 20 and len(found["en"]) >= 15, found
    return found


@pytest.mark.parametrize("width, language, large_text", RUNS)
def test_every_kind_of_page_passes_axe_and_fits_the_screen(
    browser, server_url, page_kinds, width, language, large_text
):
    from axe_playwright_python.sync_playwright import Axe

    from .conftest import WECHAT_USER_AGENT

    context = browser.new_context(
        viewport={"width": width, "height": 800},
        user_agent=WECHAT_USER_AGENT,
        locale="zh-CN" if language == "zh-hans" else "en-GB",
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    page.goto(server_url + "/")
    if large_text:
        page.evaluate("localStorage.setItem('shuxiang-large-text', '1')")
    faults = []
    axe = Axe()
    folder = SCREENSHOTS / "kinds" / f"{language}-{width}{'-large-text' if large_text else ''}"
    folder.mkdir(parents=True, exist_ok=True)
    for path in page_kinds[language]:
        page.goto(server_url + path)
        page.screenshot(path=folder / f"{re.sub(r'[^A-Za-z0-9]+', '-', path).strip('-') or 'home'}.png")
        if page.evaluate("document.documentElement.scrollWidth") > width:
            faults.append((path, "wider than the screen"))
        violations = axe.run(page).response["violations"]
        faults += [
            (path, v["id"], v["impact"], len(v["nodes"])) for v in violations if v["impact"] in ("serious", "critical")
        ]
    context.close()
    assert faults == [], f"{len(page_kinds[language])} pages checked; faults: {faults}"
