"""A reader registers for an activity on a phone, inside WeChat, in under a minute."""

import pytest

from tests.browser.test_home_on_phone import screenshot
from tests.demo_server import ADMIN_PASSWORD

pytestmark = pytest.mark.browser


def test_register_from_the_event_page(phone, server_url):
    phone.goto(server_url + "/events/classics-recitation/")
    phone.get_by_role("link", name="我要报名").click()
    phone.get_by_label("姓名").fill("李四")
    phone.get_by_label("手机号码").fill("138 1234 5678")
    phone.get_by_label("报名人数").select_option("2")
    phone.get_by_label("我已阅读并同意").check()
    screenshot(phone, "register-form")
    phone.get_by_role("button", name="提交报名").click()
    result = phone.locator("[data-registration-status]")
    assert result.get_attribute("data-registration-status") == "confirmed"
    code = result.get_attribute("data-registration-code")
    assert len(code) == 8
    assert phone.locator("svg.segno").is_visible()
    assert "138****5678" in phone.content()
    screenshot(phone, "register-confirmed")


def test_cancelling_on_a_phone_asks_first_and_names_the_event(phone, server_url):
    """A reader registers, looks the registration up with phone and code, taps 取消这条报名, sees
    which event and how many seats they are giving up, and only the second tap cancels."""
    phone.goto(server_url + "/events/classics-recitation/register/")
    phone.get_by_label("姓名").fill("赵六")
    phone.get_by_label("手机号码").fill("+86 139-0000-6666")
    phone.get_by_label("我已阅读并同意").check()
    phone.get_by_role("button", name="提交报名").click()
    code = phone.locator("[data-registration-status]").get_attribute("data-registration-code")
    phone.get_by_role("link", name="查询或取消报名").click()
    phone.get_by_label("报名手机号码").fill("13900006666")
    phone.get_by_role("button", name="查询").click()
    assert "13900006666" not in phone.content()
    phone.get_by_role("button", name="取消这条报名").click()
    assert phone.get_by_text("确定要取消").is_visible() and phone.get_by_text("（1 人）").count() == 1
    assert phone.locator("[data-registration-status]").get_attribute("data-registration-status") == "confirmed"
    screenshot(phone, "cancel-confirm")
    phone.get_by_role("button", name="确认取消").click()
    result = phone.locator("[data-registration-status]")
    assert result.get_attribute("data-registration-status") == "cancelled"
    assert result.get_attribute("data-registration-code") == code


def test_mistakes_are_shown_next_to_the_field(phone, server_url):
    phone.goto(server_url + "/events/classics-recitation/register/")
    phone.get_by_label("姓名").fill("王五")
    phone.get_by_label("手机号码").fill("12345")
    phone.get_by_role("button", name="提交报名").click()
    assert phone.locator("[data-registration-status]").get_attribute("data-registration-status") == "invalid"
    assert phone.get_by_text("请填写 11 位中国大陆手机号码").is_visible()
    assert phone.get_by_text("请阅读并同意隐私政策后再报名").is_visible()
    assert phone.get_by_label("姓名").input_value() == "王五"  # nothing typed is lost
    screenshot(phone, "register-errors")


@pytest.mark.parametrize(
    "path",
    [
        "/events/",
        "/events/?category=family&free=1",
        "/events/past/",
        "/events/calendar/",
        "/events/classics-recitation/",
        "/events/classics-recitation/register/",
        "/events/lantern-riddles/",
        "/events/yunxi-lectures/",
        "/events/yunxi-lectures/dream-of-red-mansions/",
        "/en/events/calendar/",
        "/events/poetry-week-postponed/",
        "/events/my-registration/",
    ],
)
def test_event_pages_have_no_axe_violations(phone, server_url, path):
    from axe_playwright_python.sync_playwright import Axe

    phone.goto(server_url + path)
    if "postponed" in path or "my-registration" in path:
        screenshot(phone, path.strip("/").replace("/", "-"))
    results = Axe().run(phone)
    violations = [(v["id"], v["impact"], len(v["nodes"])) for v in results.response["violations"]]
    assert violations == [], f"{path}: {violations}"


def test_filter_and_calendar_on_a_phone(phone, server_url):
    phone.goto(server_url + "/events/")
    phone.get_by_text("筛选活动").click()
    phone.get_by_label("类别").select_option("family")
    phone.get_by_label("只看免费活动").check()
    phone.get_by_role("button", name="筛选").click()
    assert "category=family" in phone.url and "free=on" in phone.url
    assert phone.get_by_role("link", name="周末绘本时光").is_visible()
    screenshot(phone, "events-filtered")
    phone.get_by_role("link", name="活动日历").click()
    assert "category=family" in phone.url  # the filter follows to the calendar
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"calendar scrolls sideways: {width}px"
    screenshot(phone, "events-calendar")


def test_lecture_page_on_a_phone(phone, server_url):
    phone.goto(server_url + "/events/yunxi-lectures/dream-of-red-mansions/")
    assert phone.get_by_role("link", name="观看回放").is_visible()
    screenshot(phone, "lecture-page")


def test_staff_check_in_on_a_phone(phone, server_url):
    """The door: staff log in on their phone, type a code and see who it is."""
    phone.goto(server_url + "/admin/login/")
    phone.locator("input[name=username]").fill("admin")
    phone.locator("input[name=password]").fill(ADMIN_PASSWORD)
    phone.locator("button[type=submit]").click()
    phone.wait_for_url("**/admin/")
    phone.goto(server_url + "/admin/registrations/check-in/")
    phone.get_by_label("报名码").fill("demo0002")
    phone.get_by_role("button", name="签到", exact=True).click()
    # The demo's origami workshop is not today: the door says so, keeps the code, and checks it in
    # when staff tick the override.
    assert phone.locator("[data-check-in]").get_attribute("data-check-in") == "other_day"
    screenshot(phone, "check-in-other-day")
    assert phone.get_by_label("报名码").input_value() == "DEMO0002"
    phone.get_by_label("不是今天的活动也签到").check()
    phone.get_by_role("button", name="签到", exact=True).click()
    result = phone.locator("[data-check-in]")
    assert result.get_attribute("data-check-in") == "done"
    assert "王女士" in result.inner_text()
    screenshot(phone, "check-in-done")
    phone.get_by_label("报名码").fill("DEMO0002")
    phone.get_by_label("不是今天的活动也签到").check()
    phone.get_by_role("button", name="签到", exact=True).click()
    assert phone.locator("[data-check-in]").get_attribute("data-check-in") == "already"
    screenshot(phone, "check-in-already")
