"""When the library cancels an event (publishes it with status 已取消), everyone registered is told."""

from wagtail.signals import page_published

from .models import EventPage, EventStatus
from .registration import cancel_event_registrations_notice


def tell_registrants_of_cancellation(sender, instance, **kwargs):
    if isinstance(instance, EventPage) and instance.status == EventStatus.CANCELLED:
        cancel_event_registrations_notice(instance)


def connect():
    page_published.connect(tell_registrants_of_cancellation, dispatch_uid="events-cancellation-notice")
