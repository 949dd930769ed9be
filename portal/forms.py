"""The Branch editing form: checks that need all of a branch's hours rows at once."""

from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm

WEEK = 7 * 24 * 60


def minutes(weekday, moment):
    return weekday * 24 * 60 + moment.hour * 60 + moment.minute


def week_spans(weekday, opens, closes, next_day):
    """The minutes of the week a period covers; a Sunday period that runs past midnight wraps
    round to Monday morning."""
    start = minutes(weekday, opens)
    end = minutes(weekday + (1 if next_day else 0), closes)
    if end > WEEK:
        return [(start, WEEK), (0, end - WEEK)]
    return [(start, end)]


def first_overlap(rows):
    """The first row that overlaps an earlier one, with that earlier row, or None."""
    seen = []
    for row, spans in rows:
        for earlier, earlier_spans in seen:
            if any(
                start < other_end and other_start < end
                for start, end in spans
                for other_start, other_end in earlier_spans
            ):
                return row, earlier
        seen.append((row, spans))
    return None


class BranchForm(WagtailAdminModelForm):
    def is_valid(self):
        valid = super().is_valid()
        return self._hours_do_not_overlap() and valid

    def _live_forms(self, name):
        formset = self.formsets.get(name)
        if formset is None:
            return []
        return [
            form
            for form in formset.forms
            if form.is_valid() and form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]

    def _hours_do_not_overlap(self):
        checks = [
            ("opening_periods", "opens", "closes", "closes_next_day", _("与同一天的另一个开放时段重叠。")),
            ("mobile_stops", "arrives", "departs", None, _("与同一天的另一个停靠时间重叠：流动图书馆不能同时在两处。")),
        ]
        ok = True
        for name, opens, closes, next_day, message in checks:
            rows = [
                (
                    form,
                    week_spans(
                        form.cleaned_data["weekday"],
                        form.cleaned_data[opens],
                        form.cleaned_data[closes],
                        bool(next_day and form.cleaned_data.get(next_day)),
                    ),
                )
                for form in self._live_forms(name)
            ]
            clash = first_overlap(rows)
            if clash:
                clash[0].add_error(opens, message)
                ok = False
        return ok
