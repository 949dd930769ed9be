"""python manage.py import_catalogue PATH [--format csv|xlsx|marc21|cnmarc|marcxml] [--encoding NAME]

Upserts catalogue records keyed on record_id (docs/contracts.md), streaming the file in batches,
updating the search index as it goes, and ends with a summary that is always printed: created,
updated, unchanged, rejected (with line or record numbers and reasons), warnings, skipped
non-catalogue records and how the character set and MARC mapping were chosen. Without
``--format`` the format is told from the file's content (importers.formats). The exit status is
non-zero when nothing was imported: an empty file, or every record rejected.
"""

import sys
import time
import zipfile

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalog_search.importers import charsets, formats, loader

SHOWN = 20  # rejected rows and warnings listed in full; the rest are counted


class Command(BaseCommand):
    help = gettext_lazy("导入书目记录（按记录号新增或更新），并更新检索索引。")

    def add_arguments(self, parser):
        parser.add_argument("path", help=_("要导入的文件"))
        parser.add_argument(
            "--format",
            choices=formats.FORMATS,
            help=_(
                "文件格式：csv、xlsx、marc21、cnmarc（UNIMARC）或 marcxml（逐条判断 MARC21 或 "
                "CNMARC）；不写则按文件内容判断。cnmarc 与 marc21 也可读 XML 文件。"
            ),
        )
        parser.add_argument(
            "--encoding",
            help=_(
                "字符集，如 gbk、gb18030、utf-8、marc-8；不写则自动检测（CNMARC 据 100$a/26-29，"
                "MARC21 据头标 09 位，CSV 先试 UTF-8 再试 GB18030）"
            ),
        )

    def handle(self, *args, path, format, encoding, **options):
        try:
            open(path, "rb").close()
        except OSError as error:
            raise CommandError(_("无法打开 %(path)s：%(error)s") % {"path": path, "error": error.strerror}) from None
        codec = None
        if encoding:
            codec = charsets.codec_name(encoding)
            if codec is None:
                raise CommandError(
                    _("不认识的字符集“%(name)s”（可用 gbk、gb18030、utf-8、marc-8 等）") % {"name": encoding}
                )
        if format is None:
            format, why = formats.detect(path)
            self.stdout.write(_("格式：%(format)s（%(why)s；可用 --format 指定）") % {"format": format, "why": why})
        started = time.perf_counter()
        show_progress = sys.stderr.isatty()

        def progress(summary):
            if show_progress:
                sys.stderr.write("\r" + _("已处理 %(count)s 条…") % {"count": summary.processed})
                sys.stderr.flush()

        summary = loader.Summary()
        stopped = None
        try:
            loader.load(formats.rows(path, format, codec), progress=progress, summary=summary)
        except zipfile.BadZipFile:
            stopped = _("%(path)s 不是有效的 XLSX 工作簿。") % {"path": path}
        except Exception as error:  # whatever stopped it, the batches already committed are reported
            stopped = _("导入中断：%(error)s") % {"error": error}
        if show_progress:
            sys.stderr.write("\n")
        self.report(summary, time.perf_counter() - started)
        if stopped:
            raise CommandError(
                stopped
                + " "
                + _("此前各批已导入，见上方统计；修正后重新导入同一文件即可（已导入的记录会显示为未变）。")
            )
        if summary.failed:
            if summary.rejected_count:
                raise CommandError(
                    _("没有导入任何记录：%(count)s 条全部被拒绝。") % {"count": summary.rejected_count}
                    + (
                        _("如果这是 CNMARC 文件，请加 --format cnmarc；MARC21 文件请加 --format marc21。")
                        if format in ("marc21", "cnmarc", "marcxml")
                        else ""
                    )
                )
            raise CommandError(_("文件中没有记录。"))

    def report(self, summary, elapsed):
        self.stdout.write(
            _(
                "新增 %(created)s，更新 %(updated)s，未变 %(unchanged)s，拒绝 %(rejected)s，警告 %(warnings)s；"
                "用时 %(seconds).1f 秒（%(rate).0f 条/秒）。"
            )
            % {
                "created": summary.created,
                "updated": summary.updated,
                "unchanged": summary.unchanged,
                "rejected": summary.rejected_count,
                "warnings": summary.warning_count,
                "seconds": elapsed,
                "rate": summary.processed / max(elapsed, 1e-9),
            }
        )
        for message, count in sorted(summary.notes.items()):
            self.stdout.write(_("  说明：%(message)s：%(count)s 条") % {"message": message, "count": count})
        for reason, count in sorted(summary.skipped.items()):
            self.stdout.write(_("  跳过 %(count)s 条：%(reason)s") % {"reason": reason, "count": count})
        for title, items, count in (
            (_("拒绝"), summary.rejected, summary.rejected_count),
            (_("警告"), summary.warnings, summary.warning_count),
        ):
            for position, reason in items[:SHOWN]:
                self.stdout.write(
                    _("  %(kind)s：%(position)s：%(reason)s") % {"kind": title, "position": position, "reason": reason}
                )
            if count > SHOWN:
                self.stdout.write(_("  另有 %(count)s 条%(kind)s未列出。") % {"count": count - SHOWN, "kind": title})
