"""RFC 5545 calendar files: one event (``<event url>ical/``) and all upcoming ones
(``/events/feed.ics``), with a VTIMEZONE so Apple, Google and Outlook calendars agree on the time."""

from datetime import timezone as dt_timezone

import icalendar
from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags

from .models import EventPage, EventStatus


def event_component(event, request):
    component = icalendar.Event()
    # One UID for every translation: adding the English page after the Chinese one updates it.
    component.add("uid", f"event-{event.canonical.pk}@{request.get_host().split(':')[0]}")
    component.add("dtstamp", (event.last_published_at or timezone.now()).astimezone(dt_timezone.utc))
    component.add("dtstart", timezone.localtime(event.start))
    component.add("dtend", timezone.localtime(event.end))
    component.add("summary", event.title)
    component.add("description", strip_tags(event.summary))
    component.add("url", event.get_full_url(request))
    where = event_location(event)
    if where:
        component.add("location", where)
    if event.status == EventStatus.CANCELLED:
        component.add("status", "CANCELLED")
    elif event.status == EventStatus.POSTPONED:
        component.add("status", "TENTATIVE")  # the date shown is no longer the date
    return component


def event_location(event):
    if event.branch is None:
        return event.online_url
    branch = event.branch
    if branch.locale_id != event.locale_id:  # the event is in the reader's language; its venue too
        branch = branch.localized
    return " ".join(part for part in (branch.name, event.room, branch.address) if part)


def calendar_response(events, request, filename):
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//书香 portal//events//ZH")
    calendar.add("version", "2.0")
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for event in events:
        calendar.add_component(event_component(event, request))
    calendar.add_missing_timezones()
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def feed(request):
    """``/events/feed.ics``: every upcoming, published event in the reader's language."""
    from wagtail.models import Locale

    events = EventPage.objects.upcoming().filter(locale=Locale.get_active()).select_related("branch").order_by("start")
    return calendar_response(events, request, "events.ics")
