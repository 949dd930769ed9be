"""Registration as an auditor and a faulty afternoon try it: one number however it is typed, no
answer that tells a stranger whether someone registered, freed seats that go to the people waiting,
nothing promised about an event that is over, and a reader who always gets their code."""

import hashlib
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from events import notifications
from events.models import EventPage, Registration, RegistrationStatus
from events.notifications import Kind
from events.registration import cancel, move, register

pytestmark = pytest.mark.django_db
PHONE = "13700000088"


def event(slug):
    return EventPage.objects.get(slug=slug, locale__language_code="zh-hans")


def small_event(capacity, waitlist, slug="weekly-reading-club"):
    page = event(slug)
    page.capacity, page.waitlist_size = capacity, waitlist
    page.save()
    return page


def post(client, slug="weekly-reading-club", address="10.0.0.1", **fields):
    data = {"name": "张三", "phone": PHONE, "seats": "1", "consent": "on", **fields}
    response = client.post(f"/events/{slug}/register/", data, REMOTE_ADDR=address)
    marked = BeautifulSoup(response.content, "html.parser").select_one("[data-registration-status]")
    return response, marked


# How readers and their phones' keyboards write one number: a full-width keyboard, an input method
# mixing widths, the country code, separators, and the digits of other scripts.
SPELLINGS = [
    "13７００００００８８",
    "１３７００００００８８",
    "+86 137-0000-0088",
    "0086 13700000088",
    "86 137 0000 0088",
    "137.0000.0088",
    "(137) 0000 0088",
    "١٣٧٠٠٠٠٠٠٨٨",
    "१३७००००००८८",
    "\u3000137 0000 0088\u3000",
]


def test_every_spelling_of_one_number_is_one_registration(client, settings):
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "register_per_phone": (0, 1)}
    response, marked = post(client)
    assert marked["data-registration-status"] == "confirmed"
    for spelling in SPELLINGS:
        response, marked = post(client, phone=spelling)
        assert marked["data-registration-status"] == "duplicate", spelling
    assert list(
        Registration.objects.filter(event=event("weekly-reading-club"))
        .values_list("phone", flat=True)
        .filter(phone__contains="88")
    ) == [PHONE]


def test_every_spelling_of_one_number_counts_against_one_rate_limit(client, settings):
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "register_per_phone": (3, 3600)}
    statuses = [
        post(client, "classics-recitation", address=f"10.0.1.{n}", phone=spelling)[0].status_code
        for n, spelling in enumerate(SPELLINGS[:5])
    ]
    assert statuses[3:] == [429, 429]


def test_rate_limit_keys_are_keyed_hashes_not_plain_ones(client, settings):
    cache.clear()
    post(client)
    keys = " ".join(str(key) for key in cache._cache)  # local memory: the keys as stored
    plain = hashlib.sha256(PHONE.encode()).hexdigest()
    assert "ratelimit:register_per_phone:" in keys
    assert PHONE not in keys and plain[:32] not in keys and plain[:16] not in keys


@pytest.mark.parametrize("name", ["\u200b", "\u200b\u200c\u200d", "\u202e", "\ufeff \u2060"])
def test_a_name_of_invisible_characters_is_no_name(client, name):
    response, marked = post(client, name=name)
    assert response.status_code == 400 and "请填写姓名" in response.content.decode()
    assert not Registration.objects.filter(phone=PHONE).exists()


def test_a_right_to_left_override_is_not_stored(client):
    post(client, name="张\u202e三")
    assert Registration.objects.get(phone=PHONE).name == "张三"


def test_a_stranger_cannot_tell_from_a_full_event_whether_a_number_is_registered(
    client, outbox, django_capture_on_commit_callbacks
):
    """The 视障读者 case: an event with no room left answers a registered number exactly as it answers
    any other; the registered reader gets their code again on their own phone."""
    page = small_event(capacity=1, waitlist=0)
    with django_capture_on_commit_callbacks(execute=True):
        post(client)
    outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        registered = post(client, address="10.0.0.2")[1]
        stranger = post(client, address="10.0.0.3", phone="13900001111")[1]
    assert registered["data-registration-status"] == stranger["data-registration-status"] == "full"
    assert str(registered) == str(stranger)
    assert [(notice.kind, notice.phone) for notice in outbox] == [(Kind.CODE_RESENT, PHONE)]
    assert Registration.objects.get(phone=PHONE).code in outbox[0].text
    assert page.registrations.count() == 1


