"""python manage.py restore_site FOLDER

Brings a backup_site folder back into a new, empty database (create it; do not run migrate) and
the MEDIA_ROOT of this installation, then counts every table against the backup's manifest and
fails if any differs. See portal.backup."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.backup import BackupError, restore


class Command(BaseCommand):
    help = gettext_lazy("把 backup_site 的备份恢复到一个空数据库，并核对每张表的行数。")

    def add_arguments(self, parser):
        parser.add_argument("folder", help=gettext_lazy("backup_site 生成的文件夹"))

    def handle(self, *args, folder, **options):
        try:
            different = restore(folder)
        except (BackupError, OSError) as error:
            raise CommandError(_("恢复失败：%(error)s") % {"error": error}) from None
        if different:
            lines = [f"{label}: {expected} → {found}" for label, (expected, found) in sorted(different.items())]
            raise CommandError(_("恢复后以下表的行数与备份不符：") + "\n" + "\n".join(lines))
        self.stdout.write(_("已恢复，每张表的行数与备份一致。"))
