from django.contrib import messages
from django.utils.translation import gettext as _
from wagtail import hooks

from .chooser import record_chooser_viewset
from .models import ReadingListPage


@hooks.register("register_admin_viewset")
def register_record_chooser():
    # Registers the widget too: every FieldPanel for a CatalogueRecord uses this chooser.
    return record_chooser_viewset


@hooks.register("before_edit_page")
def warn_about_deleted_records(request, page):
    """A reading list whose books were deleted from the catalogue since: tell the editor which."""
    if request.method != "GET" or not isinstance(page.specific, ReadingListPage):
        return
    missing = page.specific.missing_items()
    if missing:
        messages.warning(request, _("书单中有 %(count)d 种书已从馆藏目录中删除，读者页面不再显示：%(titles)s。请删除这些条目或另选书目。") % {
            "count": len(missing), "titles": "、".join(f"《{item.record_title or '?'}》" for item in missing)})
