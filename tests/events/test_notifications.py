"""Readers are told of every change through the notification backends, in their language, and
reminders and cancellation notices go out at most once each."""

import json
from datetime import datetime, time, timedelta

import pytest
from django.core import mail
from django.core.checks import run_checks
from django.core.management import call_command
from django.utils import timezone

from events import notifications
from events.models import EventPage, EventStatus, Registration, RegistrationStatus
from events.notifications import Kind
from events.registration import cancel, register
from tests.local_time import BEIJING

pytestmark = pytest.mark.django_db


def event(slug, language="zh-hans"):
    return EventPage.objects.get(slug=slug, locale__language_code=language).specific


def post(client, slug, prefix="", **fields):
    data = {"name": "张三", "phone": "13912345678", "seats": "1", "consent": "on", **fields}
    return client.post(f"{prefix}/events/{slug}/register/", data)


def test_confirmation_after_a_real_registration(client, outbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        post(client, "classics-recitation")
    registration = Registration.objects.get(phone="13912345678")
    [notice] = outbox
    assert notice.kind == Kind.CONFIRMED and notice.phone == "13912345678" and notice.code == registration.code
    assert "报名成功" in notice.text and "经典诵读会" in notice.text and registration.code in notice.text
    assert "云溪市图书馆（总馆）" in notice.text  # the place


def test_english_registration_gets_an_english_notice(client, outbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        post(client, "classics-recitation", prefix="/en")
    [notice] = outbox
    assert "You are registered" in notice.text and "Recitation: the four seasons" in notice.text
    assert "/en/events/classics-recitation/" in notice.text
    assert "Yunxi City Library (Central)" in notice.text and "总馆" not in notice.text  # the place, in English


@pytest.mark.parametrize("page_cache_seconds", [300, 0], ids=["kept", "nothing-kept"])
def test_messages_carry_the_library_name_an_editor_just_gave(
    client, outbox, settings, page_cache_seconds, django_capture_on_commit_callbacks
):
    """The name that opens every message (【云溪市图书馆】) is kept while the page cache is on;
    renaming the library reaches the very next message, in each language."""
    from wagtail.models import Site

    from portal.models import LibrarySettings

    settings.PORTAL_PAGE_CACHE_SECONDS = page_cache_seconds
    with django_capture_on_commit_callbacks(execute=True):
        post(client, "classics-recitation", phone="13912340010")
        post(client, "classics-recitation", prefix="/en", phone="13912340011")
    assert [notice.subject.split("】")[0] for notice in outbox] == ["【云溪市图书馆", "【Yunxi City Library"]
    library = LibrarySettings.for_site(Site.objects.get(is_default_site=True))
    library.library_name, library.library_name_en = "云溪市少年儿童图书馆", "Yunxi Children's Library"
    with django_capture_on_commit_callbacks(execute=True):
        library.save()
    outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        post(client, "classics-recitation", phone="13912340012")
        post(client, "classics-recitation", prefix="/en", phone="13912340013")
    assert [notice.subject.split("】")[0] for notice in outbox] == [
        "【云溪市少年儿童图书馆",
        "【Yunxi Children's Library",
    ]


def test_nothing_is_sent_when_the_transaction_does_not_commit(outbox):
    register(event("classics-recitation"), name="张三", phone="13912345678", seats=1)
    assert outbox == []  # the test's transaction never commits


def test_waitlist_then_promotion(outbox, django_capture_on_commit_callbacks):
    full = event("full-origami")
    with django_capture_on_commit_callbacks(execute=True):
        waiting = register(full, name="候补", phone="13911112222", seats=1).registration
    assert waiting.status == RegistrationStatus.WAITLISTED and outbox[-1].kind == Kind.WAITLISTED
    outbox.clear()
    first_confirmed = full.registrations.filter(status=RegistrationStatus.CONFIRMED).first()
    with django_capture_on_commit_callbacks(execute=True):
        promoted = cancel(first_confirmed)
    kinds = {(n.kind, n.code) for n in outbox}
    assert (Kind.CANCELLED, first_confirmed.code) in kinds
    for registration in promoted:
        assert (Kind.PROMOTED, registration.code) in kinds


def test_library_cancelling_an_event_tells_everyone_once(outbox, django_capture_on_commit_callbacks):
    origami = event("full-origami")
    active = origami.registrations.filter(status__in=["confirmed", "waitlisted"]).count()
    assert active
    origami.status = EventStatus.CANCELLED
    origami.status_note = "场地维修。"
    with django_capture_on_commit_callbacks(execute=True):
        origami.save_revision().publish()
        origami.save_revision().publish()  # published again: nobody is told twice
        english = event("full-origami", "en")
        english.status = EventStatus.CANCELLED
        english.save_revision().publish()  # nor when the translation follows
    assert [n.kind for n in outbox] == [Kind.EVENT_CANCELLED] * active
    assert "场地维修" in outbox[0].text and len({n.code for n in outbox}) == active


def tomorrow_at(hour):
    return datetime.combine(timezone.localdate() + timedelta(days=1), time(hour), tzinfo=BEIJING)


def test_reminders_go_out_once_the_day_before(outbox, django_capture_on_commit_callbacks, capsys):
    club = event("weekly-reading-club")
    club.start, club.end = tomorrow_at(19), tomorrow_at(21)
    club.save()
    confirmed = register(club, name="李四", phone="13700001111", seats=1).registration
    waitlisted = Registration.objects.create(
        event=club,
        code="WAIT2345",
        name="王五",
        phone="13700002222",
        seats=1,
        status=RegistrationStatus.WAITLISTED,
        consented_at=timezone.now(),
    )
    outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_event_reminders")
        call_command("send_event_reminders")
    assert [(n.kind, n.code) for n in outbox] == [(Kind.REMINDER, confirmed.code)]
    assert "已提醒 1 条" in capsys.readouterr().out
    confirmed.refresh_from_db()
    waitlisted.refresh_from_db()
    assert confirmed.reminded_at and waitlisted.reminded_at is None


def test_no_reminders_for_cancelled_or_later_events(outbox, django_capture_on_commit_callbacks):
    lanterns = event("lantern-riddles")
    lanterns.start, lanterns.end = tomorrow_at(18), tomorrow_at(20)
    lanterns.save()
    Registration.objects.create(
        event=lanterns,
        code="LANT2345",
        name="赵六",
        phone="13700003333",
        seats=1,
        status=RegistrationStatus.CONFIRMED,
        consented_at=timezone.now(),
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_event_reminders")
    assert not [n for n in outbox if n.code == "LANT2345"]


def test_email_backend_writes_to_the_address_the_reader_gave(settings, client, django_capture_on_commit_callbacks):
    settings.PORTAL_NOTIFICATION_BACKENDS = ["events.notifications.EmailBackend"]
    notifications.backends.cache_clear()
    try:
        club = event("job-seekers-training")
        club.extra_questions = ["email"]
        club.save()
        with django_capture_on_commit_callbacks(execute=True):
            response = post(client, "job-seekers-training", email="reader@example.cn")
        assert response.status_code == 200
        assert [m.to for m in mail.outbox] == [["reader@example.cn"]]
        assert "报名成功" in mail.outbox[0].subject
    finally:
        notifications.backends.cache_clear()


def test_file_backend_appends_json_lines(settings, tmp_path, django_capture_on_commit_callbacks):
    outbox_file = tmp_path / "outbox.jsonl"
    settings.PORTAL_NOTIFICATION_BACKENDS = ["events.notifications.FileBackend"]
    settings.PORTAL_NOTIFICATIONS_FILE = str(outbox_file)
    notifications.backends.cache_clear()
    try:
        with django_capture_on_commit_callbacks(execute=True):
            register(event("classics-recitation"), name="张三", phone="13912345678", seats=2)
        [line] = outbox_file.read_text(encoding="utf-8").splitlines()
        assert json.loads(line)["phone"] == "13912345678" and "共 2 人" in json.loads(line)["text"]
    finally:
        notifications.backends.cache_clear()


class Broken(notifications.SmsBackend):
    def send_sms(self, phone, text):
        raise ConnectionError("SMS gateway down")


def test_a_failing_sms_provider_does_not_undo_the_registration(
    settings, client, django_capture_on_commit_callbacks, caplog
):
    settings.PORTAL_NOTIFICATION_BACKENDS = [f"{__name__}.Broken", "events.notifications.MemoryBackend"]
    notifications.backends.cache_clear()
    notifications.MemoryBackend.outbox.clear()
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = post(client, "classics-recitation")
        assert b'data-registration-status="confirmed"' in response.content
        assert Registration.objects.filter(phone="13912345678", status="confirmed").exists()
        assert "SMS gateway down" in caplog.text
        assert len(notifications.MemoryBackend.outbox) == 1  # the other backends still ran
    finally:
        notifications.backends.cache_clear()
        notifications.MemoryBackend.outbox.clear()


def test_mistyped_backend_is_a_startup_error(settings):
    settings.PORTAL_NOTIFICATION_BACKENDS = ["events.notifications.NoSuchBackend"]
    errors = [e for e in run_checks() if e.id == "events.E001"]
    assert errors and "NoSuchBackend" in errors[0].msg
