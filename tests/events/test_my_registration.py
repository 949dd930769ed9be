"""A reader finds and cancels a registration with phone + code; the waitlist moves up."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale

from events.models import EventIndexPage, EventPage, LecturePage, Registration, RegistrationStatus

pytestmark = pytest.mark.django_db
URL = "/events/my-registration/"


def marked(response):
    return BeautifulSoup(response.content, "html.parser").select_one("[data-registration-status]")


def demo_registration(status):
    event = EventPage.objects.get(slug="full-origami", locale__language_code="zh-hans")
    return event.registrations.filter(status=status).first()


def test_form_prefills_the_code_from_the_confirmation_link(client):
    soup = BeautifulSoup(client.get(URL + "?code=DEMO0002").content, "html.parser")
    assert soup.select_one("#id_code")["value"] == "DEMO0002"
    assert not soup.select(".field-error")


def test_lookup_shows_masked_details(client):
    registration = demo_registration(RegistrationStatus.CONFIRMED)
    response = client.post(URL, {"phone": registration.phone, "code": registration.code.lower()})
    assert marked(response)["data-registration-status"] == "confirmed"
    assert registration.masked_phone in response.content.decode()
    assert registration.name not in response.content.decode()


@pytest.mark.parametrize("phone, code", [("13800000009", "DEMO0002"), ("13800000001", "DEMO9999"), ("13800000001", "")])
def test_wrong_phone_or_code_finds_nothing_and_says_the_same(client, phone, code):
    response = client.post(URL, {"phone": phone, "code": code})
    assert response.status_code in (200, 404)
    assert marked(response) is None


def token_in(response):
    field = BeautifulSoup(response.content, "html.parser").select_one("input[name=token]")
    return field["value"] if field else None


def test_cancelling_takes_a_confirmation_that_names_the_event_and_seats_then_promotes_the_waitlist(client):
    registration = demo_registration(RegistrationStatus.CONFIRMED)
    first_waiting = demo_registration(RegistrationStatus.WAITLISTED)
    found = client.post(URL, {"phone": registration.phone, "code": registration.code})
    asked = client.post(URL, {"token": token_in(found), "action": "confirm"})
    text = asked.content.decode()
    assert "确定要取消“亲子折纸工坊”的报名" in text or "确定要取消" in text and registration.event.title in text
    assert f"（{registration.seats} 人）" in text
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED  # one tap cancels nothing

    response = client.post(URL, {"token": token_in(asked), "action": "cancel"})
    assert marked(response)["data-registration-status"] == "cancelled"
    assert "报名已取消" in response.content.decode()
    first_waiting.refresh_from_db()
    assert first_waiting.status == RegistrationStatus.CONFIRMED


def test_lookup_pages_keep_the_phone_out_of_the_html_and_out_of_every_cache(client):
    registration = demo_registration(RegistrationStatus.CONFIRMED)
    found = client.post(URL, {"phone": registration.phone, "code": registration.code})
    assert registration.phone not in found.content.decode()  # no hidden field carries it to the cancel step
    wrong = client.post(URL, {"phone": registration.phone, "code": "WRONG123"})
    # Only in the box the reader is correcting, as they typed it.
    assert wrong.content.decode().count(registration.phone) == 1
    assert BeautifulSoup(wrong.content, "html.parser").select_one("#id_phone")["value"] == registration.phone
    for response in (found, wrong):
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


@pytest.mark.parametrize("token", ["", "1", "1:forged:signature"])
def test_cancel_without_a_valid_lookup_changes_nothing(client, token):
    registration = demo_registration(RegistrationStatus.CONFIRMED)
    response = client.post(
        URL, {"token": token, "action": "cancel", "phone": registration.phone, "code": registration.code}
    )
    assert response.status_code == 400 and "页面已过期" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert Registration.objects.filter(status=RegistrationStatus.CANCELLED).count() == 0


def test_a_lookup_older_than_half_an_hour_cannot_cancel(client, monkeypatch):
    from events import views

    registration = demo_registration(RegistrationStatus.CONFIRMED)
    token = token_in(client.post(URL, {"phone": registration.phone, "code": registration.code}))
    monkeypatch.setattr(views, "CANCEL_TOKEN_AGE", -1)
    assert client.post(URL, {"token": token, "action": "cancel"}).status_code == 400
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED


def test_english_lookup(client):
    registration = demo_registration(RegistrationStatus.WAITLISTED)
    response = client.post("/en" + URL, {"phone": registration.phone, "code": registration.code})
    assert "Family origami workshop" in response.content.decode()


def open_lecture():
    return next(
        lecture
        for lecture in LecturePage.objects.live().filter(locale__language_code="zh-hans")
        if lecture.registration_required and lecture.registration_state() is None
    )


@pytest.mark.parametrize(
    "event, language",
    [
        (lambda: EventPage.objects.get(slug="weekly-reading-club", locale__language_code="zh-hans"), "zh-hans"),
        (open_lecture, "zh-hans"),
        (lambda: EventPage.objects.get(slug="weekly-reading-club", locale__language_code="zh-hans"), "en"),
    ],
    ids=["event", "lecture", "english-event"],
)
def test_the_answer_leads_to_the_look_up_of_the_events_own_list(client, event, language):
    """A reader who just registered follows 查询或取消报名 to the look-up page of the event list the
    event (or a lecture, one level deeper) belongs to, in their language, with their code filled in."""
    page = event().get_translation(Locale.objects.get(language_code=language))
    answer = client.post(
        page.url + "register/", {"name": "周读者", "phone": "13912345678", "seats": "1", "consent": "on"}
    )
    assert marked(answer)["data-registration-status"] in ("confirmed", "waitlisted")
    code = marked(answer)["data-registration-code"]
    event_list = page.get_ancestors().type(EventIndexPage).first()
    links = [a["href"] for a in BeautifulSoup(answer.content, "html.parser").select("a[href*='my-registration']")]
    assert links == [f"{event_list.url}my-registration/?code={code}"]
