"""统计报表 in the admin: the figures of home.statistics for a date range, as tables with bars
drawn in CSS (no chart library, no CDN) and as an XLSX file for the annual report."""

from datetime import date

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Locale

from events import permissions
from events.listing import filter_choices
from portal import spreadsheets

from . import statistics

MAX_DAYS = 366 * 5  # a five-year plan is the longest range anyone reports on


class StatisticsForm(forms.Form):
    # A browser's date picker shows a value only in ISO form, whatever the admin's language.
    start = forms.DateField(label=gettext_lazy("开始日期"), widget=forms.DateInput({"type": "date"}, format="%Y-%m-%d"))
    end = forms.DateField(label=gettext_lazy("结束日期"), widget=forms.DateInput({"type": "date"}, format="%Y-%m-%d"))
    branch = forms.ChoiceField(label=gettext_lazy("网点"), required=False)
    category = forms.ChoiceField(label=gettext_lazy("类别"), required=False)
    audience = forms.ChoiceField(label=gettext_lazy("面向人群"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, choices in filter_choices(Locale.get_default()).items():
            self.fields[name].choices = [("", _("全部"))] + choices

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("结束日期不能早于开始日期。"))
        elif start and end and (end - start).days > MAX_DAYS:
            self.add_error("end", _("时间范围最长五年。"))
        return data


def this_year():
    today = timezone.localdate()
    return {"start": date(today.year, 1, 1), "end": date(today.year, 12, 31)}


def statistics_view(request):
    if not request.user.has_perm(permissions.VIEW):
        raise PermissionDenied
    form = StatisticsForm(request.GET if "start" in request.GET else this_year())
    result = None
    if form.is_valid():
        wanted = form.cleaned_data
        result = statistics.report(
            request.user,
            wanted["start"],
            wanted["end"],
            branch=wanted["branch"],
            category=wanted["category"],
            audience=wanted["audience"],
        )
        if request.GET.get("format") == "xlsx":
            return xlsx_response(result)
    return TemplateResponse(
        request,
        "home/admin/statistics.html",
        {
            "page_title": _("统计报表"),
            "header_icon": "table",
            "form": form,
            "report": result,
            "tables": tables(result) if result else [],
            "all_branches": request.user.has_perm(permissions.ALL_BRANCHES),
        },
    )


def tables(result):
    """(heading, rows, the largest number of events in the rows: the full length of a bar)."""
    return [
        (heading, rows, max([row.events for row in rows] or [0]))
        for heading, rows in [
            (_("按网点"), result.by_branch),
            (_("按类别"), result.by_category),
            (_("按面向人群"), result.by_audience),
            (_("讲座系列"), result.by_series),
        ]
    ]


HEADER = [
    gettext_lazy("名称"),
    gettext_lazy("活动场次"),
    gettext_lazy("需报名场次"),
    gettext_lazy("报名人数"),
    gettext_lazy("报名人次"),
    gettext_lazy("签到人次"),
    gettext_lazy("参与人次"),
    gettext_lazy("爽约率"),
]


def sheet_row(row):
    rate = None if row.no_show_rate is None else round(row.no_show_rate, 4)
    return [
        row.label,
        row.events,
        row.with_registration,
        row.registrations,
        row.registered_seats,
        row.attended_seats,
        row.participants,
        rate,
    ]


def xlsx_response(result):
    sheets = [
        (title, [HEADER] + [sheet_row(row) for row in rows])
        for title, rows, _widest in [(_("合计"), [result.total], 0)] + tables(result)
    ]
    sheets.append(
        (
            _("读者满意度"),
            [[_("问卷"), _("满意"), _("作答"), _("满意率")]]
            + [
                [title, satisfied, answers, round(satisfied / answers, 4)]
                for title, satisfied, answers in result.satisfaction
            ],
        )
    )
    response = HttpResponse(spreadsheets.xlsx_bytes(sheets), content_type=spreadsheets.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="statistics-{result.start}-{result.end}.xlsx"'
    return response
