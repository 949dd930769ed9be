"""A reader registers for an activity on a phone, inside WeChat, in under a minute."""

import pytest

from tests.browser.test_home_on_phone import screenshot

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


@pytest.mark.parametrize("path", ["/events/", "/events/classics-recitation/", "/events/classics-recitation/register/",
                                  "/events/lantern-riddles/"])
def test_event_pages_have_no_axe_violations(phone, server_url, path):
    from axe_playwright_python.sync_playwright import Axe

    phone.goto(server_url + path)
    results = Axe().run(phone)
    violations = [(v["id"], v["impact"], len(v["nodes"])) for v in results.response["violations"]]
    assert violations == [], f"{path}: {violations}"
