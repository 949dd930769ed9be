"""Figures for the annual report and the 评估定级: activities held, registrations, attendance and
no-shows for a date range, per branch, category, audience and lecture series, and satisfaction
from the surveys readers answered in that range.

The database does the heavy part: one query sums a year's registrations (50,000 rows for a city
library) into one row per event (600+); grouping those few hundred rows by branch, category and
audience — an event may serve several audiences — is then done here.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale

from events import permissions
from events.listing import midnight
from events.models import AUDIENCES, EventStatus, LecturePage, LectureSeriesPage, RegistrationStatus
from home.models import SurveyPage


@dataclass
class Row:
    """One line of a table: a branch, a category, an audience, a series, or the total."""

    label: str
    events: int = 0
    with_registration: int = 0
    registrations: int = 0  # confirmed registrations (people who hold a place)
    registered_seats: int = 0
    attended_seats: int = 0  # checked in at the door
    ended_registered_seats: int = 0  # seats of events that have ended: the base of the no-show rate
    ended_attended_seats: int = 0
    participants: int = 0  # 参与人次: the head count staff gave, else those checked in

    def add(self, event):
        self.events += 1
        self.with_registration += event.registration_required
        self.registrations += event.confirmed_registrations
        self.registered_seats += event.confirmed_seats
        self.attended_seats += event.attended_seats
        if event.ended:
            self.ended_registered_seats += event.confirmed_seats
            self.ended_attended_seats += event.attended_seats
        self.participants += event.headcount if event.headcount is not None else event.attended_seats

    @property
    def no_show_rate(self):
        """Share of the seats booked for events that have ended whose holders did not check in."""
        if not self.ended_registered_seats:
            return None
        return 1 - self.ended_attended_seats / self.ended_registered_seats


@dataclass
class Report:
    start: object
    end: object
    total: Row
    by_branch: list = field(default_factory=list)
    by_category: list = field(default_factory=list)
    by_audience: list = field(default_factory=list)
    by_series: list = field(default_factory=list)
    satisfaction: list = field(default_factory=list)  # (survey title, satisfied, answers)

    @property
    def satisfied(self):
        return sum(satisfied for _title, satisfied, _answers in self.satisfaction)

    @property
    def answers(self):
        return sum(answers for _title, _satisfied, answers in self.satisfaction)

    @property
    def satisfaction_rate(self):
        return self.satisfied / self.answers if self.answers else None


def day_bounds(start, end):
    """[start 00:00, the day after end 00:00) in local time: both days included."""
    return midnight(start), midnight(end + timedelta(days=1))


def events_held(user, start, end, branch=None, category=None, audience=None):
    """The events held in the range that ``user`` may see (cancelled ones were not held), in the
    default language, each annotated with its registration counts."""
    since, until = day_bounds(start, end)
    events = (
        permissions.managed_events(user)
        .filter(live=True, start__gte=since, start__lt=until)
        .exclude(status=EventStatus.CANCELLED)
    )
    if branch:
        events = events.filter(branch__code=branch)
    if category:
        events = events.filter(category__slug=category)
    if audience:
        events = events.for_audience(audience)
    confirmed = Q(registrations__status=RegistrationStatus.CONFIRMED)
    return (
        events.with_seat_counts()
        .annotate(confirmed_registrations=Count("registrations", filter=confirmed))
        .select_related("branch", "category")
        .order_by("start")
    )


def report(user, start, end, branch=None, category=None, audience=None):
    now = timezone.now()
    events = list(events_held(user, start, end, branch, category, audience))
    total = Row(_("合计"))
    branches, categories, audiences = {}, {}, {code: Row(str(label)) for code, label in AUDIENCES}
    series_of = lecture_series([event.pk for event in events])
    series_rows = {}
    for event in events:
        event.ended = event.end < now
        total.add(event)
        branch_name = event.branch.name if event.branch else _("线上")
        branches.setdefault(branch_name, Row(branch_name)).add(event)
        category_name = event.category.name if event.category else _("未分类")
        categories.setdefault(category_name, Row(category_name)).add(event)
        for code in event.audiences:
            if code in audiences:
                audiences[code].add(event)
        if event.pk in series_of:
            title = series_of[event.pk]
            series_rows.setdefault(title, Row(title)).add(event)
    by_count = lambda rows: sorted(rows, key=lambda row: (-row.events, row.label))  # noqa: E731
    return Report(
        start=start,
        end=end,
        total=total,
        by_branch=by_count(branches.values()),
        by_category=by_count(categories.values()),
        by_audience=[row for row in audiences.values() if row.events],
        by_series=by_count(series_rows.values()),
        satisfaction=survey_satisfaction(start, end),
    )


def lecture_series(event_ids):
    """{lecture id: its series' title} for the lectures among these events."""
    lectures = LecturePage.objects.filter(pk__in=event_ids).values_list("pk", "path")
    parent_path = {pk: path[: -LectureSeriesPage.steplen] for pk, path in lectures}
    titles = dict(LectureSeriesPage.objects.filter(path__in=set(parent_path.values())).values_list("path", "title"))
    return {pk: titles[path] for pk, path in parent_path.items() if path in titles}


def survey_satisfaction(start, end):
    """(survey, satisfied answers, answers) for each survey with a satisfaction question that
    readers answered in the range."""
    since, until = day_bounds(start, end)
    rows = []
    for survey in SurveyPage.objects.filter(locale=Locale.get_default()).exclude(satisfaction_question=""):
        counted = survey.satisfaction(since=since, until=until)
        if counted and counted[1]:
            rows.append((survey.title, *counted))
    return rows