def test_a_duplicate_gets_the_code_on_the_phone_on_file_never_on_the_page(
    client, outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = post(client)[1]
    code = first["data-registration-code"]
    outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response, marked = post(client, phone="+86 137 0000 0088", address="10.0.0.9")
    assert marked["data-registration-status"] == "duplicate" and code not in response.content.decode()
    assert [(notice.kind, notice.phone, notice.code) for notice in outbox] == [(Kind.CODE_RESENT, PHONE, code)]


def test_resending_a_code_is_limited_so_the_form_cannot_flood_a_phone(
    client, outbox, settings, django_capture_on_commit_callbacks
):
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "resend_code": (2, 3600), "register_per_ip": (0, 1)}
    post(client)
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(6):
            post(client)
    assert len([notice for notice in outbox if notice.kind == Kind.CODE_RESENT]) == 2


def test_a_raised_capacity_goes_to_the_people_waiting_not_to_the_next_stranger(
    client, outbox, django_capture_on_commit_callbacks
):
    page = small_event(capacity=1, waitlist=3)
    first, second, third = (
        register(page, name=f"读者{n}", phone=f"1390000000{n}", seats=1).registration for n in range(3)
    )
    assert [r.status for r in (first, second, third)] == ["confirmed", "waitlisted", "waitlisted"]
    page = page.specific
    page.capacity = 2
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    second.refresh_from_db()
    third.refresh_from_db()
    assert (second.status, third.status) == ("confirmed", "waitlisted")
    assert [(notice.kind, notice.code) for notice in outbox] == [(Kind.PROMOTED, second.code)]
    assert post(client)[1]["data-registration-status"] == "waitlisted"


def test_a_staff_move_frees_seats_for_the_first_waiting_and_never_overfills_the_waitlist():
    page = small_event(capacity=2, waitlist=1)
    family = register(page, name="一家", phone="13900000001", seats=2).registration
    waiting = register(page, name="候补", phone="13900000002", seats=1).registration
    from events.registration import NotAllowed

    with pytest.raises(NotAllowed, match="候补名单已满"):
        move(family, RegistrationStatus.WAITLISTED)  # two seats cannot wait in a waitlist of one
    family.refresh_from_db()
    waiting.refresh_from_db()
    assert (family.status, waiting.status) == ("confirmed", "waitlisted")  # nothing half-done

    page.waitlist_size = 3
    page.save()
    move(family, RegistrationStatus.WAITLISTED)
    family.refresh_from_db()
    waiting.refresh_from_db()
    assert (family.status, waiting.status) == ("waitlisted", "confirmed")


