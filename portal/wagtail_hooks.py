from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Branch


class BranchViewSet(SnippetViewSet):
    model = Branch
    icon = "site"
    menu_label = _("服务网点")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "code", "branch_type", "district", "phone"]
    list_filter = ["branch_type", "district", "locale"]
    search_fields = ["name", "address"]
    list_per_page = 50


register_snippet(BranchViewSet)
