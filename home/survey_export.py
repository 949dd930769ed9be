"""The survey answers' CSV export, readable in Excel on Chinese Windows."""

from wagtail.contrib.forms.views import SubmissionsListView


class ExcelFriendlySubmissionsListView(SubmissionsListView):
    """The CSV starts with a byte-order mark: without it, Excel on Chinese Windows (what library
    staff open it with) reads UTF-8 as GBK and shows every answer garbled."""

    def stream_csv(self, queryset):
        yield "\ufeff"
        yield from super().stream_csv(queryset)
