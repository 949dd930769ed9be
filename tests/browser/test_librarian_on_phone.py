"""A branch librarian's day on a phone, in a real browser against the demo server: sign in, see
today's activity on the dashboard, add a reader who turned up at the desk, and check them in at
the door — with nothing wider than the screen."""

import re

import pytest

from tests.browser.test_home_on_phone import screenshot
from tests.demo_server import ADMIN_PASSWORD

pytestmark = pytest.mark.browser
TODAY = "南湖故事会：冬天的童话"  # the demo's 南湖分馆 activity of today


def no_sideways_scrolling(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_the_branch_librarians_day(phone, server_url):
    phone.goto(server_url + "/admin/login/")
    phone.fill("input[name=username]", "nanhu-guanyuan")
    phone.fill("input[name=password]", ADMIN_PASSWORD)
    phone.click("button[type=submit]")
    phone.wait_for_url(re.compile(r".*/admin/$"))
    week = phone.locator("section", has=phone.locator("#events-this-week-heading"))
    assert TODAY in week.inner_text()
    assert "东城" not in week.inner_text()  # another branch's activities stay out
    screenshot(phone, "admin-librarian-dashboard")

    week.get_by_role("link", name=TODAY).click()  # today's registrations
    phone.fill("input[name=name]", "刘奶奶")
    phone.fill("input[name=phone]", "13912340001")
    phone.check("input[name=consent]")
    phone.get_by_role("button", name="添加报名").click()
    added = phone.locator(".messages").inner_text()
    code = re.search(r"已添加 (\w+)", added)[1]
    assert no_sideways_scrolling(phone)
    screenshot(phone, "admin-librarian-registrations")

    phone.get_by_role("link", name="本活动现场签到").click()
    phone.fill("input[name=code]", code.lower())  # typed as it was read out, in small letters
    phone.get_by_role("button", name="签到", exact=True).click()
    result = phone.locator("[data-check-in]")
    assert result.get_attribute("data-check-in") == "done"
    assert "刘奶奶" in result.inner_text()
    assert no_sideways_scrolling(phone)
    screenshot(phone, "admin-librarian-check-in")