def test_cancelling_after_the_event_ended_promotes_and_tells_nobody(outbox, django_capture_on_commit_callbacks):
    page = small_event(capacity=1, waitlist=1)
    taken = register(page, name="甲", phone="13900000001", seats=1).registration
    waiting = register(page, name="乙", phone="13900000002", seats=1).registration
    EventPage.objects.filter(pk=page.pk).update(
        start=timezone.now() - timedelta(hours=3), end=timezone.now() - timedelta(hours=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert cancel(taken) == []
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.WAITLISTED and outbox == []


def test_the_look_up_of_an_ended_event_says_so_and_offers_no_cancelling(client):
    page = small_event(capacity=5, waitlist=0)
    taken = register(page, name="甲", phone=PHONE, seats=1).registration
    EventPage.objects.filter(pk=page.pk).update(
        start=timezone.now() - timedelta(hours=3), end=timezone.now() - timedelta(hours=1)
    )
    response = client.post("/events/my-registration/", {"phone": PHONE, "code": taken.code})
    soup = BeautifulSoup(response.content, "html.parser")
    assert "本次活动已经结束" in soup.get_text() and not soup.select("button[value=confirm]")


def test_a_notice_that_cannot_be_written_does_not_cost_the_reader_their_code(
    client, monkeypatch, outbox, django_capture_on_commit_callbacks
):
    def broken(kind, registration):
        raise RuntimeError("the database went away after the commit")

    monkeypatch.setattr(notifications, "compose", broken)
    with django_capture_on_commit_callbacks(execute=True):
        response, marked = post(client)
    assert response.status_code == 200 and marked["data-registration-status"] == "confirmed"
    assert marked["data-registration-code"] == Registration.objects.get(phone=PHONE).code


def test_answer_pages_are_never_cached(client):
    for response in (post(client)[0], post(client)[0], post(client, name="")[0]):
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_staff_actions_never_redirect_off_the_site(admin_client):
    origami = event("full-origami")
    url = reverse("events_registration_change", args=[origami.pk, "DEMO0002"])
    for target in ("https://evil.example/", "//evil.example/x", "https:/\\evil.example"):
        response = admin_client.post(url, {"action": "check_in", "next": target})
        assert response.status_code == 302 and "evil" not in response["Location"], target
    response = admin_client.post(url, {"action": "check_in", "next": "/admin/events/"})
    assert response["Location"] == "/admin/events/"


def test_a_cancelled_event_says_so_everywhere_and_offers_no_calendar(client):
    page = event("lantern-riddles")  # the demo's cancelled event
    text = BeautifulSoup(client.get(page.url).content, "html.parser").get_text()
    assert "活动已取消" in text and "添加到日历" not in text and "报名未开放或已截止" not in text
    response, marked = post(client, slug=page.slug)
    assert marked["data-registration-status"] == "closed" and "已取消" in marked.select_one("h1").get_text()
    assert b"STATUS:CANCELLED" in client.get(page.url + "ical/").content
    listing = BeautifulSoup(client.get("/events/").content, "html.parser")
    card = next(card for card in listing.select(".card") if page.title in card.get_text())
    assert "已取消" in card.get_text()


def test_a_postponed_event_shows_no_stale_date_closes_registration_and_tells_its_readers_once(
    client, outbox, django_capture_on_commit_callbacks
):
    page = event("weekly-reading-club").specific
    taken = register(page, name="甲", phone=PHONE, seats=1).registration
    page.status, page.status_note = "postponed", "因场馆维修延期。"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
        page.save_revision().publish()  # published again: nobody is told twice
    assert [(notice.kind, notice.code) for notice in outbox] == [(Kind.EVENT_POSTPONED, taken.code)]
    assert "因场馆维修延期" in outbox[0].text and taken.code in outbox[0].text

    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    facts = soup.select_one(".event-facts").get_text()
    assert "日期待定" in facts and page.start.strftime("%Y-%m-%d") not in facts
    assert "添加到日历" not in soup.get_text() and not soup.select("a.button")
    response, marked = post(client, phone="13900009999")
    assert marked["data-registration-status"] == "closed" and "延期" in marked.get_text()
    assert b"STATUS:TENTATIVE" in client.get(page.url + "ical/").content


def test_a_reader_who_lost_the_code_gets_it_on_their_phone_and_a_stranger_learns_nothing(
    client, outbox, django_capture_on_commit_callbacks
):
    taken = register(event("weekly-reading-club"), name="甲", phone=PHONE, seats=1).registration
    url = "/events/my-registration/"
    with django_capture_on_commit_callbacks(execute=True):
        mine = client.post(url, {"action": "resend", "resend-phone": "137 0000 0088"})
        stranger = client.post(url, {"action": "resend", "resend-phone": "13900007777"})
    answer = [BeautifulSoup(r.content, "html.parser").select_one(".resend-codes").get_text() for r in (mine, stranger)]
    assert mine.status_code == stranger.status_code == 200 and answer[0] == answer[1]
    assert "已发送到该手机" in answer[0] and taken.code not in mine.content.decode()
    assert [(notice.kind, notice.phone, notice.code) for notice in outbox] == [(Kind.CODE_RESENT, PHONE, taken.code)]
    assert "no-store" in mine["Cache-Control"]
    bad = client.post(url, {"action": "resend", "resend-phone": "12345"})
    assert bad.status_code == 400 and "11 位" in bad.content.decode()
