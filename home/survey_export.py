"""The survey answers' export: readable in Excel on Chinese Windows, and logged, since answers
may hold the names and phones an editor asked for (see home.audit)."""

from wagtail.contrib.forms.views import SubmissionsListView
from wagtail.log_actions import log

from portal import spreadsheets


class ExcelFriendlySubmissionsListView(SubmissionsListView):
    """The CSV starts with a byte-order mark: without it, Excel on Chinese Windows (what library
    staff open it with) reads UTF-8 as GBK and shows every answer garbled."""

    def stream_csv(self, queryset):
        yield spreadsheets.BYTE_ORDER_MARK
        yield from super().stream_csv(queryset)

    def as_spreadsheet(self, queryset, spreadsheet_format):
        log(
            instance=self.form_page,
            action="home.export_survey_submissions",
            user=self.request.user,
            data={"format": spreadsheet_format, "rows": queryset.count()},
        )
        return super().as_spreadsheet(queryset, spreadsheet_format)
