"""python manage.py setup_roles [BRANCH_CODE ...]

Creates or completes the staff roles (home.roles): the groups 总馆编辑, 审核人 and 分馆馆员, the
审核发布 workflow, and for each branch code given a section of the event list, a collection and a
group 分馆馆员：<branch>. Run it again after adding branches; it never removes anything.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from wagtail.models import Locale

from home import roles
from portal.models import Branch


class Command(BaseCommand):
    help = _(
        "创建或补全员工角色（总馆编辑、审核人、分馆馆员）和审核流程；给出网点代码时，为这些网点建立活动栏目、图片集和分馆用户组。"
    )

    def add_arguments(self, parser):
        parser.add_argument("branch_codes", nargs="*", metavar="BRANCH_CODE", help=_("网点代码，例如 FG01"))

    def handle(self, *args, branch_codes=(), **options):
        branches = list(Branch.objects.filter(code__in=branch_codes, locale=Locale.get_default()))
        unknown = sorted(set(branch_codes) - {branch.code for branch in branches})
        if unknown:
            raise CommandError(_("没有这些网点代码：%(codes)s") % {"codes": "、".join(unknown)})
        groups = roles.setup_roles(branches)
        self.stdout.write(_("员工角色已就绪：%(groups)s") % {"groups": "、".join(groups)})
