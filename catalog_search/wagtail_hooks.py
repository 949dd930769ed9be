from django.contrib import messages
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic import EditView
from wagtail.admin.viewsets.model import ModelViewSet

from portal import books

from .availability import attach_copies
from .chooser import record_chooser_viewset
from .models import CatalogueRecord, Holding, PurchaseSuggestion, ReadingListPage, SuggestionStatus


@hooks.register("register_admin_viewset")
def register_record_chooser():
    # Registers the widget too: every FieldPanel for a CatalogueRecord uses this chooser.
    return record_chooser_viewset


@hooks.register(books.DESCRIBE_BOOKS)
def records_by_isbn(isbns):
    """For pages of other apps that feature books (events): the record of each ISBN, with where
    its copies are. Two editions sharing an ISBN are rare; the one with more loans is shown."""
    holdings = Prefetch("holdings", queryset=Holding.objects.select_related("branch"))
    records = list(
        CatalogueRecord.objects.filter(isbn__in=isbns).order_by("circulation_count").prefetch_related(holdings)
    )
    attach_copies(records, lambda record: record.holdings.all())
    return {record.isbn: record for record in records}


@hooks.register("before_edit_page")
def warn_about_deleted_records(request, page):
    """A reading list whose books were deleted from the catalogue since: tell the editor which."""
    if request.method != "GET" or not isinstance(page.specific, ReadingListPage):
        return
    missing = page.specific.missing_items()
    if missing:
        messages.warning(
            request,
            _("书单中有 %(count)d 种书已从馆藏目录中删除，读者页面不再显示：%(titles)s。请删除这些条目或另选书目。")
            % {"count": len(missing), "titles": "、".join(f"《{item.record_title or '?'}》" for item in missing)},
        )


class SuggestionEditView(EditView):
    def save_instance(self):
        """Choosing "合并到" moves this suggestion's readers to the other one (and marks this merged)."""
        suggestion = super().save_instance()
        target = suggestion.merged_into
        if target is not None and suggestion.requests.exists():
            suggestion.merge_into(target)
        return suggestion


class PurchaseSuggestionViewSet(ModelViewSet):
    """荐购 for staff: newest first, filtered by status, each with its readers' requests."""

    model = PurchaseSuggestion
    icon = "pick"
    menu_label = _lazy("荐购")
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["title", "author", "isbn", "request_count", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["title", "author", "isbn"]
    edit_view_class = SuggestionEditView
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = ["title", "author", "isbn", "status", "reply", "request_count", "created_at"]
    panels = [
        FieldPanel("title"),
        FieldPanel("author"),
        FieldPanel("isbn"),
        FieldPanel("status"),
        FieldPanel("reply"),
        FieldPanel("staff_note"),
        FieldPanel("merged_into", help_text=_lazy("同一本书被荐购了两次时，选择要保留的那一条；本条的读者会移过去。")),
        HelpPanel(template="catalog_search/admin/suggestion_requests.html", heading=_lazy("读者申请")),
    ]


@hooks.register("register_admin_viewset")
def register_suggestions():
    return PurchaseSuggestionViewSet("purchase_suggestions")


class PendingSuggestionsPanel(Component):
    """On the dashboard of staff who handle 荐购: how many wait for an answer, the oldest first."""

    name = "pending_purchase_suggestions"
    order = 60
    template_name = "catalog_search/admin/pending_suggestions_panel.html"
    SHOWN = 5

    def get_context_data(self, parent_context):
        pending = PurchaseSuggestion.objects.filter(status=SuggestionStatus.PENDING).order_by("created_at")
        return {"count": pending.count(), "oldest": pending[: self.SHOWN]}


@hooks.register("construct_homepage_panels")
def pending_suggestions_panel(request, panels):
    if request.user.has_perm("catalog_search.change_purchasesuggestion"):
        panels.append(PendingSuggestionsPanel())
