"""python manage.py purge_suggestion_contacts [--days N] [--dry-run]

Deletes readers' phones and emails from purchase suggestions that staff handled (ordered, rejected
or merged) more than ``SUGGESTION_RETENTION_DAYS`` days ago, and from those still pending
``PENDING_SUGGESTION_RETENTION_DAYS`` days after the reader sent them (nobody will write to them
any more); the book, the reason and the reference code stay, so a reader can still look the
answer up. Safe to run every day from cron.
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalog_search.models import SuggestionRequest, SuggestionStatus


class Command(BaseCommand):
    help = gettext_lazy("删除荐购处理完毕若干天后的读者联系方式（保留书目和查询码）。")

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=None, help=_("处理完毕多少天后删除（默认取 SUGGESTION_RETENTION_DAYS）。")
        )
        parser.add_argument("--dry-run", action="store_true", help=_("只显示将删除多少条，不做修改。"))

    def handle(self, *args, days=None, dry_run=False, **options):
        days = settings.PORTAL_SUGGESTION_RETENTION_DAYS if days is None else days
        if days < 0:
            raise CommandError(_("--days 不能为负数。"))
        now = timezone.now()
        pending_days = settings.PORTAL_PENDING_SUGGESTION_RETENTION_DAYS
        handled = ~Q(suggestion__status=SuggestionStatus.PENDING) & Q(
            suggestion__handled_at__lt=now - timedelta(days=days)
        )
        forgotten = Q(suggestion__status=SuggestionStatus.PENDING) & Q(
            created_at__lt=now - timedelta(days=pending_days)
        )
        due = (
            SuggestionRequest.objects.filter(purged_at__isnull=True)
            .filter(handled | forgotten)
            .filter(~Q(phone="") | ~Q(email=""))
        )
        if dry_run:
            self.stdout.write(
                _("将删除 %(count)s 条荐购申请的联系方式（处理完毕超过 %(days)s 天）。")
                % {"count": due.count(), "days": days}
            )
            return
        purged = due.update(phone="", email="", purged_at=now)
        self.stdout.write(
            _("已删除 %(count)s 条荐购申请的联系方式（处理完毕超过 %(days)s 天）。") % {"count": purged, "days": days}
        )
