"""What happens when an editor publishes an event: a cancelled or postponed one tells everyone
registered (once); any other gives the seats a raised capacity or waitlist freed to the people
waiting."""

from wagtail.signals import page_published

from .models import EventPage, EventStatus
from .registration import cancel_event_registrations_notice, postponed_event_notice, seats_changed


def tell_registrants_of_cancellation_or_postponement(sender, instance, **kwargs):
    if isinstance(instance, EventPage) and instance.status == EventStatus.CANCELLED:
        cancel_event_registrations_notice(instance)
    elif isinstance(instance, EventPage) and instance.status == EventStatus.POSTPONED:
        postponed_event_notice(instance)


def give_freed_seats_to_the_waitlist(sender, instance, **kwargs):
    # Capacity is the canonical page's (every translation shares it); publishing a translation
    # changes nothing, and seats_changed locks and reads the canonical row anyway.
    if isinstance(instance, EventPage) and instance.status == EventStatus.SCHEDULED:
        seats_changed(instance)


def connect():
    page_published.connect(tell_registrants_of_cancellation_or_postponement, dispatch_uid="events-cancellation-notice")
    page_published.connect(give_freed_seats_to_the_waitlist, dispatch_uid="events-freed-seats")
