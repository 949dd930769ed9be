from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("首页与文章")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete

        from portal.models import BranchStaff

        from . import roles

        def branches_changed(sender, instance, action, **kwargs):
            if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, BranchStaff):
                roles.sync_branch_groups(instance)

        def staff_removed(sender, instance, **kwargs):
            instance.user.groups.remove(*instance.user.groups.filter(name__startswith=roles.BRANCH_GROUP_PREFIX))

        m2m_changed.connect(branches_changed, sender=BranchStaff.branches.through, weak=False)
        post_delete.connect(staff_removed, sender=BranchStaff, weak=False)
