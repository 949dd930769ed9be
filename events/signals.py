"""What happens when an editor publishes an event: a cancelled or postponed one tells everyone
registered (once); any other gives the seats a raised capacity or waitlist freed to the people
waiting. And when a registration changes: cached pages that show the event's seats are stale."""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published

from portal import page_cache

from .models import EventPage, EventStatus, Registration
from .models.events import registrations_tag
from .notifications import Kind
from .registration import seats_changed, tell_everyone_registered

# What each status tells the people registered, and the field that records it was told.
NOTICES = {
    EventStatus.CANCELLED: (Kind.EVENT_CANCELLED, "event_cancelled_notice_at"),
    EventStatus.POSTPONED: (Kind.EVENT_POSTPONED, "event_postponed_notice_at"),
}


def tell_registrants_of_cancellation_or_postponement(sender, instance, **kwargs):
    if isinstance(instance, EventPage) and instance.status in NOTICES:
        tell_everyone_registered(instance, *NOTICES[instance.status])


def give_freed_seats_to_the_waitlist(sender, instance, **kwargs):
    # Capacity is the canonical page's (every translation shares it); publishing a translation
    # changes nothing, and seats_changed locks and reads the canonical row anyway.
    if isinstance(instance, EventPage) and instance.status == EventStatus.SCHEDULED:
        seats_changed(instance)


def seats_shown_changed(sender, instance, **kwargs):
    # Every change of a registration may change the seats left that cached pages show.
    page_cache.changed(registrations_tag(instance.event_id))


def connect():
    post_save.connect(seats_shown_changed, sender=Registration, dispatch_uid="events-seats-page-cache")
    post_delete.connect(seats_shown_changed, sender=Registration, dispatch_uid="events-seats-page-cache-delete")
    page_published.connect(tell_registrants_of_cancellation_or_postponement, dispatch_uid="events-cancellation-notice")
    page_published.connect(give_freed_seats_to_the_waitlist, dispatch_uid="events-freed-seats")
