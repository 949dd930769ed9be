"""The public activity list: filters that combine (kept in the query string so a filtered list can
be shared as a link), upcoming and past lists, and a month calendar.

Every list costs the same few queries whatever the number of events: the filters run in the
database, the page of events is fetched with its venue and category, and their translations come
in one query each (portal.i18n.localized_all).
"""

import calendar
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django import forms
from django.conf import settings
from django.db.models import Q, Sum, prefetch_related_objects
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal import page_cache
from portal.i18n import localized_all
from portal.models import Branch
from portal.routing import public

from .models import AUDIENCES, EventCategory, EventPage, EventStatus, RegistrationStatus, registrations_tag

PER_PAGE = 12

WHEN_CHOICES = [
    ("today", _("今天")),
    ("week", _("本周")),
    ("weekend", _("本周末")),
    ("month", _("本月")),
]
# Column heads of the month grid (the full names are portal.models.WEEKDAYS).
WEEKDAYS = [
    pgettext_lazy("weekday initial", "一"),
    pgettext_lazy("weekday initial", "二"),
    pgettext_lazy("weekday initial", "三"),
    pgettext_lazy("weekday initial", "四"),
    pgettext_lazy("weekday initial", "五"),
    pgettext_lazy("weekday initial", "六"),
    pgettext_lazy("weekday initial", "日"),
]
REGISTRATION_CHOICES = [
    ("required", _("需要报名")),
    ("none", _("无需报名")),
]


def filter_choices(locale):
    """What events can be narrowed to, in ``locale``: categories, audiences and branches (by code,
    the same in every language). The event list and the admin's statistics offer the same."""
    return {
        "category": list(EventCategory.objects.filter(locale=locale).order_by("pk").values_list("slug", "name")),
        "audience": list(AUDIENCES),
        "branch": list(Branch.objects.filter(locale=locale).order_by("code").values_list("code", "name")),
    }


class EventFilterForm(forms.Form):
    category = forms.ChoiceField(label=_("类别"), required=False)
    audience = forms.ChoiceField(label=_("面向人群"), required=False)
    branch = forms.ChoiceField(label=_("地点"), required=False)
    when = forms.ChoiceField(label=_("时间"), required=False)
    registration = forms.ChoiceField(label=_("报名"), required=False)
    free = forms.BooleanField(label=_("只看免费活动"), required=False)

    def __init__(self, data, locale, now):
        super().__init__(data)
        self.now = now  # what 今天 and 本周 mean
        for name, choices in filter_choices(locale).items():
            self.fields[name].choices = [("", _("全部"))] + choices
        self.fields["when"].choices = [("", _("不限"))] + WHEN_CHOICES
        self.fields["registration"].choices = [("", _("不限"))] + REGISTRATION_CHOICES
        for name in ("category", "audience", "branch", "when", "registration"):
            self.fields[name].error_messages["invalid_choice"] = _("没有这个选项：%(value)s。已显示全部活动。")

    @property
    def active(self):
        return self.is_bound and self.is_valid() and any(self.cleaned_data.values())

    def filter(self, events):
        """The events that match every chosen filter. Unknown values (an old shared link, a
        tampered URL) are ignored, and the form says so, rather than answering with an error."""
        if not self.is_bound or not self.is_valid():
            return events
        wanted = self.cleaned_data
        if wanted["category"]:
            events = events.filter(category__slug=wanted["category"])
        if wanted["audience"]:
            events = events.for_audience(wanted["audience"])
        if wanted["branch"]:
            # Codes are the same in every language; the event may point at the branch in any of them.
            events = events.filter(branch__code=wanted["branch"])
        if wanted["when"]:
            starts, ends = date_range(wanted["when"], self.now)
            events = events.filter(start__lt=ends, end__gte=starts)
        if wanted["registration"] == "required":
            events = events.filter(registration_required=True)
        elif wanted["registration"] == "none":
            events = events.filter(registration_required=False)
        if wanted["free"]:
            events = events.filter(is_free=True)
        return events

    def query_string(self):
        """The chosen filters as a query string, for pagination and calendar links."""
        if not self.is_bound or not self.is_valid():
            return ""
        from urllib.parse import urlencode

        return urlencode({key: ("1" if value is True else value) for key, value in self.cleaned_data.items() if value})


def date_range(when, now):
    """[start, end) of "today", "this week" (to Sunday night), "this weekend", "this month", in
    the site's local time. "This weekend" on a Sunday is today; on a weekday, the coming Saturday and Sunday."""
    today = timezone.localtime(now).date()
    if when == "today":
        first, last = today, today
    elif when == "week":
        first, last = today, today + timedelta(days=6 - today.weekday())
    elif when == "weekend":
        first = max(today, today + timedelta(days=5 - today.weekday()))
        last = today + timedelta(days=6 - today.weekday())
    else:
        first, last = today, today.replace(day=calendar.monthrange(today.year, today.month)[1])
    return midnight(first), midnight(last + timedelta(days=1))


