"""Open or closed, in Asia/Shanghai time: boundary minutes, across midnight, exception days,
24-hour libraries and the mobile library's stops."""

from datetime import date, datetime, time, timedelta

import pytest

from portal.hours import Override, Period, State, status
from tests.local_time import BEIJING

# 2026-11-23 is a Monday.
MONDAY = date(2026, 11, 23)


def at(day, hhmm, tz=BEIJING):
    return datetime.combine(day, time.fromisoformat(hhmm), tzinfo=tz)


def on(days_after_monday, hhmm):
    return at(MONDAY + timedelta(days=days_after_monday), hhmm)


TUE_TO_SUN_9_TO_17 = [Period(day, time(9), time(17)) for day in range(1, 7)]


@pytest.mark.parametrize(
    "moment, state, next_change",
    [
        (on(1, "08:59"), State.CLOSED, on(1, "09:00")),  # a minute before opening
        (on(1, "09:00"), State.OPEN, on(1, "17:00")),  # the opening minute is open
        (on(1, "16:29"), State.OPEN, on(1, "17:00")),
        (on(1, "16:30"), State.CLOSING_SOON, on(1, "17:00")),  # 30 minutes before closing
        (on(1, "16:59"), State.CLOSING_SOON, on(1, "17:00")),
        (on(1, "17:00"), State.CLOSED, on(2, "09:00")),  # the closing minute is closed
        (on(0, "10:00"), State.CLOSED_TODAY, on(1, "09:00")),  # Monday: no hours at all
        (on(6, "18:00"), State.CLOSED, on(8, "09:00")),  # Sunday evening: next Tuesday
    ],
)
def test_weekly_hours_at_boundary_minutes(moment, state, next_change):
    result = status(moment, TUE_TO_SUN_9_TO_17)
    assert (result.state, result.next_change) == (state, next_change)


def test_time_zone_of_now_does_not_matter():
    from datetime import timezone

    utc = datetime(2026, 11, 24, 1, 0, tzinfo=timezone.utc)  # 09:00 in Shanghai
    assert status(utc, TUE_TO_SUN_9_TO_17).state == State.OPEN


def test_several_periods_a_day_with_a_lunch_break():
    periods = [Period(1, time(9), time(12)), Period(1, time(13, 30), time(17, 30))]
    assert status(on(1, "12:15"), periods).state == State.CLOSED
    assert status(on(1, "12:15"), periods).next_change == on(1, "13:30")
    assert status(on(1, "13:30"), periods).state == State.OPEN


class TestAcrossMidnight:
    periods = [Period(4, time(20), time(2), next_day=True)]  # Friday 20:00 to Saturday 02:00

    def test_open_after_midnight(self):
        result = status(on(5, "01:00"), self.periods)
        assert result.state == State.OPEN
        assert result.next_change == on(5, "02:00")

    def test_closing_soon_before_two(self):
        assert status(on(5, "01:45"), self.periods).state == State.CLOSING_SOON

    def test_closed_at_two(self):
        result = status(on(5, "02:00"), self.periods)
        assert result.state == State.CLOSED_TODAY  # nothing opens on Saturday itself
        assert result.next_change == on(11, "20:00")

    def test_a_period_ending_at_midnight_joins_the_next_day(self):
        periods = [Period(day, time(18), time(0), next_day=True) for day in range(7)] + [
            Period(day, time(0), time(2)) for day in range(7)
        ]
        result = status(on(1, "23:59"), periods)
        assert result.state == State.OPEN and result.next_change == on(2, "02:00")


class TestExceptions:
    def test_closed_on_a_holiday(self):
        holiday = Override(MONDAY + timedelta(days=1), MONDAY + timedelta(days=2), closed=True, reason="检修")
        result = status(on(1, "10:00"), TUE_TO_SUN_9_TO_17, [holiday])
        assert result.state == State.CLOSED_TODAY
        assert result.reason == "检修"
        assert result.next_change == on(3, "09:00")  # the first day after the closure

    def test_special_hours_replace_the_week(self):
        short_day = Override(MONDAY, MONDAY, closed=False, opens=time(10), closes=time(12), reason="春节")
        assert status(on(0, "11:00"), TUE_TO_SUN_9_TO_17, [short_day]).state == State.OPEN
        assert status(on(0, "12:00"), TUE_TO_SUN_9_TO_17, [short_day]).state == State.CLOSED

    def test_closure_longer_than_the_horizon_has_no_next_change(self):
        renovation = Override(date(2026, 11, 1), date(2027, 6, 30), closed=True)
        assert status(on(1, "10:00"), TUE_TO_SUN_9_TO_17, [renovation]).next_change is None


class TestAlwaysOpen:
    def test_always_open_has_no_next_change(self):
        result = status(on(2, "03:00"), always_open=True)
        assert result.state == State.OPEN and result.next_change is None

    def test_a_closure_still_closes_it(self):
        closure = Override(MONDAY, MONDAY, closed=True)
        result = status(on(0, "03:00"), (), [closure], always_open=True)
        assert result.state == State.CLOSED_TODAY
        assert result.next_change == on(1, "00:00")

    def test_open_until_the_closure(self):
        closure = Override(MONDAY + timedelta(days=2), MONDAY + timedelta(days=2), closed=True)
        result = status(on(1, "23:50"), (), [closure], always_open=True)
        assert result.state == State.CLOSING_SOON and result.next_change == on(2, "00:00")


class TestMobileStops:
    stops = [
        Period(1, time(9, 30), time(11, 30), place="光华村小学"),
        Period(1, time(14, 30), time(16, 30), place="金沙社区广场"),
    ]

    def test_at_a_stop(self):
        result = status(on(1, "10:00"), self.stops)
        assert result.state == State.OPEN and result.place == "光华村小学"

    def test_between_stops(self):
        result = status(on(1, "12:00"), self.stops)
        assert result.state == State.CLOSED and result.next_change == on(1, "14:30")

    def test_no_stop_today(self):
        assert status(on(3, "10:00"), self.stops).state == State.CLOSED_TODAY

    def test_back_to_back_stops_stay_apart(self):
        stops = [Period(1, time(9), time(10), place="甲"), Period(1, time(10), time(11), place="乙")]
        assert status(on(1, "10:00"), stops).place == "乙"
