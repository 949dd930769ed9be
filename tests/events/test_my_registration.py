"""A reader finds and cancels a registration with phone + code; the waitlist moves up."""

import pytest
from bs4 import BeautifulSoup

from events.models import EventPage, Registration, RegistrationStatus

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


def test_cancel_frees_seats_and_promotes_the_waitlist(client):
    registration = demo_registration(RegistrationStatus.CONFIRMED)
    first_waiting = demo_registration(RegistrationStatus.WAITLISTED)
    response = client.post(URL, {"phone": registration.phone, "code": registration.code, "action": "cancel"})
    assert marked(response)["data-registration-status"] == "cancelled"
    assert "报名已取消" in response.content.decode()
    first_waiting.refresh_from_db()
    assert first_waiting.status == RegistrationStatus.CONFIRMED


def test_cancel_with_the_wrong_code_changes_nothing(client):
    registration = demo_registration(RegistrationStatus.CONFIRMED)
    response = client.post(URL, {"phone": registration.phone, "code": "WRONG123", "action": "cancel"})
    assert response.status_code == 404
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert Registration.objects.filter(status=RegistrationStatus.CANCELLED).count() == 0


def test_english_lookup(client):
    registration = demo_registration(RegistrationStatus.WAITLISTED)
    response = client.post("/en" + URL, {"phone": registration.phone, "code": registration.code})
    assert "Family origami workshop" in response.content.decode()
