"""Registering, cancelling, moving and checking in, with the event's capacity never exceeded.

Every change takes a row lock on the event's canonical page (``SELECT … FOR UPDATE`` on PostgreSQL;
SQLite serialises writers on its own), then counts and writes inside the same transaction, so two
readers can never both take the last seat. Readers are told of every change that concerns them
(events.notifications) once the transaction has committed.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.db import transaction
from django.db.models import Min, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal import codes
from portal.ratelimit import limited

from .models import EventPage, EventStatus, Registration, RegistrationStatus
from .notifications import Kind, notify, send_once

CODE_LENGTH = 8  # portal.codes: 31⁸ codes


class Outcome(StrEnum):
    """What a registration attempt came to; the answer page shows it as data-registration-status."""

    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    FULL = "full"
    CLOSED = "closed"
    DUPLICATE = "duplicate"
    INVALID = "invalid"


@dataclass
class Result:
    outcome: Outcome
    registration: Registration | None = None


def seats_taken(event, status):
    return event.registrations.filter(status=status).aggregate(total=Sum("seats"))["total"] or 0


def seats_by_status(event):
    """(confirmed seats, waitlisted seats) in one query."""
    totals = event.registrations.aggregate(
        confirmed=Sum("seats", filter=Q(status=RegistrationStatus.CONFIRMED)),
        waitlisted=Sum("seats", filter=Q(status=RegistrationStatus.WAITLISTED)),
    )
    return totals["confirmed"] or 0, totals["waitlisted"] or 0


def seats_and_registration_of(event, phone):
    """(confirmed seats, waitlisted seats, the phone's active registration or None) in one query
    while the event is locked (the registration itself costs a second one only when there is one):
    every query inside the lock makes the next reader at 9:00 wait longer."""
    active = [RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED]
    totals = event.registrations.aggregate(
        confirmed=Sum("seats", filter=Q(status=RegistrationStatus.CONFIRMED)),
        waitlisted=Sum("seats", filter=Q(status=RegistrationStatus.WAITLISTED)),
        existing=Min("pk", filter=Q(phone=phone, status__in=active)),
    )
    existing = Registration.objects.get(pk=totals["existing"]) if totals["existing"] else None
    return totals["confirmed"] or 0, totals["waitlisted"] or 0, existing


def locked(event):
    """The canonical event row, locked until the transaction ends."""
    return EventPage.objects.select_for_update().get(pk=event.canonical.pk)


def register(event, *, name, phone, seats, answers=None, language="zh-hans", now=None, by_staff=False):
    """A reader's registration (or one staff enter for them, which ignores the registration
    window but never the capacity).

    Room is checked before duplicates: on an event with no room left the answer is ``full``
    whether or not the number is registered already, so nobody can learn from it whether someone
    registered (for a 视障读者 event that is personal data). A reader who is registered gets their
    code again on the phone on file (``resend_code``), never on the page."""
    now = now or timezone.now()
    with transaction.atomic():
        event = locked(event)
        if event.status == EventStatus.CANCELLED or (not by_staff and event.registration_state(now)):
            return Result(Outcome.CLOSED)
        confirmed, waitlisted, existing = seats_and_registration_of(event, phone)
        if waitlisted and confirmed < event.capacity and promote_from_waitlist(event, now=now):
            # Seats were freed by something that did not promote (a capacity raised outside the
            # admin, a publish racing this request): the people waiting take them before a newcomer.
            confirmed, waitlisted = seats_by_status(event)
        if confirmed + seats <= event.capacity:
            status = RegistrationStatus.CONFIRMED
        elif waitlisted + seats <= event.waitlist_size:
            status = RegistrationStatus.WAITLISTED
        else:
            status = None
        if existing and by_staff:
            return Result(Outcome.DUPLICATE, existing)  # staff at the desk may know; nobody is messaged
        if existing:
            resend_code(existing)
            return Result(Outcome.DUPLICATE if status else Outcome.FULL)
        if status is None:
            return Result(Outcome.FULL)
        registration = create_with_unique_code(
            event=event,
            name=name,
            phone=phone,
            seats=seats,
            answers=answers or {},
            status=status,
            language=language,
            consented_at=now,
            created_at=now,
        )
        notify(Kind.CONFIRMED if status == RegistrationStatus.CONFIRMED else Kind.WAITLISTED, registration)
    return Result(Outcome.CONFIRMED if status == RegistrationStatus.CONFIRMED else Outcome.WAITLISTED, registration)


def resend_code(registration):
    """Send a registered reader their code again, to the phone (and e-mail) on file: for a reader
    whose answer page never arrived, or who lost the code. At most a few times an hour per
    registration, so the form cannot be used to flood someone's phone."""
    if not limited("resend_code", str(registration.pk)):
        notify(Kind.CODE_RESENT, registration)


def create_with_unique_code(**fields):
    return codes.create_with_unique_code(Registration.objects, CODE_LENGTH, **fields)


