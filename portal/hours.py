"""Open or closed, computed in the site's local time (TIME_ZONE: Asia/Shanghai) from weekly periods,
dated exceptions and (for the mobile library) a stop timetable. Pure functions on plain values, so
every rule is unit-tested without a database; ``portal.models.Branch.status_at`` feeds them from
the branch's rows.
"Overrides" are the dated exceptions editors enter: holidays, closures, 春节 hours.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from enum import StrEnum

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

CLOSING_SOON = timedelta(minutes=30)
HORIZON_DAYS = 21  # how far ahead to look for the next opening (long holidays, weekly bus stops)


class State(StrEnum):
    OPEN = "open"
    CLOSING_SOON = "closing_soon"
    CLOSED = "closed"
    CLOSED_TODAY = "closed_today"


STATE_LABELS = {
    State.OPEN: _("开放中"),
    State.CLOSING_SOON: _("即将闭馆"),
    State.CLOSED: _("已闭馆"),
    State.CLOSED_TODAY: _("今日休息"),
}


@dataclass(frozen=True)
class Period:
    """Open on ``weekday`` (0 = Monday) from ``opens`` to ``closes``; ``next_day`` when it closes
    after midnight. A bus stop is a period too, with the stop's name."""

    weekday: int
    opens: time
    closes: time
    next_day: bool = False
    place: str = ""


@dataclass(frozen=True)
class Override:
    """From ``start`` to ``end`` (dates, inclusive): closed, or open only ``opens``–``closes``."""

    start: object
    end: object
    closed: bool = True
    opens: time | None = None
    closes: time | None = None
    reason: str = ""


@dataclass(frozen=True)
class Interval:
    start: datetime
    end: datetime
    place: str = ""


@dataclass(frozen=True)
class Status:
    state: str
    next_change: datetime | None  # when it next opens (closed) or closes (open); None: not within the horizon
    place: str = ""  # the mobile library's current stop
    reason: str = ""  # the dated override in force today, if any

    @property
    def is_open(self):
        return self.state in (State.OPEN, State.CLOSING_SOON)

    @property
    def label(self):
        return STATE_LABELS[self.state]

    def holds_until(self, now):
        """When this status, or what a page says of it ("今天 17:00 闭馆"), next changes: at the next
        opening or closing, when closing becomes soon, or at midnight, when 明天 becomes 今天."""
        now = timezone.localtime(now)
        moments = [at(now.date() + timedelta(days=1), time(0))]
        if self.next_change is not None:
            moments.append(self.next_change)
            if self.state == State.OPEN and self.next_change - CLOSING_SOON > now:
                moments.append(self.next_change - CLOSING_SOON)
        return min(moments)


def at(day, moment):
    return timezone.make_aware(datetime.combine(day, moment))


def override_on(day, overrides):
    for override in overrides:
        if override.start <= day <= override.end:
            return override
    return None


def intervals_on(day, periods, overrides, always_open=False):
    """The opening intervals that start on ``day``."""
    override = override_on(day, overrides)
    if override is not None:
        if override.closed or override.opens is None or override.closes is None:
            return []
        return [Interval(at(day, override.opens), at(day, override.closes))]
    if always_open:
        return [Interval(at(day, time(0)), at(day + timedelta(days=1), time(0)))]
    intervals = []
    for period in periods:
        if period.weekday == day.weekday():
            end_day = day + timedelta(days=1) if period.next_day else day
            intervals.append(Interval(at(day, period.opens), at(end_day, period.closes), period.place))
    return sorted(intervals, key=lambda interval: interval.start)


def merged(intervals):
    """Touching or overlapping intervals as one (a 24-hour library is open across midnight)."""
    result = []
    for interval in sorted(intervals, key=lambda i: i.start):
        if result and interval.start <= result[-1].end and interval.place == result[-1].place:
            last = result.pop()
            interval = Interval(last.start, max(last.end, interval.end), last.place)
        result.append(interval)
    return result


def status(now, periods=(), overrides=(), always_open=False):
    now = timezone.localtime(now)
    today = now.date()
    days = [today + timedelta(days=offset) for offset in range(-1, HORIZON_DAYS)]
    intervals = merged(interval for day in days for interval in intervals_on(day, periods, overrides, always_open))
    override = override_on(today, overrides)
    reason = override.reason if override else ""
    for interval in intervals:
        if interval.start <= now < interval.end:
            horizon_end = at(days[-1], time(0))
            next_change = None if interval.end >= horizon_end else interval.end
            soon = next_change is not None and next_change - now <= CLOSING_SOON
            return Status(State.CLOSING_SOON if soon else State.OPEN, next_change, interval.place, reason)
    upcoming = [interval for interval in intervals if interval.start > now]
    next_open = upcoming[0].start if upcoming else None
    # "今日休息" when nothing opens today at all; "已闭馆" before today's opening or after closing.
    day_start, day_end = at(today, time(0)), at(today + timedelta(days=1), time(0))
    opens_today = any(day_start <= interval.start < day_end for interval in intervals)
    return Status(State.CLOSED if opens_today else State.CLOSED_TODAY, next_open, "", reason)
