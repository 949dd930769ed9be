"""Registration lists as CSV and XLSX for staff: full phone numbers (the only place they appear),
so every export is logged in the event's history (see admin_views.export)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from portal import spreadsheets

from .models import EXTRA_QUESTIONS


def rows(event, registrations):
    """Header and one row per registration; extra answers get a column each."""
    questions = [(code, label) for code, label in EXTRA_QUESTIONS if code in event.extra_questions]
    header = [_("报名码"), _("姓名"), _("手机号码"), _("人数"), _("状态"), _("签到时间"), _("报名时间")]
    header += [str(label) for _code, label in questions]
    yield header
    for registration in registrations:
        yield [
            registration.code,
            registration.name,
            registration.phone,
            registration.seats,
            str(registration.get_status_display()),
            local(registration.attended_at),
            local(registration.created_at),
        ] + [registration.answers.get(code, "") for code, _label in questions]


def local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def as_csv(event, registrations):
    return spreadsheets.csv_bytes(rows(event, registrations))


def as_xlsx(event, registrations):
    return spreadsheets.xlsx_bytes([(_("报名名单"), rows(event, registrations))])
