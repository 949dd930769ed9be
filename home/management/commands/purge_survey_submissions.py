"""python manage.py purge_survey_submissions [--days N] [--dry-run]

Deletes survey submissions (问卷) sent more than ``SURVEY_RETENTION_DAYS`` days ago: an editor may
have asked for a name or a phone, and answers kept for ever are personal data kept for ever. Export
what the annual report needs before then. Safe to run every day from cron.
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.contrib.forms.models import FormSubmission

from home.models import SurveyPage


class Command(BaseCommand):
    help = gettext_lazy("删除提交若干天后的问卷答卷。")

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=None, help=_("提交多少天后删除（默认取 SURVEY_RETENTION_DAYS）。")
        )
        parser.add_argument("--dry-run", action="store_true", help=_("只显示将删除多少条，不做修改。"))

    def handle(self, *args, days=None, dry_run=False, **options):
        days = settings.PORTAL_SURVEY_RETENTION_DAYS if days is None else days
        if days < 0:
            raise CommandError(_("--days 不能为负数。"))
        due = FormSubmission.objects.filter(
            page__in=SurveyPage.objects.all(), submit_time__lt=timezone.now() - timedelta(days=days)
        )
        if dry_run:
            self.stdout.write(
                _("将删除 %(count)s 份问卷答卷（提交超过 %(days)s 天）。") % {"count": due.count(), "days": days}
            )
            return
        deleted, _by_model = due.delete()
        self.stdout.write(_("已删除 %(count)s 份问卷答卷（提交超过 %(days)s 天）。") % {"count": deleted, "days": days})
