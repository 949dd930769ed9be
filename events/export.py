"""Registration lists as CSV and XLSX for staff: full phone numbers (the only place they appear),
so every export is logged in the event's history (see admin_views.export)."""

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from .models import EXTRA_QUESTIONS


def rows(event, registrations):
    """Header and one row per registration; extra answers get a column each."""
    questions = [(code, label) for code, label in EXTRA_QUESTIONS if code in event.extra_questions]
    header = [_("报名码"), _("姓名"), _("手机号码"), _("人数"), _("状态"), _("签到时间"), _("报名时间")]
    header += [str(label) for _code, label in questions]
    yield header
    for registration in registrations:
        yield [
            registration.code, safe_cell(registration.name), registration.phone, registration.seats,
            str(registration.get_status_display()), local(registration.attended_at), local(registration.created_at),
        ] + [safe_cell(registration.answers.get(code, "")) for code, _label in questions]


def local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def safe_cell(value):
    """Text a reader typed must not become a spreadsheet formula (CSV injection)."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def as_csv(event, registrations):
    buffer = io.StringIO()
    buffer.write("\ufeff")  # Excel on Windows reads UTF-8 Chinese only with a BOM
    writer = csv.writer(buffer)
    for row in rows(event, registrations):
        writer.writerow(row)
    return buffer.getvalue().encode("utf-8")


def as_xlsx(event, registrations):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("报名名单"))
    for row in rows(event, registrations):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
