"""Personal data is purged a configurable number of days after the event; counts remain."""

import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from events.models import EventPage, Registration, RegistrationStatus
from events.registration import register

pytestmark = pytest.mark.django_db


def purge(*args):
    out = io.StringIO()
    call_command("purge_registrations", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def past_registration():
    event = EventPage.objects.get(slug="classics-recitation", locale__language_code="zh-hans")
    registration = register(
        event, name="李四", phone="13812345678", seats=2, answers={"school": "实验小学"}
    ).registration
    event.start = timezone.now() - timedelta(days=40, hours=2)
    event.end = timezone.now() - timedelta(days=40)
    event.save()
    return registration


def test_purges_personal_fields_and_keeps_counts(past_registration, settings):
    settings.PORTAL_REGISTRATION_RETENTION_DAYS = 30
    assert "已删除 1 条" in purge()
    past_registration.refresh_from_db()
    assert (past_registration.name, past_registration.phone, past_registration.answers) == ("", "", {})
    assert past_registration.seats == 2 and past_registration.status == RegistrationStatus.CONFIRMED
    assert past_registration.purged_at is not None


def test_running_again_changes_nothing(past_registration, settings):
    settings.PORTAL_REGISTRATION_RETENTION_DAYS = 30
    purge()
    first = Registration.objects.get(pk=past_registration.pk).purged_at
    assert "已删除 0 条" in purge()
    assert Registration.objects.get(pk=past_registration.pk).purged_at == first


def test_keeps_data_within_the_retention_period(past_registration):
    assert "已删除 0 条" in purge("--days", "60")
    past_registration.refresh_from_db()
    assert past_registration.phone == "13812345678"


def test_upcoming_events_are_never_purged():
    event = EventPage.objects.get(slug="weekly-reading-club", locale__language_code="zh-hans")
    registration = register(event, name="王五", phone="13812340000", seats=1).registration
    purge("--days", "0")
    registration.refresh_from_db()
    assert registration.phone == "13812340000"


def test_dry_run_changes_nothing(past_registration):
    assert "将删除 1 条" in purge("--days", "30", "--dry-run")
    past_registration.refresh_from_db()
    assert past_registration.name == "李四"


def test_negative_days_are_refused():
    with pytest.raises(CommandError, match="不能为负数"):
        purge("--days", "-1")


def test_the_file_outbox_loses_old_messages_and_keeps_new_and_foreign_lines(settings, tmp_path):
    import json

    outbox = tmp_path / "outbox.jsonl"
    settings.PORTAL_NOTIFICATIONS_FILE = str(outbox)
    old = (timezone.now() - timedelta(days=40)).isoformat()
    new = timezone.now().isoformat()
    outbox.write_text(
        "".join(
            json.dumps({"phone": phone, "at": at}) + "\n" for phone, at in (("13800000001", old), ("13800000002", new))
        )
        + "not json\n",
        encoding="utf-8",
    )
    out = io.StringIO()
    call_command("purge_registrations", days=30, stdout=out)
    assert "1 条" in out.getvalue()
    assert "13800000001" not in outbox.read_text(encoding="utf-8")
    assert outbox.read_text(encoding="utf-8").splitlines()[1:] == ["not json"]
