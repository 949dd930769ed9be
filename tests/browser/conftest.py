"""Browser tests drive Debian's Chromium (/usr/bin/chromium) through Playwright at phone width,
with a WeChat user agent, against a real demo server. Without Chromium they are skipped loudly."""

import os

import pytest

from tests.demo_server import demo_server

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
WECHAT_USER_AGENT = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP2A.240805.005; wv) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Version/4.0 Chrome/130.0.6723.103 Mobile Safari/537.36 "
    "XWEB/1300259 MMWEBSDK/20241103 MMWEBID/1234 MicroMessenger/8.0.54.2760(0x28003636) "
    "WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64"
)
PHONE = {"width": 390, "height": 844}
SKIP_REASON = f"{CHROMIUM} not found: browser tests skipped (apt-get install chromium)"
skipped_for_lack_of_chromium = []


def pytest_collection_modifyitems(config, items):
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        # The browser's demo server always runs on a SQLite file of its own (tests/demo_server.py):
        # the PostgreSQL pass would repeat the SQLite pass exactly.
        for item in items:
            if "browser" in item.keywords:
                item.add_marker(pytest.mark.skip(reason="browser tests run in the SQLite pass"))
        return
    if os.path.exists(CHROMIUM):
        return
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(pytest.mark.skip(reason=SKIP_REASON))
            skipped_for_lack_of_chromium.append(item.nodeid)


def pytest_terminal_summary(terminalreporter):
    if skipped_for_lack_of_chromium:
        terminalreporter.write_sep("!", f"{len(skipped_for_lack_of_chromium)} BROWSER TESTS SKIPPED", red=True)
        terminalreporter.write_line(SKIP_REASON, red=True)


@pytest.fixture(scope="session")
def server_url(tmp_path_factory):
    with demo_server(tmp_path_factory.mktemp("demo-server")) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def phone(browser):
    context = browser.new_context(
        viewport=PHONE,
        user_agent=WECHAT_USER_AGENT,
        locale="zh-CN",
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def small_phone(browser):
    """The smallest phones still sold: 320 px wide, in WeChat."""
    context = browser.new_context(
        viewport={"width": 320, "height": 640},
        user_agent=WECHAT_USER_AGENT,
        locale="zh-CN",
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    yield page
    context.close()
