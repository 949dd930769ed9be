"""Who may see and run which registrations (docs/design.md: staff see only the events of the branches
they manage).

- ``events.view_registration``: open the registration screens at all;
- ``events.change_registration``: add, cancel, move and check in;
- ``events.export_registration``: download lists with full phone numbers (every export is logged);
- ``events.view_all_branches``: every branch's events; without it, only the events held at the
  branches assigned to the user under Settings → 网点工作人员 (portal.BranchStaff).

Superusers have every permission.
"""

from wagtail.models import Locale

from portal.models import BranchStaff

from .models import EventPage

VIEW = "events.view_registration"
CHANGE = "events.change_registration"
EXPORT = "events.export_registration"
ALL_BRANCHES = "events.view_all_branches"


def managed_events(user):
    """The events (default-language pages, which hold the registrations) this user may see."""
    events = EventPage.objects.filter(locale=Locale.get_default())
    if not user.has_perm(VIEW):
        return events.none()
    if user.has_perm(ALL_BRANCHES):
        return events
    staff = BranchStaff.objects.filter(user=user).first()
    if staff is None:
        return events.none()
    keys = staff.branches.values_list("translation_key", flat=True)
    return events.filter(branch__translation_key__in=list(keys))
