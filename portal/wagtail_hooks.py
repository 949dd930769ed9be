from django.urls import path, reverse
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


@hooks.register("register_admin_urls")
def two_factor_urls():
    from . import two_factor

    return [
        path("two-factor/", two_factor.manage, name="two_factor_manage"),
        path("two-factor/verify/", two_factor.verify, name="two_factor_verify"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_menu_item(request):
    return {
        "url": reverse("two_factor_manage"),
        "label": _("两步验证"),
        "help_text": _("登录时除了密码，再输入手机身份验证器 App 上的验证码。"),
    }


# Wagtail's help menu links to its English editor guide and release notes on guide.wagtail.org: a
# foreign host many library networks cannot reach, in a language staff do not read. Keep only what
# works here (the keyboard shortcuts).
FOREIGN_HELP = ("editor-guide", "whats-new-in-wagtail")


@hooks.register("construct_help_menu")
def without_foreign_help(request, menu_items):
    menu_items[:] = [item for item in menu_items if not item.name.startswith(FOREIGN_HELP)]
