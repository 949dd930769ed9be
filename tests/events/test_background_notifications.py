"""Messages to readers as background tasks (events.tasks): with the database queue a registration
is answered without waiting for the SMS gateway, and the worker delivers the message afterwards;
nothing is queued for a registration that never commits."""

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from events import notifications
from events.models import EventPage, Registration
from events.notifications import Kind
from events.registration import register

pytestmark = pytest.mark.django_db

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


class Gateway(notifications.SmsBackend):
    """An SMS provider that remembers what it was asked to send."""

    sent = []

    def send_sms(self, phone, text):
        self.sent.append((phone, text))


@pytest.fixture(autouse=True)
def worker_keeps_the_test_connection(monkeypatch):
    """The worker recycles its database connection between tasks, as a long-running process must;
    here it runs inside the test's transaction, which that would close (on PostgreSQL)."""
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


@pytest.fixture
def sms(settings):
    settings.PORTAL_NOTIFICATION_BACKENDS = [f"{__name__}.Gateway"]
    notifications.backends.cache_clear()
    Gateway.sent.clear()
    yield Gateway.sent
    notifications.backends.cache_clear()
    Gateway.sent.clear()


def test_with_the_database_queue_the_worker_sends_what_the_request_queued(
    settings, client, sms, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE_QUEUE
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/events/classics-recitation/register/",
            {"name": "张三", "phone": "13912345678", "seats": "1", "consent": "on"},
        )
    assert b'data-registration-status="confirmed"' in response.content
    assert sms == []  # the answer did not wait for the gateway
    [queued] = DBTaskResult.objects.all()
    assert queued.task_path == "events.tasks.send_notification" and queued.status == "READY"
    # What is stored is the kind and the registration's id, not the phone or the text.
    assert "13912345678" not in str(queued.args_kwargs)

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload")

    code = Registration.objects.get(phone="13912345678").code
    [(phone, text)] = sms
    assert phone == "13912345678" and code in text and "报名成功" in text
    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL"


def test_with_the_default_immediate_backend_the_message_goes_out_at_commit(
    client, sms, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/events/classics-recitation/register/",
            {"name": "张三", "phone": "13912345678", "seats": "1", "consent": "on"},
        )
    assert len(sms) == 1 and not DBTaskResult.objects.exists()


def test_nothing_is_queued_for_a_registration_that_is_rolled_back(settings, sms):
    settings.TASKS = DATABASE_QUEUE
    event = EventPage.objects.get(slug="classics-recitation", locale__language_code="zh-hans").specific
    register(event, name="张三", phone="13912345678", seats=1)  # the test's transaction never commits
    assert not DBTaskResult.objects.exists() and sms == []


def test_a_registration_purged_before_the_worker_ran_is_not_sent(
    settings, client, sms, caplog, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE_QUEUE
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/events/classics-recitation/register/",
            {"name": "张三", "phone": "13912345678", "seats": "1", "consent": "on"},
        )
    Registration.objects.filter(phone="13912345678").delete()
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload")
    assert sms == [] and f"notification {Kind.CONFIRMED}" in caplog.text
