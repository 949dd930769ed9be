"""Telling readers about their registrations, through one small interface.

``notify(kind, registration)`` writes the message in the language the reader registered in and
hands it to every backend named in ``settings.PORTAL_NOTIFICATION_BACKENDS``
(``NOTIFICATION_BACKENDS``, comma-separated dotted paths):

- ``ConsoleBackend`` (default): one log line per message, phone masked; for development and for
  libraries that do not send messages yet;
- ``FileBackend``: one JSON line per message appended to ``NOTIFICATIONS_FILE`` (an outbox another
  program can deliver from);
- ``EmailBackend``: Django's email, to the address a reader gave when the editor asked for one;
- ``SmsBackend``: subclass it and implement ``send_sms(phone, text)`` for the library's SMS
  provider (阿里云, 腾讯云 …), then name the subclass in ``NOTIFICATION_BACKENDS``.

Messages are handed to Django's tasks framework (events.tasks) after the database transaction
commits: with the default immediate backend they are written and sent right then, in the request;
with ``TASKS_BACKEND=database`` they wait in the database for ``manage.py db_worker``, so a slow SMS
gateway never holds up the answer to a reader. A backend that fails is logged, never shown to the
reader: their registration stands whether or not the message arrives.
"""

import fcntl
import json
import logging
import os
from dataclasses import asdict, dataclass
from datetime import datetime
from enum import StrEnum
from functools import cache

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from portal import page_cache

logger = logging.getLogger("portal.notifications")


class Kind(StrEnum):
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    PROMOTED = "promoted"
    CANCELLED = "cancelled"
    EVENT_CANCELLED = "event_cancelled"
    REMINDER = "reminder"
    CODE_RESENT = "code_resent"
    EVENT_POSTPONED = "event_postponed"


@dataclass(frozen=True)
class Notice:
    kind: str
    phone: str
    email: str
    subject: str
    text: str
    code: str
    event_id: int


class Backend:
    def send(self, notice):
        raise NotImplementedError


class ConsoleBackend(Backend):
    def send(self, notice):
        from .models import mask_phone

        logger.info("[%s] %s %s: %s", notice.kind, notice.code, mask_phone(notice.phone), notice.text)


class FileBackend(Backend):
    def send(self, notice):
        path = settings.PORTAL_NOTIFICATIONS_FILE
        if not path:
            raise RuntimeError("FileBackend needs NOTIFICATIONS_FILE")
        with open(path, "a", encoding="utf-8") as outbox:
            fcntl.flock(outbox, fcntl.LOCK_EX)  # not while prune_outbox rewrites the file
            outbox.write(json.dumps({**asdict(notice), "at": timezone.now().isoformat()}, ensure_ascii=False) + "\n")


def prune_outbox(before):
    """Remove the FileBackend outbox's messages written before ``before`` (they hold full phone
    numbers); returns how many. Rewritten in place under the same lock as ``FileBackend.send``, so
    no message appended meanwhile is lost."""
    path = settings.PORTAL_NOTIFICATIONS_FILE
    if not path or not os.path.exists(path):
        return 0
    with open(path, "r+", encoding="utf-8") as outbox:
        fcntl.flock(outbox, fcntl.LOCK_EX)
        lines = outbox.readlines()
        kept = [line for line in lines if not written_before(line, before)]
        outbox.seek(0)
        outbox.writelines(kept)
        outbox.truncate()
    return len(lines) - len(kept)


def written_before(line, before):
    try:
        return datetime.fromisoformat(json.loads(line)["at"]) < before
    except (ValueError, KeyError, TypeError):
        return False  # a line this code did not write is left for the operator


class EmailBackend(Backend):
    def send(self, notice):
        if notice.email:
            send_mail(notice.subject, notice.text, None, [notice.email])


class SmsBackend(Backend):
    """Base class for an SMS provider."""

    def send(self, notice):
        self.send_sms(notice.phone, notice.text)

    def send_sms(self, phone, text):
        raise NotImplementedError


class MemoryBackend(Backend):
    """Keeps messages in ``MemoryBackend.outbox`` (tests)."""

    outbox = []

    def send(self, notice):
        self.outbox.append(notice)


@cache
def backends():
    return [import_string(path)() for path in settings.PORTAL_NOTIFICATION_BACKENDS]


def notify(kind, registration):
    """Send ``kind`` to the reader of ``registration`` once the current transaction commits (a
    registration that is rolled back is never announced). The message is written then too, so
    that nothing is added to the time the event is locked. Whatever goes wrong after the commit
    (the database gone while the message is queued or written, a backend down) is logged, never
    raised: the registration is made, and its reader must still get the answer page with the code."""
    from .tasks import send_notification

    registration_id = registration.pk
    transaction.on_commit(lambda: send_notification.enqueue(kind, registration_id), robust=True)