def midnight(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def published_events(index):
    return public(EventPage.objects.live()).descendant_of(index).select_related("branch__locale", "category__locale")


def with_translations(events):
    """Attach ``venue`` and ``category_in_language`` in the active language, ``registration``
    (see ``with_seats``) and the thumbnails: five queries in all."""
    events = list(events)
    # The cards' thumbnails and their renditions, two queries for the page (not two per card).
    prefetch_related_objects(events, "image__renditions")
    venues = localized_all([event.branch for event in events])
    categories = localized_all([event.category for event in events])
    for event in events:
        event.venue = venues.get(event.branch_id)
        event.category_in_language = categories.get(event.category_id)
    with_seats(events)
    return events


@dataclass(frozen=True)
class CardRegistration:
    """What an event card says about registration: ``state`` is one of ``none`` (免报名),
    ``open`` (余 N 席), ``waitlist`` (已满可候补), ``full``, ``not_open`` (未开放) or ``closed``
    (已截止); ``seats_left`` only for events that take registrations."""

    state: str
    seats_left: int | None = None


def with_seats(events, now=None):
    """Attach ``registration`` (a CardRegistration) to each scheduled event: the seats left of
    every event of the page in one query, counted on the event in the default language, which
    holds the registrations of its translations too."""
    now = now or timezone.now()
    taking = [event for event in events if event.registration_required and event.status == EventStatus.SCHEDULED]
    taken = {}
    if taking:
        rows = (
            EventPage.objects.filter(
                translation_key__in={event.translation_key for event in taking},
                locale__language_code=settings.LANGUAGE_CODE,
            )
            .annotate(
                taken=Coalesce(
                    Sum("registrations__seats", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)), 0
                )
            )
            .values_list("translation_key", "pk", "taken")
        )
        taken = {key: (pk, seats) for key, pk, seats in rows}
    for event in events:
        if not event.registration_required:
            event.registration = CardRegistration("none")
        elif event.status != EventStatus.SCHEDULED:
            event.registration = None  # the card shows 已取消 / 延期 instead
        else:
            canonical_pk, seats = taken.get(event.translation_key, (event.pk, 0))
            page_cache.depends_on(registrations_tag(canonical_pk))
            left = max(event.capacity - seats, 0)
            if event.registration_state(now):
                state = "not_open" if event.registration_opens and now < event.registration_opens else "closed"
            else:
                state = "open" if left else ("waitlist" if event.waitlist_size else "full")
            event.registration = CardRegistration(state, left)


def upcoming(index, form, now):
    return form.filter(published_events(index).upcoming(now)).order_by("start", "pk")


def past(index, form, now):
    return form.filter(published_events(index).filter(end__lt=now)).order_by("-start", "-pk")


@dataclass
class Day:
    day: date
    in_month: bool
    is_today: bool
    events: list = field(default_factory=list)


@dataclass
class Month:
    first: date
    weeks: list
    previous: date
    next: date

    @property
    def events_by_day(self):
        return [day for week in self.weeks for day in week if day.in_month and day.events]


def parse_month(value, now):
    """``?month=2026-11`` → the first of that month; anything else → this month."""
    today = timezone.localtime(now).date()
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        if 2000 <= year <= 2100:
            return date(year, month, 1)
    except ValueError:
        pass
    return today.replace(day=1)


def month_calendar(index, form, first, now):
    """Weeks Monday to Sunday covering the month, each day with the events that touch it."""
    days_in_month = calendar.monthrange(first.year, first.month)[1]
    last = first.replace(day=days_in_month)
    grid_start = first - timedelta(days=first.weekday())
    grid_end = last + timedelta(days=6 - last.weekday())
    events = form.filter(
        published_events(index).filter(start__lt=midnight(last + timedelta(days=1)), end__gte=midnight(first))
    ).order_by("start", "pk")
    events = with_translations(events)
    today = timezone.localtime(now).date()
    days = {}
    current = grid_start
    while current <= grid_end:
        days[current] = Day(current, current.month == first.month, current == today)
        current += timedelta(days=1)
    for event in events:
        day = max(timezone.localtime(event.start).date(), first)
        final = min(timezone.localtime(event.end - timedelta(seconds=1)).date(), last)
        while day <= final:
            days[day].events.append(event)
            day += timedelta(days=1)
    ordered = list(days.values())
    weeks = [ordered[i : i + 7] for i in range(0, len(ordered), 7)]
    previous = (first - timedelta(days=1)).replace(day=1)
    return Month(first, weeks, previous, last + timedelta(days=1))
