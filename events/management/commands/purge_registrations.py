"""python manage.py purge_registrations [--days N] [--dry-run]

Deletes the personal data of registrations (name, phone, answers) once their event ended more than
``REGISTRATION_RETENTION_DAYS`` days ago, keeping status and seats for statistics, and the messages
of the FileBackend outbox (``NOTIFICATIONS_FILE``) written more than that many days ago. Safe to run
every day from cron: registrations already purged are left alone.
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from events.models import Registration
from events.notifications import prune_outbox


class Command(BaseCommand):
    help = gettext_lazy("删除活动结束若干天后的报名个人信息（保留人数统计）。")

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=None, help=_("活动结束多少天后删除（默认取 REGISTRATION_RETENTION_DAYS）。")
        )
        parser.add_argument("--dry-run", action="store_true", help=_("只显示将删除多少条，不做修改。"))

    def handle(self, *args, days=None, dry_run=False, **options):
        days = settings.PORTAL_REGISTRATION_RETENTION_DAYS if days is None else days
        if days < 0:
            raise CommandError(_("--days 不能为负数。"))
        now = timezone.now()
        due = Registration.objects.filter(purged_at__isnull=True, event__end__lt=now - timedelta(days=days))
        if dry_run:
            self.stdout.write(
                _("将删除 %(count)s 条报名的个人信息（活动结束超过 %(days)s 天）。")
                % {"count": due.count(), "days": days}
            )
            return
        purged = due.update(name="", phone="", answers={}, purged_at=now)
        self.stdout.write(
            _("已删除 %(count)s 条报名的个人信息（活动结束超过 %(days)s 天）。") % {"count": purged, "days": days}
        )
        pruned = prune_outbox(now - timedelta(days=days))
        if pruned:
            self.stdout.write(
                _("已从通知发件箱文件删除 %(count)s 条超过 %(days)s 天的消息。") % {"count": pruned, "days": days}
            )
