"""python manage.py backup_site FOLDER

The database (pg_dump, or SQLite's online backup) and every uploaded file (MEDIA_ROOT) in one new
folder, with the row count of every table. Safe while the site is running; run it nightly from
cron into a dated folder and copy that folder to another machine. See portal.backup."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.backup import BackupError, back_up


class Command(BaseCommand):
    help = gettext_lazy("把数据库和上传的文件备份到一个新文件夹。")

    def add_arguments(self, parser):
        parser.add_argument("folder", help=gettext_lazy("备份文件夹（不存在或为空）"))

    def handle(self, *args, folder, **options):
        try:
            manifest = back_up(folder)
        except BackupError as error:
            raise CommandError(_("备份失败：%(error)s") % {"error": error}) from None
        self.stdout.write(
            _("已备份到 %(folder)s：%(tables)s 张表，共 %(rows)s 行，以及上传的文件。")
            % {"folder": folder, "tables": len(manifest["rows"]), "rows": sum(manifest["rows"].values())}
        )
