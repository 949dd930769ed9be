"""A term's programme from a spreadsheet (导入活动安排): the rows a librarian typed in Excel become
draft events, each in its branch's section of the event list. Reading and checking happen first
and save nothing: every row is shown with its errors, and only a file without errors is imported.

Columns (the first row names them; order free, extra columns ignored):
标题, 开始时间, 结束时间, 网点代码, 类别, 面向人群, 摘要 — required;
具体位置, 需要报名, 名额, 候补名额, 每人最多报名人数, 费用说明 — optional.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import datetime, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from wagtail.models import Locale

from portal import spreadsheets
from portal.models import Branch

from .models import AUDIENCES, EventCategory, EventIndexPage, EventPage, EventSectionPage

MAX_ROWS = 500  # a city library's busiest term has about 300 activities
MAX_BYTES = 2 * 1024 * 1024
REQUIRED = ["标题", "开始时间", "结束时间", "网点代码", "类别", "面向人群", "摘要"]
OPTIONAL = ["具体位置", "需要报名", "名额", "候补名额", "每人最多报名人数", "费用说明"]
EXAMPLE = [
    "春季绘本故事会",
    "2027-03-06 10:00",
    "11:00",
    "FG02",
    "亲子",
    "少儿、亲子家庭",
    "每周六上午的绘本故事会。",
    "二楼少儿阅览室",
    "是",
    "20",
    "5",
    "3",
    "",
]
YES = {"是", "需要", "y", "yes", "1", "true", "√"}
NO = {"", "否", "不需要", "n", "no", "0", "false", "×"}
LIST_SEPARATORS = re.compile(r"[、,，;；/\s]+")


class UnreadableFile(Exception):
    """The file as a whole cannot be read: the message says why, in words a librarian uses."""


@dataclass
class Row:
    number: int  # as Excel numbers it: the header is row 1
    values: dict
    errors: list = field(default_factory=list)
    event: EventPage = None
    parent: object = None


def read_table(upload):
    """[(row number, {column: text})] from an uploaded .xlsx or .csv (UTF-8 or, as Excel saves it
    on Chinese Windows, GB18030)."""
    if upload.size > MAX_BYTES:
        raise UnreadableFile(_("文件太大（最大 2 MB）。"))
    content = upload.read()
    name = upload.name.lower()
    if name.endswith(".xlsx"):
        try:
            sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).worksheets[0]
        except Exception:
            raise UnreadableFile(_("无法读取这个 Excel 文件。请另存为 .xlsx 后重试。")) from None
        table = [[cell_text(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]
    elif name.endswith(".csv"):
        codec = spreadsheets.csv_codec([content])
        try:
            text = content.decode("utf-8-sig" if codec == spreadsheets.UTF8 else codec)
        except UnicodeDecodeError:
            raise UnreadableFile(_("无法识别文件的编码。请在 Excel 里另存为“CSV UTF-8”或 .xlsx 后重试。")) from None
        table = list(csv.reader(io.StringIO(text)))
    else:
        raise UnreadableFile(_("请上传 .xlsx 或 .csv 文件。"))
    table = [row for row in table if any(cell not in (None, "") for cell in row)]
    if not table:
        raise UnreadableFile(_("文件是空的。"))
    header = [str(cell or "").strip() for cell in table[0]]
    missing = [column for column in REQUIRED if column not in header]
    if missing:
        raise UnreadableFile(_("第一行缺少这些列：%(columns)s。请使用模板。") % {"columns": "、".join(missing)})
    if len(table) == 1:
        raise UnreadableFile(_("文件里只有标题行，没有活动。"))
    if len(table) - 1 > MAX_ROWS:
        raise UnreadableFile(_("一次最多导入 %(max)d 行。") % {"max": MAX_ROWS})
    return [
        (number, {column: row[i] if i < len(row) else "" for i, column in enumerate(header) if column})
        for number, row in enumerate(table[1:], start=2)
    ]


def cell_text(cell):
    """An Excel cell as the text a librarian sees in it (dates as 2027-03-06 10:00), so that the
    checked table can wait in the session between the preview and the import."""
    if isinstance(cell, datetime):
        return f"{cell:%Y-%m-%d %H:%M}"
    if isinstance(cell, time):
        return f"{cell:%H:%M}"
    return as_text(cell)


def as_text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def as_datetime(value, on_day=None):
    """2027-03-06 10:00, 2027/3/6 10:00, or a time alone (10:00) on the day of ``on_day``, in
    the site's local time (TIME_ZONE)."""
    text = as_text(value).replace("/", "-").replace("：", ":").replace("T", " ")
    full = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})\s+(\d{1,2}):(\d{2})(?::\d{2})?", text)
    only_time = re.fullmatch(r"(\d{1,2}):(\d{2})(?::\d{2})?", text)
    try:
        if full:
            moment = datetime(*(int(part) for part in full.groups()))
        elif only_time and on_day:
            moment = datetime.combine(on_day, time(int(only_time[1]), int(only_time[2])))
        else:
            raise ValueError
    except ValueError:
        raise ValidationError(
            _("“%(value)s”不是日期和时间（例如 2027-03-06 10:00）。"), params={"value": text}
        ) from None
    return timezone.make_aware(moment)


