"""个人信息操作记录: every export of personal data, every check-in and every change staff made to
a registration, in one report for administrators (PIPL: who handled whose data, and when).

The entries are Wagtail's own log entries (written where the action happens: events.admin_views,
home.survey_export); this report is Wagtail's site history narrowed to those actions."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.reports.audit_logging import LogEntriesView

PERSONAL_DATA_ACTIONS = [
    "events.export_registrations",
    "events.check_in_registration",
    "events.add_registration",
    "events.cancel_registration",
    "events.confirm_registration",
    "events.waitlist_registration",
    "home.export_survey_submissions",
]


class PersonalDataLogView(LogEntriesView):
    page_title = _("个人信息操作记录")
    header_icon = "user"
    index_url_name = "home_personal_data_log"
    index_results_url_name = "home_personal_data_log_results"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return "personal-data-log-" + super().get_filename().removeprefix("audit-log-")

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset.filter(action__in=PERSONAL_DATA_ACTIONS))
