"""The admin dashboard's panel for staff who run registrations: today's activities with a
check-in button, the coming week's with their counts, and which are nearly full. Each person sees
the events of their own branches (events.permissions)."""

from datetime import timedelta

from django.utils import timezone
from wagtail.admin.ui.components import Component

from . import permissions
from .listing import midnight
from .models import EventStatus

WEEK = timedelta(days=7)
# An event counts as nearly full when this share of its seats is taken: time to tell the
# branch to prepare the waitlist, or to open a second session.
NEARLY_FULL = 0.8


def week_of_events(user, now=None):
    """(today's events, the next six days' events, totals) among the events ``user`` manages,
    each with confirmed, waitlisted and attended seats in one query."""
    now = now or timezone.now()
    today = midnight(timezone.localdate(now))
    events = list(
        permissions.managed_events(user)
        .filter(live=True, start__gte=today, start__lt=today + WEEK)
        .exclude(status=EventStatus.CANCELLED)
        .with_seat_counts()
        .select_related("branch")
        .order_by("start")
    )
    tomorrow = today + timedelta(days=1)
    for event in events:
        registering = bool(event.registration_required and event.capacity)
        event.full = registering and event.confirmed_seats >= event.capacity
        event.nearly_full = registering and not event.full and event.confirmed_seats >= NEARLY_FULL * event.capacity
    totals = {
        "events": len(events),
        "confirmed": sum(event.confirmed_seats for event in events),
        "waitlisted": sum(event.waitlisted_seats for event in events),
        "full": sum(event.full or event.nearly_full for event in events),
    }
    return [e for e in events if e.start < tomorrow], [e for e in events if e.start >= tomorrow], totals


class ThisWeekPanel(Component):
    name = "events_this_week"
    order = 50  # above Wagtail's own panels: what happens today comes first
    template_name = "events/admin/dashboard_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        today, coming, totals = week_of_events(self.request.user)
        return {
            "today": today,
            "coming": coming,
            "totals": totals,
            "can_check_in": self.request.user.has_perm(permissions.CHANGE),
        }