def as_number(value, column):
    text = as_text(value)
    if text == "":
        return 0
    if not text.isdigit():
        raise ValidationError(_("“%(column)s”应为整数，不是“%(value)s”。"), params={"column": column, "value": text})
    return int(text)


class Lookups:
    """What the rows name, looked up once for the whole file."""

    def __init__(self):
        default = Locale.get_default()
        self.branches = {branch.code.upper(): branch for branch in Branch.objects.filter(locale=default)}
        self.categories = {category.name: category for category in EventCategory.objects.filter(locale=default)}
        self.audiences = {str(label): code for code, label in AUDIENCES}
        self.index = EventIndexPage.objects.filter(locale=default).first()
        self.sections = {section.branch_id: section for section in EventSectionPage.objects.filter(locale=default)}


def check(table, user):
    """Every row as an unsaved event with its errors; ``user`` must be allowed to add pages where
    each event would go (a branch librarian only in their own section)."""
    lookups = Lookups()
    rows = []
    for number, values in table:
        row = Row(number, values)
        try:
            row.event, row.parent = build(values, lookups)
        except ValidationError as error:
            row.errors.extend(error.messages)
        else:
            if not row.parent.permissions_for_user(user).can_add_subpage():
                row.errors.append(_("您没有在“%(place)s”添加活动的权限。") % {"place": row.parent.title})
        rows.append(row)
    return rows


def build(values, lookups):
    errors = []

    def attempt(convert, *args):
        try:
            return convert(*args)
        except ValidationError as error:
            errors.extend(error.messages)
            return None

    title, summary = as_text(values.get("标题")), as_text(values.get("摘要"))
    for column, text, limit in (("标题", title, 255), ("摘要", summary, 300)):
        if not text:
            errors.append(_("“%(column)s”不能为空。") % {"column": column})
        elif len(text) > limit:
            errors.append(_("“%(column)s”最多 %(limit)d 个字。") % {"column": column, "limit": limit})
    start = attempt(as_datetime, values.get("开始时间"))
    end = attempt(as_datetime, values.get("结束时间"), timezone.localtime(start).date() if start else None)
    code = as_text(values.get("网点代码")).upper()
    branch = lookups.branches.get(code)
    if branch is None:
        errors.append(_("没有网点代码“%(code)s”。") % {"code": code})
    category = lookups.categories.get(as_text(values.get("类别")))
    if category is None:
        errors.append(
            _("没有类别“%(name)s”（可用：%(names)s）。")
            % {"name": as_text(values.get("类别")), "names": "、".join(lookups.categories)}
        )
    audiences = []
    for label in LIST_SEPARATORS.split(as_text(values.get("面向人群"))):
        if label and label not in lookups.audiences:
            errors.append(
                _("没有面向人群“%(label)s”（可用：%(labels)s）。")
                % {"label": label, "labels": "、".join(lookups.audiences)}
            )
        elif label:
            audiences.append(lookups.audiences[label])
    registration = as_text(values.get("需要报名")).lower()
    if registration not in YES | NO:
        errors.append(_("“需要报名”请填“是”或“否”。"))
    numbers = {
        column: attempt(as_number, values.get(column), column) for column in ("名额", "候补名额", "每人最多报名人数")
    }
    if errors:
        raise ValidationError(errors)
    fee = as_text(values.get("费用说明"))
    event = EventPage(
        title=title,
        summary=summary,
        start=start,
        end=end,
        branch=branch,
        category=category,
        audiences=audiences,
        room=as_text(values.get("具体位置")),
        registration_required=registration in YES,
        capacity=numbers["名额"],
        waitlist_size=numbers["候补名额"],
        max_seats_per_person=numbers["每人最多报名人数"] or 1,
        is_free=not fee,
        fee_note=fee,
        live=False,
    )
    event.clean()  # the model's own rules: end after start, a capacity when registering …
    try:
        event.clean_fields(
            exclude=[f.name for f in EventPage._meta.fields if f.name not in ("max_seats_per_person", "audiences")]
        )
    except ValidationError as error:
        raise ValidationError(error.messages) from None
    return event, lookups.sections.get(branch.pk, lookups.index)


@transaction.atomic
def import_rows(rows, user):
    """Save the checked events as drafts under their parents; all or nothing."""
    created = []
    for row in rows:
        event = row.event
        event.owner = user
        row.parent.add_child(instance=event)
        event.save_revision(user=user, log_action=True)
        created.append(event)
    return created


def template_csv():
    """The template offered for download: the columns and one example row, as Excel opens it."""
    return spreadsheets.csv_bytes([REQUIRED + OPTIONAL, EXAMPLE])
