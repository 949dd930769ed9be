"""The admin's catalogue record chooser (a reading list's books): it searches the catalogue with
the same analysis and ranking as the readers' search page, so an editor finds a book by a title
fragment, pinyin, author or ISBN the same way."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.viewsets.chooser import ChooserViewSet

from .search import analysis
from .search.engine import find, whole_records


class RecordSearchForm(BaseFilterForm):
    q = forms.CharField(
        label=_("书名、作者、拼音或 ISBN"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("书名、作者、拼音或 ISBN")}),
    )

    def filter(self, objects):
        query = analysis.clean_query(self.cleaned_data.get("q"))
        if not query:
            return objects.order_by("-created_at", "-pk")
        self.is_searching = True
        self.search_query = query
        return find(query, objects).records


class RecordChooseMixin:
    filter_form_class = RecordSearchForm

    def get_results_page(self, request):
        # Ranking reads a few fields of each candidate; the page shown is fetched whole.
        page = super().get_results_page(request)
        page.object_list = whole_records(page.object_list)
        return page

    @property
    def columns(self):
        return [
            self.title_column,
            Column("authors", label=_("责任者"), accessor="authors_display"),
            Column("publisher", label=_("出版社"), accessor="publisher"),
            Column("year", label=_("出版年"), accessor="year"),
            Column("isbn", label=_("ISBN"), accessor="isbn"),
        ]


class ChooseView(RecordChooseMixin, chooser_views.ChooseView):
    pass


class ChooseResultsView(RecordChooseMixin, chooser_views.ChooseResultsView):
    pass


class RecordChooserViewSet(ChooserViewSet):
    model = "catalog_search.CatalogueRecord"
    icon = "doc-full"
    choose_one_text = _("选择书目")
    choose_another_text = _("另选书目")
    per_page = 15
    choose_view_class = ChooseView
    choose_results_view_class = ChooseResultsView


record_chooser_viewset = RecordChooserViewSet("catalogue_record_chooser", url_prefix="catalogue-record-chooser")
