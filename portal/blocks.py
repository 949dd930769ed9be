"""StreamField blocks shared by every page type. Each renders with its own template in
templates/portal/blocks/ so that pages stay consistent and accessible."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("标题文字"), max_length=120)
    level = blocks.ChoiceBlock(label=_("级别"), choices=[("h2", _("二级标题")), ("h3", _("三级标题"))], default="h2")

    class Meta:
        icon = "title"
        label = _("小标题")
        template = "portal/blocks/heading.html"


class FigureBlock(blocks.StructBlock):
    image = ImageBlock(label=_("图片"))
    caption = blocks.CharBlock(label=_("图片说明"), required=False, max_length=200)

    class Meta:
        icon = "image"
        label = _("图片")
        template = "portal/blocks/figure.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("引文"))
    source = blocks.CharBlock(label=_("出处"), required=False, max_length=120)

    class Meta:
        icon = "openquote"
        label = _("引文")
        template = "portal/blocks/quote.html"


def require_page_or_url(value):
    """A link block points at a page on this site or at a URL: exactly one of the two."""
    if bool(value.get("page")) == bool(value.get("url")):
        raise blocks.StructBlockValidationError(
            block_errors={"page": _("请选择一个站内页面或填写一个链接地址（二选一）。")}
        )
    return value


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("按钮文字"), max_length=40)
    page = blocks.PageChooserBlock(label=_("站内页面"), required=False)
    url = blocks.URLBlock(label=_("或外部链接"), required=False)

    class Meta:
        icon = "link"
        label = _("按钮")
        template = "portal/blocks/call_to_action.html"

    def clean(self, value):
        return require_page_or_url(super().clean(value))


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("文档"))
    title = blocks.CharBlock(label=_("链接文字"), required=False, max_length=120)

    class Meta:
        icon = "doc-full"
        label = _("文档下载")
        template = "portal/blocks/document.html"


RICH_TEXT_FEATURES = ["bold", "italic", "h3", "h4", "ol", "ul", "link", "document-link"]


class BodyBlock(blocks.StreamBlock):
    """The body of articles and landing pages."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(label=_("段落"), features=RICH_TEXT_FEATURES, icon="pilcrow")
    figure = FigureBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    document = DocumentBlock()

    class Meta:
        block_counts = {}
