"""Registering and cancelling, with the event's capacity never exceeded.

Every change takes a row lock on the event's canonical page (``SELECT … FOR UPDATE`` on PostgreSQL;
SQLite serialises writers on its own), then counts and writes inside the same transaction, so two
readers can never both take the last seat.
"""

import secrets
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from .models import EventPage, Registration, RegistrationStatus

# No 0/O, 1/I/L: codes are read aloud at the door and typed on phones.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 8


class Outcome:
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    FULL = "full"
    CLOSED = "closed"
    DUPLICATE = "duplicate"
    INVALID = "invalid"


@dataclass
class Result:
    outcome: str
    registration: Registration | None = None


def new_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def seats_taken(event, status):
    return event.registrations.filter(status=status).aggregate(total=Sum("seats"))["total"] or 0


def locked(event):
    """The canonical event row, locked until the transaction ends."""
    return EventPage.objects.select_for_update().get(pk=event.canonical.pk)


def register(event, *, name, phone, seats, answers=None, now=None):
    now = now or timezone.now()
    with transaction.atomic():
        event = locked(event)
        if event.registration_state(now):
            return Result(Outcome.CLOSED)
        duplicate = event.registrations.filter(
            phone=phone, status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED]
        ).first()
        if duplicate:
            return Result(Outcome.DUPLICATE, duplicate)
        if seats_taken(event, RegistrationStatus.CONFIRMED) + seats <= event.capacity:
            status = RegistrationStatus.CONFIRMED
        elif seats_taken(event, RegistrationStatus.WAITLISTED) + seats <= event.waitlist_size:
            status = RegistrationStatus.WAITLISTED
        else:
            return Result(Outcome.FULL)
        registration = Registration.objects.create(
            event=event, code=unique_code(), name=name, phone=phone, seats=seats,
            answers=answers or {}, status=status, consented_at=now, created_at=now,
        )
    return Result(status, registration)


def unique_code():
    while True:
        code = new_code()
        if not Registration.objects.filter(code=code).exists():
            return code


def cancel(registration, now=None):
    """Cancel and promote the first waitlisted registrations that now fit, in order. Returns the
    promoted registrations (so the caller can tell them)."""
    now = now or timezone.now()
    with transaction.atomic():
        event = locked(registration.event)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if not registration.is_active:
            return []
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at"])
        return promote_from_waitlist(event)


def promote_from_waitlist(event):
    """Within a transaction holding the event lock: confirm waitlisted registrations, oldest first,
    while they fit; one that does not fit (too many seats) waits and the next may go ahead."""
    free = event.capacity - seats_taken(event, RegistrationStatus.CONFIRMED)
    promoted = []
    for waiting in event.registrations.filter(status=RegistrationStatus.WAITLISTED).order_by("created_at", "pk"):
        if waiting.seats <= free:
            waiting.status = RegistrationStatus.CONFIRMED
            waiting.save(update_fields=["status"])
            free -= waiting.seats
            promoted.append(waiting)
    return promoted
