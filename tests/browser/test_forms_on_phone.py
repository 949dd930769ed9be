"""Forms held in one hand on the smallest phones: at 320 px nothing scrolls sideways, every field,
choice and button is at least 44 px tall (the size a thumb hits), and the keyboard that opens
fits the field (numbers for a phone, @ for an e-mail address)."""

import pytest

pytestmark = pytest.mark.browser

FORMS = [
    "/catalogue/purchase-suggestions/",
    "/reading-month/survey/",
    "/events/classics-recitation/register/",
    "/en/catalogue/purchase-suggestions/",
    "/en/reading-month/survey/",
]

# Every control a reader touches, with the height of what they touch: a radio button or checkbox
# counts by its label, which takes the tap too.
MEASURE = """() => [...document.querySelectorAll('main input:not([type=hidden]), main select, main textarea, main button')]
  .filter(el => el.offsetParent !== null && !el.closest('.form-field--honeypot'))
  .map(el => {
    const label = el.closest('label') || (el.id && document.querySelector(`label[for="${el.id}"]`));
    const target = (el.type === 'radio' || el.type === 'checkbox') && label ? label : el;
    const box = target.getBoundingClientRect();
    return {name: el.name || el.textContent.trim(), type: el.type, height: box.height, right: box.right};
  })"""


@pytest.mark.parametrize("path", FORMS)
def test_forms_fit_a_320px_phone_and_every_control_is_44px(small_phone, server_url, path):
    small_phone.goto(server_url + path)
    assert small_phone.evaluate("document.documentElement.scrollWidth") <= 320
    controls = small_phone.evaluate(MEASURE)
    assert len(controls) >= 3
    small = [(c["name"], c["type"], round(c["height"])) for c in controls if c["height"] < 44]
    assert small == []
    assert all(c["right"] <= 320 for c in controls)


def test_phone_and_email_fields_open_the_right_keyboard(small_phone, server_url):
    small_phone.goto(server_url + "/catalogue/purchase-suggestions/")
    assert small_phone.get_attribute("input[name=phone]", "inputmode") == "tel"
    assert small_phone.get_attribute("input[name=email]", "type") == "email"
    assert small_phone.get_attribute("input[name=isbn]", "inputmode") == "numeric"
    small_phone.goto(server_url + "/events/classics-recitation/register/")
    assert small_phone.get_attribute("input[name=phone]", "autocomplete") == "tel"
    assert small_phone.get_attribute("input[name=name]", "autocomplete") == "name"
