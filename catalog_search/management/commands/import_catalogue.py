"""python manage.py import_catalogue PATH [--format csv|marc21|cnmarc|marcxml]

Upserts catalogue records keyed on record_id (DESIGN.md), streaming the file in batches, updating
the search index as it goes, and ends with a summary: created, updated, unchanged, rejected (with
line or record numbers and reasons) and warnings.
"""

import sys
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalog_search.importers import csv_reader, loader, marc_reader

READERS = {
    "csv": csv_reader.read,
    "marc21": lambda path: marc_reader.read(path, "marc21"),
    "cnmarc": lambda path: marc_reader.read(path, "cnmarc"),
    "marcxml": lambda path: marc_reader.read(path, "marcxml"),
}
SHOWN = 20  # rejected rows and warnings listed in full; the rest are counted


class Command(BaseCommand):
    help = gettext_lazy("导入书目记录（按记录号新增或更新），并更新检索索引。")

    def add_arguments(self, parser):
        parser.add_argument("path", help=_("要导入的文件"))
        parser.add_argument("--format", default="csv", choices=list(READERS),
                            help=_("文件格式：csv（默认）、marc21、cnmarc（UNIMARC）或 marcxml"))

    def handle(self, *args, path, format, **options):
        try:
            open(path, "rb").close()
        except OSError as error:
            raise CommandError(_("无法打开 %(path)s：%(error)s") % {"path": path, "error": error.strerror}) from None
        started = time.perf_counter()
        show_progress = sys.stderr.isatty()

        def progress(summary):
            if show_progress:
                sys.stderr.write("\r" + _("已处理 %(count)s 条…") % {"count": summary.processed})
                sys.stderr.flush()

        try:
            summary = loader.load(READERS[format](path), progress=progress)
        except UnicodeDecodeError:
            raise CommandError(_("%(path)s 不是 UTF-8 编码的文本文件。") % {"path": path}) from None
        if show_progress:
            sys.stderr.write("\n")
        elapsed = time.perf_counter() - started
        self.stdout.write(
            _("新增 %(created)s，更新 %(updated)s，未变 %(unchanged)s，拒绝 %(rejected)s，警告 %(warnings)s；"
              "用时 %(seconds).1f 秒（%(rate).0f 条/秒）。") % {
                "created": summary.created, "updated": summary.updated, "unchanged": summary.unchanged,
                "rejected": summary.rejected_count, "warnings": summary.warning_count, "seconds": elapsed,
                "rate": summary.processed / max(elapsed, 1e-9)}
        )
        for title, items, count in ((_("拒绝"), summary.rejected, summary.rejected_count),
                                    (_("警告"), summary.warnings, summary.warning_count)):
            for position, reason in items[:SHOWN]:
                self.stdout.write(_("  %(kind)s：%(position)s：%(reason)s") % {
                    "kind": title, "position": position, "reason": reason})
            if count > SHOWN:
                self.stdout.write(_("  另有 %(count)s 条%(kind)s未列出。") % {"count": count - SHOWN, "kind": title})