def cancel(registration, now=None):
    """Cancel and promote the first waitlisted registrations that now fit, in order. Returns the
    promoted registrations."""
    now = now or timezone.now()
    with transaction.atomic():
        event = locked(registration.event)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if not registration.is_active:
            return []
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at"])
        if event.end < now:
            return []  # nothing to tell about something that is over, and no seat to give
        notify(Kind.CANCELLED, registration)
        return promote_from_waitlist(event, now=now)


def promote_from_waitlist(event, now=None, passing_over=None):
    """Within a transaction holding the event lock: confirm waitlisted registrations, oldest first,
    while they fit; one that does not fit (too many seats) waits and the next may go ahead. Called
    by everything that frees seats: a cancellation, a capacity raised, staff moving a registration
    to the waitlist. An event that has ended promotes nobody. ``passing_over``: a registration staff
    just moved to the waitlist, which keeps its place but does not take back the seat it gave up."""
    if event.end < (now or timezone.now()):
        return []
    free = event.capacity - seats_taken(event, RegistrationStatus.CONFIRMED)
    promoted = []
    waiting = event.registrations.filter(status=RegistrationStatus.WAITLISTED)
    if passing_over is not None:
        waiting = waiting.exclude(pk=passing_over.pk)
    for candidate in waiting.order_by("created_at", "pk"):
        if free <= 0:
            break
        if candidate.seats <= free:
            candidate.status = RegistrationStatus.CONFIRMED
            candidate.save(update_fields=["status"])
            free -= candidate.seats
            promoted.append(candidate)
            notify(Kind.PROMOTED, candidate)
    return promoted


def seats_changed(event):
    """After an editor saved the event (capacity raised, waitlist enlarged): give the freed seats
    to the waitlist, in order, under the event's lock."""
    with transaction.atomic():
        return promote_from_waitlist(locked(event))


class NotAllowed(Exception):
    """A staff action that would break a rule; the message says which, in Chinese."""


def move(registration, to_status):
    """Staff move a registration between the confirmed list and the waitlist. Confirming needs a
    free seat (capacity is never exceeded, not even by staff). Moving to the waitlist frees seats:
    they go to the people already waiting, in order (not back to the one moved, who keeps their
    place at the head of the line), and a move the waitlist has no room for is refused."""
    with transaction.atomic():
        event = locked(registration.event)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if not registration.is_active or registration.status == to_status:
            raise NotAllowed(_("只能在“已确认”和“候补”之间移动有效的报名。"))
        if to_status == RegistrationStatus.CONFIRMED:
            if seats_taken(event, RegistrationStatus.CONFIRMED) + registration.seats > event.capacity:
                raise NotAllowed(_("名额不足：确认这条报名会超过活动名额。"))
            registration.status = RegistrationStatus.CONFIRMED
            registration.save(update_fields=["status"])
            notify(Kind.PROMOTED, registration)
            return registration
        registration.status = RegistrationStatus.WAITLISTED
        registration.save(update_fields=["status"])
        promote_from_waitlist(event, passing_over=registration)
        if seats_taken(event, RegistrationStatus.WAITLISTED) > event.waitlist_size:
            raise NotAllowed(_("候补名单已满：移入候补会超过候补名额。"))
    return registration


class CheckIn(StrEnum):
    DONE = "done"
    UNKNOWN = "unknown"
    ALREADY = "already"
    OTHER_EVENT = "other_event"
    OTHER_DAY = "other_day"
    NOT_CONFIRMED = "not_confirmed"


def check_in(code, event=None, now=None, any_day=False):
    """Mark the registration with ``code`` attended. Returns (result, registration or None);
    ``event`` (any translation) limits check-in to that event's door. Without it (the general
    door screen) only codes of events taking place today are checked in, unless staff say
    ``any_day``: a code for next week's event shown today is a mistake, not an attendance."""
    now = now or timezone.now()
    with transaction.atomic():
        registration = Registration.objects.select_for_update().select_related("event").filter(code=code).first()
        if registration is None or registration.purged_at:
            return CheckIn.UNKNOWN, None
        if event is not None and registration.event_id != event.canonical.pk:
            return CheckIn.OTHER_EVENT, registration
        if event is None and not any_day and not takes_place_on(registration.event, timezone.localdate(now)):
            return CheckIn.OTHER_DAY, registration
        if registration.attended_at:
            return CheckIn.ALREADY, registration
        if registration.status != RegistrationStatus.CONFIRMED:
            return CheckIn.NOT_CONFIRMED, registration
        registration.attended_at = now
        registration.save(update_fields=["attended_at"])
    return CheckIn.DONE, registration


def takes_place_on(event, day):
    return timezone.localdate(event.start) <= day <= timezone.localdate(event.end)


def tell_everyone_registered(event, kind, flag):
    """After the library cancels or postpones an event: tell everyone still registered, once each
    (``flag`` is the registration's field that records the notice was sent)."""
    active = event.canonical.registrations.filter(
        status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED],
        purged_at__isnull=True,
        **{f"{flag}__isnull": True},
    )
    return send_once(kind, list(active), flag)
