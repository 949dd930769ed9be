"""python manage.py import_catalogue PATH [--format csv|marc21|cnmarc|marcxml]

Upserts catalogue records keyed on record_id (DESIGN.md), streaming the file in batches, updating
the search index as it goes, and ends with a summary: created, updated, unchanged, rejected (with
line or record numbers and reasons) and warnings.
"""

import sys
import time

from django.core.management.base import BaseCommand, CommandError

from catalog_search.importers import csv_reader, loader, marc_reader

READERS = {
    "csv": csv_reader.read,
    "marc21": lambda path: marc_reader.read(path, "marc21"),
    "cnmarc": lambda path: marc_reader.read(path, "cnmarc"),
    "marcxml": lambda path: marc_reader.read(path, "marcxml"),
}
SHOWN = 20  # rejected rows and warnings listed in full; the rest are counted


class Command(BaseCommand):
    help = "导入书目记录（按记录号新增或更新），并更新检索索引。"

    def add_arguments(self, parser):
        parser.add_argument("path", help="要导入的文件")
        parser.add_argument("--format", default="csv", choices=list(READERS),
                            help="文件格式：csv（默认）、marc21、cnmarc（UNIMARC）或 marcxml")

    def handle(self, *args, path, format, **options):
        try:
            open(path, "rb").close()
        except OSError as error:
            raise CommandError(f"无法打开 {path}：{error.strerror}") from None
        started = time.perf_counter()
        show_progress = sys.stderr.isatty()

        def progress(summary):
            if show_progress:
                sys.stderr.write(f"\r已处理 {summary.processed} 条…")
                sys.stderr.flush()

        try:
            summary = loader.load(READERS[format](path), progress=progress)
        except UnicodeDecodeError:
            raise CommandError(f"{path} 不是 UTF-8 编码的文本文件。") from None
        if show_progress:
            sys.stderr.write("\n")
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"新增 {summary.created}，更新 {summary.updated}，未变 {summary.unchanged}，"
            f"拒绝 {summary.rejected_count}，警告 {summary.warning_count}；"
            f"用时 {elapsed:.1f} 秒（{summary.processed / max(elapsed, 1e-9):.0f} 条/秒）。"
        )
        for title, items, count in (("拒绝", summary.rejected, summary.rejected_count),
                                    ("警告", summary.warnings, summary.warning_count)):
            for position, reason in items[:SHOWN]:
                self.stdout.write(f"  {title}：{position}：{reason}")
            if count > SHOWN:
                self.stdout.write(f"  另有 {count - SHOWN} 条{title}未列出。")
