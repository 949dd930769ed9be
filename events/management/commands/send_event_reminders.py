"""python manage.py send_event_reminders [--dry-run]

Reminds everyone with a confirmed registration for an activity that starts tomorrow (Shanghai
date). Safe to run as often as cron likes: each registration is reminded at most once, even by two
runs at the same time (events.notifications.send_once).
"""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from events.listing import midnight
from events.models import EventStatus, Registration, RegistrationStatus
from events.notifications import Kind, send_once


class Command(BaseCommand):
    help = gettext_lazy("给明天开始的活动的已确认报名者发送提醒（每人只发一次）。")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help=_("只显示将提醒多少人，不发送。"))

    def handle(self, *args, dry_run=False, **options):
        tomorrow = timezone.localdate() + timedelta(days=1)
        due = (
            Registration.objects.filter(
                status=RegistrationStatus.CONFIRMED,
                reminded_at__isnull=True,
                purged_at__isnull=True,
                event__start__gte=midnight(tomorrow),
                event__start__lt=midnight(tomorrow + timedelta(days=1)),
            )
            .exclude(event__status=EventStatus.CANCELLED)
            .select_related("event")
        )
        if dry_run:
            self.stdout.write(
                _("将提醒 %(count)s 条报名（%(date)s 开始的活动）。") % {"count": due.count(), "date": tomorrow}
            )
            return
        sent = send_once(Kind.REMINDER, list(due), "reminded_at")
        self.stdout.write(_("已提醒 %(count)s 条报名（%(date)s 开始的活动）。") % {"count": sent, "date": tomorrow})
