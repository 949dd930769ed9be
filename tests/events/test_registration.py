"""Registration through real HTTP posts: outcomes, one capacity across translations, bad input."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from events.models import EventPage, Registration, RegistrationStatus, mask_phone
from events.registration import Outcome, cancel, register

pytestmark = pytest.mark.django_db


def event(slug):
    return EventPage.objects.get(slug=slug, locale__language_code="zh-hans")


def post(client, slug, prefix="", **fields):
    data = {"name": "张三", "phone": "13912345678", "seats": "1", "consent": "on", **fields}
    data = {key: value for key, value in data.items() if value is not None}
    page = EventPage.objects.get(slug=slug, locale__language_code="en" if prefix == "/en" else "zh-hans")
    response = client.post(f"{page.url}register/", data)  # a branch's events live in its section
    soup = BeautifulSoup(response.content, "html.parser")
    marked = soup.select("[data-registration-status]")
    assert len(marked) == 1, "exactly one element carries the status"
    return response, marked[0]


def test_form_asks_for_consent_and_no_more_than_needed(client):
    soup = BeautifulSoup(client.get("/events/weekly-reading-club/register/").content, "html.parser")
    names = {
        field["name"]
        for field in soup.select("form.registration-form input, form.registration-form select")
        if field.get("name")
    }
    assert names == {"csrfmiddlewaretoken", "name", "phone", "seats", "consent", "website"}
    assert soup.select_one("label[for=id_consent] a")["href"] == "/privacy/"


def test_confirmed_with_code_and_qr(client):
    response, marked = post(client, "weekly-reading-club")
    assert response.status_code == 200
    assert marked["data-registration-status"] == "confirmed"
    code = marked["data-registration-code"]
    registration = Registration.objects.get(code=code)
    assert (registration.name, registration.phone, registration.status) == ("张三", "13912345678", "confirmed")
    assert marked.select_one("svg title").get_text() == code
    assert "139****5678" in marked.get_text()
    assert "13912345678" not in response.content.decode()


def test_english_registration_counts_against_the_same_seats(client):
    # The Chinese page's registrations fill all 4 seats and 3 of the 4 waitlist places.
    _, marked = post(client, "full-origami", prefix="/en", seats="2")
    assert marked["data-registration-status"] == "full"
    _, marked = post(client, "full-origami", prefix="/en", seats="1")
    assert marked["data-registration-status"] == "waitlisted"
    _, marked = post(client, "weekly-reading-club", prefix="/en", phone="13700000000")
    registration = Registration.objects.get(code=marked["data-registration-code"])
    assert registration.event == event("weekly-reading-club")


def test_confirmed_then_waitlisted_then_full(client, settings):
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "register_per_ip": (0, 600)}
    target = event("job-seekers-training")
    outcomes = [
        post(client, target.slug, phone=f"1360000{n:04d}")[1]["data-registration-status"]
        for n in range(target.capacity + target.waitlist_size + 2)
    ]
    assert outcomes == ["confirmed"] * 25 + ["waitlisted"] * 5 + ["full"] * 2


def test_same_phone_twice_is_a_duplicate(client):
    post(client, "weekly-reading-club")
    response, marked = post(client, "weekly-reading-club", phone="139-1234-5678", name="张三丰")
    assert marked["data-registration-status"] == "duplicate"
    assert "无需重复报名" in marked.get_text()
    assert Registration.objects.filter(phone="13912345678").count() == 1


@pytest.mark.parametrize("slug", ["lantern-riddles", "braille-reading"])  # cancelled; already held
def test_closed_events(client, slug):
    response, marked = post(client, slug)
    assert marked["data-registration-status"] == "closed"
    assert not Registration.objects.filter(phone="13912345678").exists()


def test_closed_before_registration_opens(client):
    target = event("weekly-reading-club")
    target.registration_opens = timezone.now() + timedelta(days=1)
    target.save()
    assert post(client, target.slug)[1]["data-registration-status"] == "closed"


def test_event_without_registration_has_no_form(client):
    response = client.get("/events/photo-exhibition/register/")
    marked = BeautifulSoup(response.content, "html.parser").select_one("[data-registration-status]")
    assert marked["data-registration-status"] == "closed"


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"phone": "12345"}, "11 位中国大陆手机号码"),
        ({"phone": "23912345678"}, "11 位中国大陆手机号码"),
        ({"phone": "1391234567x"}, "11 位中国大陆手机号码"),
        ({"phone": None}, "请填写手机号码"),
        ({"seats": "0"}, "报名人数不在允许范围内"),
        ({"seats": "-1"}, "报名人数不在允许范围内"),
        ({"seats": "2"}, "报名人数不在允许范围内"),  # one seat per person at this event
        ({"seats": "abc"}, "报名人数不在允许范围内"),
        ({"name": "张" * 500}, "姓名最多 50 个字"),
        ({"name": "   "}, "请填写姓名"),
        ({"name": "\x00\x01"}, "请填写姓名"),
        ({"consent": None}, "请阅读并同意隐私政策"),
    ],
)
def test_bad_input_is_named_and_changes_nothing(client, fields, message):
    response, marked = post(client, "weekly-reading-club", **fields)
    assert response.status_code == 400
    assert marked["data-registration-status"] == "invalid"
    assert message in response.content.decode()
    assert Registration.objects.filter(event=event("weekly-reading-club")).count() == 0


def test_script_and_emoji_in_name_are_escaped(client):
    response, marked = post(client, "weekly-reading-club", name="<script>alert(1)</script>📚")
    assert marked["data-registration-status"] == "confirmed"
    assert b"<script>alert(1)" not in response.content
    assert Registration.objects.get(code=marked["data-registration-code"]).name == "<script>alert(1)</script>📚"


def test_honeypot_gets_nothing(client):
    response, marked = post(client, "weekly-reading-club", website="http://spam.example")
    assert response.status_code == 400 and marked["data-registration-status"] == "invalid"
    assert not Registration.objects.exists() or not Registration.objects.filter(phone="13912345678").exists()


def test_tampered_or_unknown_event_is_404(client):
    assert client.post("/events/no-such-event/register/", {"name": "x"}).status_code == 404


def test_csrf_is_enforced():
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/events/weekly-reading-club/register/", {"name": "x"})
    assert response.status_code == 403


def test_extra_questions_and_seats_per_family(client):
    target = event("picture-book-time")
    target.extra_questions = ["child_age", "library_card"]
    target.save()
    _, marked = post(client, target.slug, seats="3", child_age="19", library_card="A1")
    assert marked["data-registration-status"] == "invalid"
    _, marked = post(client, target.slug, seats="3", child_age="5", library_card="YX-2024-0001")
    registration = Registration.objects.get(code=marked["data-registration-code"])
    assert registration.seats == 3
    assert registration.answers == {"child_age": 5, "library_card": "YX-2024-0001"}


class TestCancellation:
    def test_cancel_promotes_the_first_waitlisted_that_fit(self):
        target = event("full-origami")  # capacity 4: two families of 2 confirmed; 2 + 1 waiting
        confirmed = target.registrations.filter(status=RegistrationStatus.CONFIRMED).first()
        waiting = list(target.registrations.filter(status=RegistrationStatus.WAITLISTED))
        assert [r.seats for r in waiting] == [2, 1]
        promoted = cancel(confirmed)
        assert promoted == waiting[:1]
        assert target.registrations.filter(status=RegistrationStatus.CONFIRMED).count() == 2

    def test_a_large_party_waits_while_a_smaller_one_fits(self):
        target = event("full-origami")
        single, party = target.registrations.filter(status=RegistrationStatus.CONFIRMED)
        single.seats, party.seats = 1, 3  # still the 4 seats of the event
        single.save()
        party.save()
        promoted = cancel(single)  # frees one seat: the family of 2 waiting first does not fit
        assert [(r.name, r.seats) for r in promoted] == [("赵先生", 1)]
        waiting = target.registrations.filter(status=RegistrationStatus.WAITLISTED)
        assert [(r.name, r.seats) for r in waiting] == [("陈女士", 2)]

    def test_cancelling_twice_does_nothing(self):
        target = event("full-origami")
        confirmed = target.registrations.filter(status=RegistrationStatus.CONFIRMED).first()
        cancel(confirmed)
        assert cancel(confirmed) == []


def test_direct_registration_counts_seats_not_people():
    target = event("picture-book-time")  # 12 seats, 3 per family
    outcomes = [register(target, name="家长", phone=f"1350000{n:04d}", seats=3).outcome for n in range(7)]
    assert outcomes == [Outcome.CONFIRMED] * 4 + [Outcome.WAITLISTED] * 2 + [Outcome.FULL]


@pytest.mark.parametrize("phone, masked", [("13812345678", "138****5678"), ("123", "***")])
def test_phone_masking(phone, masked):
    assert mask_phone(phone) == masked


class TestRateLimits:
    def test_a_flood_from_one_address_gets_429s_not_seats(self, client, settings):
        settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "register_per_ip": (5, 600)}
        statuses = [post(client, "classics-recitation", phone=f"1370000{n:04d}")[0].status_code for n in range(8)]
        assert statuses == [200] * 5 + [429] * 3
        assert Registration.objects.filter(phone__startswith="1370000").count() == 5

    def test_one_phone_from_many_addresses_is_limited(self, client, settings):
        settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "register_per_phone": (3, 3600)}
        statuses = [
            client.post(
                "/events/classics-recitation/register/",
                {"name": "甲", "phone": "13711112222", "seats": "1"},
                REMOTE_ADDR=f"10.0.0.{n}",
            ).status_code
            for n in range(5)
        ]
        assert statuses == [400, 400, 400, 429, 429]

    def test_limited_answer_is_marked_and_in_chinese(self, client, settings):
        settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "register_per_ip": (1, 600)}
        post(client, "classics-recitation")
        response, marked = post(client, "classics-recitation", phone="13700000001")
        assert response.status_code == 429
        assert marked["data-registration-status"] == "invalid"
        assert "请稍后再试" in marked.get_text()


def test_forwarded_for_is_trusted_only_behind_a_proxy(rf, settings):
    from portal.ratelimit import client_ip

    request = rf.post("/", REMOTE_ADDR="10.1.1.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 5.6.7.8")
    settings.PORTAL_BEHIND_PROXY = False
    assert client_ip(request) == "10.1.1.1"
    settings.PORTAL_BEHIND_PROXY = True
    assert client_ip(request) == "5.6.7.8"
