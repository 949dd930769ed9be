from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from portal.blocks import require_page_or_url


class QuickLinkBlock(blocks.StructBlock):
    """One tile of the home page's quick-link grid (馆藏检索, 活动报名, 分馆地图 …)."""

    label = blocks.CharBlock(label=_("文字"), max_length=20)
    page = blocks.PageChooserBlock(label=_("站内页面"), required=False)
    url = blocks.CharBlock(
        label=_("或链接地址"), required=False, max_length=300,
        help_text=_("站内路径（如 /catalogue/search/）或完整网址。"),
    )

    class Meta:
        icon = "link"
        label = _("快捷入口")

    def clean(self, value):
        return require_page_or_url(super().clean(value))
