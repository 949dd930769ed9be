from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Branch, BranchStaff


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


class BranchStaffViewSet(ModelViewSet):
    """Settings → 网点工作人员: who runs the registrations of which branches."""

    model = BranchStaff
    icon = "group"
    menu_label = _("网点工作人员")
    add_to_settings_menu = True
    list_display = ["__str__", "user"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    form_fields = ["user", "branches"]


@hooks.register("register_admin_viewset")
def register_branch_staff():
    return BranchStaffViewSet("branch_staff")
