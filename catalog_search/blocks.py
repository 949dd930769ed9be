"""StreamField blocks that show the catalogue on any page an editor places them (the home page, a
campaign): new arrivals, the borrowing ranking and chosen reading lists. Their books are computed
when the page is shown, so they are always current."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from . import rankings
from .forms import CLC_CLASSES

CLC_CHOICES = [("", _("全部分类"))] + CLC_CLASSES


class NewArrivalsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("标题"), max_length=60, default=_("新书推荐"))
    days = blocks.IntegerBlock(label=_("最近多少天入藏"), min_value=1, max_value=3650, default=90)
    count = blocks.IntegerBlock(label=_("显示几种"), min_value=1, max_value=50, default=8)
    clc = blocks.ChoiceBlock(label=_("分类"), choices=CLC_CHOICES, required=False)

    class Meta:
        icon = "doc-full-inverse"
        label = _("新书推荐")
        template = "catalog_search/blocks/book_shelf.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["books"] = rankings.new_arrivals(value["days"], value["count"], value.get("clc") or "")
        return context


class BorrowingRankingBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("标题"), max_length=60, default=_("借阅排行榜"))
    period = blocks.CharBlock(label=_("统计时段"), max_length=60, required=False,
                              help_text=_("例如“2026年10月”：借阅次数随书目数据从图书馆系统导入。"))
    count = blocks.IntegerBlock(label=_("显示几名"), min_value=1, max_value=50, default=10)
    clc = blocks.ChoiceBlock(label=_("分类"), choices=CLC_CHOICES, required=False)

    class Meta:
        icon = "list-ol"
        label = _("借阅排行榜")
        template = "catalog_search/blocks/ranking.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["books"] = rankings.borrowing_ranking(value["count"], value.get("clc") or "")
        return context


class ReadingListsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("标题"), max_length=60, default=_("推荐书单"))
    lists = blocks.ListBlock(blocks.PageChooserBlock(page_type="catalog_search.ReadingListPage"), label=_("书单"))

    class Meta:
        icon = "list-ul"
        label = _("推荐书单")
        template = "catalog_search/blocks/reading_lists.html"