def send(kind, registration_id):
    """Write and deliver one message (the body of the events.tasks task)."""
    from .models import Registration

    try:
        registration = Registration.objects.select_related("event__locale", "event__branch").get(pk=registration_id)
        notice = compose(kind, registration)
    except Exception:
        logger.exception("notification %s for registration %s could not be written", kind, registration_id)
        return
    deliver(notice)


def deliver(notice):
    for backend in backends():
        try:
            backend.send(notice)
        except Exception:
            logger.exception("notification %s for %s failed in %s", notice.kind, notice.code, type(backend).__name__)


def compose(kind, registration):
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Locale

    from .calendar import event_location

    event = registration.event
    with translation.override(registration.language):
        if event.locale.language_code != get_supported_content_language_variant(registration.language):
            event = event.get_translation_or_none(Locale.get_active()) or event
        facts = {
            "library": library_name(),
            "event": event.title,
            "time": timezone.localtime(event.start).strftime("%Y-%m-%d %H:%M"),
            "place": event_location(event) or "",
            "code": registration.code,
            "seats": registration.seats,
            "url": event.get_full_url(),
        }
        subject, text = MESSAGES[kind](facts, event)
        return Notice(
            kind=kind,
            phone=registration.phone,
            email=registration.answers.get("email", ""),
            subject=f"【{facts['library']}】{subject}",
            text=f"【{facts['library']}】{text}",
            code=registration.code,
            event_id=event.pk,
        )


def library_name():
    """The library's name in the active language, as its settings give it; kept like the site's
    frame (portal.page_cache.kept): every registration's message starts with it."""
    return page_cache.kept(f"library-name:v1:{translation.get_language()}", look_up_library_name)


def look_up_library_name():
    from wagtail.models import Site

    from portal.models import LibrarySettings

    site = Site.objects.filter(is_default_site=True).first()
    return LibrarySettings.for_site(site).display_name if site else ""


MESSAGES = {
    Kind.CONFIRMED: lambda f, event: (
        _("报名成功"),
        _("报名成功：%(event)s，%(time)s，%(place)s。报名码 %(code)s，共 %(seats)s 人。查看或取消：%(url)s") % f,
    ),
    Kind.WAITLISTED: lambda f, event: (
        _("已进入候补名单"),
        _("您已进入候补名单：%(event)s，%(time)s。报名码 %(code)s。有名额空出时会按顺序转为报名成功并通知您。") % f,
    ),
    Kind.PROMOTED: lambda f, event: (
        _("候补转为报名成功"),
        _("有名额空出，您已由候补转为报名成功：%(event)s，%(time)s，%(place)s。报名码 %(code)s，共 %(seats)s 人。") % f,
    ),
    Kind.CANCELLED: lambda f, event: (_("报名已取消"), _("您的报名已取消：%(event)s，%(time)s。报名码 %(code)s。") % f),
    Kind.EVENT_CANCELLED: lambda f, event: (
        _("活动取消"),
        _("很抱歉，%(event)s（%(time)s）已取消。") % f + (f" {event.status_note}" if event.status_note else ""),
    ),
    Kind.EVENT_POSTPONED: lambda f, event: (
        _("活动延期"),
        _("%(event)s（原定 %(time)s）延期举行，新的日期确定后会再通知您。您的报名码 %(code)s 仍然有效。") % f
        + (f" {event.status_note}" if event.status_note else ""),
    ),
    Kind.CODE_RESENT: lambda f, event: (
        _("您的报名码"),
        _("您已报名：%(event)s，%(time)s。报名码 %(code)s，共 %(seats)s 人。查看或取消：%(url)s") % f,
    ),
    Kind.REMINDER: lambda f, event: (
        _("活动提醒"),
        _("提醒：您报名的 %(event)s 将于 %(time)s 在 %(place)s 举行。报名码 %(code)s，共 %(seats)s 人。") % f,
    ),
}


def send_once(kind, registrations, flag):
    """Send ``kind`` to each registration whose ``flag`` field is still empty, setting it first:
    the conditional UPDATE lets only one of two concurrent runs claim a registration, so nobody
    gets the same message twice (a backend failure is logged and not retried). Returns how many
    were sent."""
    from .models import Registration

    sent = 0
    for registration in registrations:
        claimed = Registration.objects.filter(pk=registration.pk, **{f"{flag}__isnull": True}).update(
            **{flag: timezone.now()}
        )
        if claimed:
            notify(kind, registration)
            sent += 1
    return sent
