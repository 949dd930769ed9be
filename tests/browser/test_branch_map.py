"""The branch map at phone width: markers on the map (no tiles configured: the library's own
outline of the city underneath, and a legend), filters narrowing the list, and "near me" with
location granted and refused."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, WECHAT_USER_AGENT
from tests.browser.test_home_on_phone import screenshot

pytestmark = pytest.mark.browser

# Beside 火车东站: the 24-hour library (ZZ01) is the nearest branch.
NEAR_EAST_STATION = {"latitude": 30.6300, "longitude": 104.1400}


def test_map_shows_a_marker_per_located_branch(phone, server_url):
    phone.goto(server_url + "/branches/")
    phone.wait_for_selector("#branch-map path.leaflet-interactive")
    assert phone.locator("#branch-map").is_visible()
    # One marker per branch of the list that has a position (the list holds them all).
    located = phone.locator(".branch-item[data-lat]").count()
    assert located > 1 and phone.locator("#branch-map path.leaflet-interactive").count() == located
    # No tile server here: the demo city's districts, river and ring road are drawn under the dots.
    phone.wait_for_selector("#branch-map.branch-map--outlined")
    assert phone.locator("#branch-map .leaflet-base-pane path").count() >= 9
    assert phone.locator(".district-label", has_text="青羊区").count() == 1
    # The legend names each kind of branch that has a marker, once.
    kinds = set(phone.locator(".branch-item[data-lat]").evaluate_all("items => items.map(i => i.dataset.type)"))
    assert phone.locator(".map-legend li").count() == len(kinds) > 1
    screenshot(phone, "branches-zh")
    phone.locator('#branch-map path[data-code="ZG"]').click()
    assert phone.get_by_role("link", name="云溪市图书馆（总馆）").first.is_visible()


def test_filter_narrows_the_list_and_the_map(phone, server_url):
    phone.goto(server_url + "/branches/")
    phone.get_by_text("筛选网点").click()  # the filters fold away on a phone until asked for
    phone.get_by_label("类型").select_option("reading_room")
    phone.get_by_role("button", name="筛选").click()
    phone.wait_for_url("**/branches/?type=reading_room*")
    phone.wait_for_selector("#branch-map path.leaflet-interactive")
    assert phone.locator(".branch-item").count() == 2
    assert phone.locator("#branch-map path.leaflet-interactive").count() == 2


def test_near_me_sorts_by_distance(browser, server_url):
    context = browser.new_context(
        viewport=PHONE,
        user_agent=WECHAT_USER_AGENT,
        locale="zh-CN",
        geolocation=NEAR_EAST_STATION,
        permissions=["geolocation"],
    )
    page = context.new_page()
    page.goto(server_url + "/branches/")
    page.get_by_role("button", name="离我最近").click()
    # expect() polls from outside the page: a polling wait_for_function evaluates a string in the
    # page, which the Content-Security-Policy (no eval) rightly refuses.
    expect(page.locator("#near-me-status")).to_contain_text("由近到远")
    first = page.locator(".branch-item").first
    assert first.get_attribute("data-code") == "ZZ01"
    assert "约 0." in first.locator(".branch-item__distance").inner_text()
    assert page.locator(".branch-item").last.get_attribute("data-code") == "NJ01"  # the village, 26 km away
    screenshot(page, "branches-near-me")
    context.close()


def test_near_me_refused_says_so_and_keeps_the_list(browser, server_url):
    context = browser.new_context(viewport=PHONE, user_agent=WECHAT_USER_AGENT, locale="zh-CN")
    page = context.new_page()
    page.goto(server_url + "/branches/")
    before = page.locator(".branch-item").evaluate_all("items => items.map(i => i.dataset.code)")
    page.get_by_role("button", name="离我最近").click()
    expect(page.locator("#near-me-status")).to_contain_text("无法获取")
    after = page.locator(".branch-item").evaluate_all("items => items.map(i => i.dataset.code)")
    assert after == before
    context.close()


def test_list_works_without_javascript(browser, server_url):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(server_url + "/branches/?facility=children")
    assert page.locator(".branch-item").count() >= 5
    assert not page.locator("#branch-map").is_visible()
    page.get_by_role("link", name="东城分馆").click()
    assert page.locator("h1").inner_text() == "东城分馆"
    context.close()


@pytest.mark.parametrize("path", ["/branches/", "/branches/ZG/", "/en/branches/LD01/"])
def test_branch_pages_have_no_axe_violations(phone, server_url, path):
    from axe_playwright_python.sync_playwright import Axe

    phone.goto(server_url + path)
    results = Axe().run(phone)
    violations = [(v["id"], v["impact"], len(v["nodes"])) for v in results.response["violations"]]
    assert violations == [], f"{path}: {violations}"


@pytest.mark.parametrize("motion, animated", [("reduce", False), ("no-preference", True)])
def test_a_phone_that_asks_for_less_motion_gets_a_map_that_does_not_glide(browser, server_url, motion, animated):
    """Readers prone to motion sickness set their phone to reduce motion: the map then jumps to a
    view rather than animating zoom and pan (Leaflet builds no zoom-animation layer at all)."""
    context = browser.new_context(viewport=PHONE, user_agent=WECHAT_USER_AGENT, reduced_motion=motion)
    page = context.new_page()
    page.goto(server_url + "/branches/")
    page.wait_for_selector("#branch-map path.leaflet-interactive")
    assert (page.locator("#branch-map .leaflet-proxy").count() > 0) == animated
    context.close()
