from django.utils.translation import gettext_lazy as _
from wagtail import blocks


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
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise blocks.StructBlockValidationError(
                block_errors={"page": _("请选择一个站内页面或填写一个链接地址（二选一）。")}
            )
        return value
