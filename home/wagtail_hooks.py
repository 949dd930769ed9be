from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from events import permissions
from portal import branch_map
from portal.admin_menu import PermissionMenuItem

from .audit import PersonalDataLogView
from .models import BranchMapPage
from .statistics_views import statistics_view


@hooks.register("register_admin_urls")
def report_urls():
    return [
        path("statistics/", statistics_view, name="home_statistics"),
        path("personal-data-log/", PersonalDataLogView.as_view(), name="home_personal_data_log"),
        path(
            "personal-data-log/results/",
            PersonalDataLogView.as_view(results_only=True),
            name="home_personal_data_log_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def statistics_menu_item():
    return PermissionMenuItem(
        _("活动统计"), reverse("home_statistics"), icon_name="table", order=50, permission=permissions.VIEW
    )


class AdministratorMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_reports_menu_item")
def personal_data_log_menu_item():
    return AdministratorMenuItem(_("个人信息操作记录"), reverse("home_personal_data_log"), icon_name="user", order=60)


@hooks.register("register_log_actions")
def survey_log_actions(actions):
    actions.register_action("home.export_survey_submissions", _("导出问卷答复"), _("导出了问卷答复"))


@hooks.register(branch_map.BRANCH_MAP_URL)
def branch_map_url(locale):
    page = BranchMapPage.objects.live().filter(locale=locale).first()
    return page.url if page else None
