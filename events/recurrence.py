"""Recurring activities (a weekly reading club) as dated occurrences, made in one step.

Each occurrence is an ordinary event page — a copy of the first one with its own date, slug and
registrations — so that every date can be cancelled, moved or filled on its own, shows in the
list and the calendar, and has its own seats.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_OCCURRENCES = 52

FREQUENCIES = [
    ("daily", _("每天")),
    ("weekly", _("每周")),
    ("fortnightly", _("每两周")),
]
STEP = {"daily": timedelta(days=1), "weekly": timedelta(weeks=1), "fortnightly": timedelta(weeks=2)}


def occurrence_starts(first_start, frequency, *, count=None, until=None):
    """Start times after ``first_start`` (not including it): ``count`` of them, or as many as fall
    on or before the date ``until`` (Shanghai time), never more than MAX_OCCURRENCES.

    Steps are added to the local wall-clock time, so a club at 19:00 stays at 19:00."""
    step = STEP[frequency]
    starts = []
    current = timezone.localtime(first_start)
    while len(starts) < MAX_OCCURRENCES:
        current = current + step
        if count is not None and len(starts) >= count:
            break
        if until is not None and current.date() > until:
            break
        starts.append(current)
    return starts


def occurrence_slug(event, start):
    return f"{event.slug}-{start:%Y%m%d}"


def create_occurrences(event, starts, user=None):
    """Copies of ``event`` at each start time, next to it in the page tree, live if it is live.
    Registrations, revisions and translations are not copied; a date that already has an
    occurrence is skipped, so running this twice adds nothing. Returns the new pages."""
    parent = event.get_parent()
    duration = event.end - event.start
    registration_window = {
        name: getattr(event, name) - event.start if getattr(event, name) else None
        for name in ("registration_opens", "registration_closes")
    }
    existing = set(parent.get_children().values_list("slug", flat=True))
    created = []
    with transaction.atomic():
        for start in starts:
            slug = occurrence_slug(event, start)
            if slug in existing:
                continue
            attrs = {"slug": slug, "start": start, "end": start + duration}
            for name, offset in registration_window.items():
                attrs[name] = start + offset if offset is not None else None
            created.append(
                event.copy(
                    to=parent,
                    update_attrs=attrs,
                    keep_live=event.live,
                    user=user,
                    copy_revisions=False,
                    log_action="events.create_occurrence",
                )
            )
            existing.add(slug)
    return created
