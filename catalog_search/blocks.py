"""StreamField blocks that show the catalogue on any page an editor places them (the home page, a
campaign): new arrivals, the borrowing ranking and chosen reading lists. Their books are computed
when the page is shown, so they are always current."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from . import rankings
from .forms import CLC_CLASSES
from .models import Audience

CLC_CHOICES = [("", _("全部分类"))] + CLC_CLASSES
AUDIENCE_CHOICES = [("", _("全部读者"))] + [choice for choice in Audience.choices if choice[0] != Audience.EVERYONE]
AUDIENCE_HELP = _("按书目的读者对象筛选（取自图书馆系统导出的书目）；未注明读者对象的书只出现在“全部读者”中。")
RANKING_PERIODS = [("", _("累计借阅")), ("30", _("近 30 天")), ("90", _("近 90 天")), ("365", _("近一年"))]


class NewArrivalsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("标题"), max_length=60, default=_("新书推荐"))
    days = blocks.IntegerBlock(label=_("最近多少天入藏"), min_value=1, max_value=3650, default=90)
    count = blocks.IntegerBlock(label=_("显示几种"), min_value=1, max_value=50, default=8)
    clc = blocks.ChoiceBlock(label=_("分类"), choices=CLC_CHOICES, required=False)
    audience = blocks.ChoiceBlock(
        label=_("读者对象"), choices=AUDIENCE_CHOICES, required=False, help_text=AUDIENCE_HELP
    )

    class Meta:
        icon = "doc-full-inverse"
        label = _("新书推荐")
        template = "catalog_search/blocks/book_shelf.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["books"] = rankings.new_arrivals(
            value["days"], value["count"], value.get("clc") or "", value.get("audience") or ""
        )
        return context


class BorrowingRankingBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("标题"), max_length=60, default=_("借阅排行榜"))
    days = blocks.ChoiceBlock(
        label=_("统计范围"),
        choices=RANKING_PERIODS,
        required=False,
        help_text=_("按天数统计时，借阅次数取自这段时间内各次书目导入的变化，请至少按这个频率导入。"),
    )
    period = blocks.CharBlock(
        label=_("时段说明"),
        max_length=60,
        required=False,
        help_text=_("显示在标题旁，例如“2026年10月”；留空时按统计范围显示。"),
    )
    count = blocks.IntegerBlock(label=_("显示几名"), min_value=1, max_value=50, default=10)
    clc = blocks.ChoiceBlock(label=_("分类"), choices=CLC_CHOICES, required=False)
    audience = blocks.ChoiceBlock(
        label=_("读者对象"), choices=AUDIENCE_CHOICES, required=False, help_text=AUDIENCE_HELP
    )

    class Meta:
        icon = "list-ol"
        label = _("借阅排行榜")
        template = "catalog_search/blocks/ranking.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        days = int(value.get("days") or 0) or None
        context["books"] = rankings.borrowing_ranking(
            value["count"], value.get("clc") or "", days=days, audience=value.get("audience") or ""
        )
        context["period"] = value.get("period") or dict(RANKING_PERIODS).get(value.get("days") or "")
        return context


LATEST_LISTS = 3


class ReadingListsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("标题"), max_length=60, default=_("推荐书单"))
    lists = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="catalog_search.ReadingListPage"),
        label=_("书单"),
        min_num=0,
        help_text=_("不选则显示最新发布的三份书单，首页不必每次更新。"),
    )

    class Meta:
        icon = "list-ul"
        label = _("推荐书单")
        template = "catalog_search/blocks/reading_lists.html"

    def get_context(self, value, parent_context=None):
        from portal.i18n import active_locale_filter
        from portal.routing import public

        from .models import ReadingListPage

        context = super().get_context(value, parent_context)
        chosen = [page for page in value["lists"] if page is not None and page.live]
        if chosen:
            context["reading_lists"] = [page.localized.specific for page in chosen]
        else:
            context["reading_lists"] = list(
                public(ReadingListPage.objects.live())
                .filter(**active_locale_filter())
                .order_by("-year", "-first_published_at", "-pk")[:LATEST_LISTS]
            )
        return context
