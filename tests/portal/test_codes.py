"""Reference codes as readers meet them: read aloud, copied from a message with spaces, typed in
small letters; never containing the characters people confuse."""

import pytest
from bs4 import BeautifulSoup

from catalog_search.models.suggestions import suggest
from events.models import EventPage
from events.registration import register
from portal import codes

pytestmark = pytest.mark.django_db


def test_codes_avoid_characters_people_confuse():
    made = {codes.new_code(8) for _ in range(500)}
    assert len(made) == 500
    assert not set("".join(made)) & set("01OIL")


@pytest.mark.parametrize("typed", ["{code}", "{lower}", "{spaced}", "{dashed}"])
def test_a_registration_code_is_found_however_it_is_typed(client, typed):
    event = EventPage.objects.get(slug="weekly-reading-club", locale__language_code="zh-hans")
    code = register(event, name="张三", phone="13912345678", seats=1).registration.code
    forms = {
        "code": code,
        "lower": code.lower(),
        "spaced": f"{code[:4]} {code[4:]}",
        "dashed": f"{code[:4]}-{code[4:]}",
    }
    response = client.post(
        f"{event.get_parent().url}my-registration/", {"phone": "139 1234 5678", "code": typed.format(**forms)}
    )
    found = BeautifulSoup(response.content, "html.parser").select_one(".registration-lookup")
    assert found is not None and found["data-registration-code"] == code


def test_a_suggestion_code_is_found_however_it_is_typed(client):
    code = suggest("一本还没有的书", phone="13912345678").code
    response = client.get("/catalogue/purchase-suggestions/status/", {"code": f" {code[:5].lower()} {code[5:]} "})
    assert response.status_code == 200 and "一本还没有的书" in response.content.decode()
