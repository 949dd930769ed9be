from datetime import date

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from catalog_search.blocks import BorrowingRankingBlock, NewArrivalsBlock, ReadingListsBlock
from portal.blocks import BodyBlock, require_page_or_url


class QuickLinkBlock(blocks.StructBlock):
    """One tile of the home page's quick-link grid (馆藏检索, 活动报名, 分馆地图 …)."""

    label = blocks.CharBlock(label=_("文字"), max_length=20)
    page = blocks.PageChooserBlock(label=_("站内页面"), required=False)
    url = blocks.CharBlock(
        label=_("或链接地址"),
        required=False,
        max_length=300,
        help_text=_("站内路径（如 /catalogue/search/）或完整网址。"),
    )

    class Meta:
        icon = "link"
        label = _("快捷入口")

    def clean(self, value):
        return require_page_or_url(super().clean(value))


class CampaignEventsBlock(blocks.StructBlock):
    """The campaign's activities: the upcoming events of a category (or all), chosen when the
    page is shown, so the list is always current."""

    heading = blocks.CharBlock(label=_("标题"), max_length=60, default=_("活动安排"))
    category = SnippetChooserBlock(
        "events.EventCategory", label=_("活动类别"), required=False, help_text=_("留空表示所有类别。")
    )
    within_campaign = blocks.BooleanBlock(label=_("只显示活动期间内的活动"), required=False, default=True)
    count = blocks.IntegerBlock(label=_("最多显示几场"), min_value=1, max_value=30, default=6)

    class Meta:
        icon = "date"
        label = _("活动安排")
        template = "home/blocks/campaign_events.html"

    def get_context(self, value, parent_context=None):
        from events.listing import with_translations
        from events.models import EventPage

        context = super().get_context(value, parent_context)
        page = (parent_context or {}).get("page")
        events = EventPage.objects.upcoming().select_related("branch", "category")
        if page is not None:
            events = events.filter(locale_id=page.locale_id)
            if value.get("within_campaign") and getattr(page, "start_date", None) and getattr(page, "end_date", None):
                events = events.filter(start__date__lte=page.end_date, end__date__gte=page.start_date)
        if value.get("category"):
            events = events.filter(category_id=value["category"].pk)
        context["events"] = with_translations(events.order_by("start", "pk")[: value["count"]])
        return context


class CountdownBlock(blocks.StructBlock):
    """距 4·23 世界读书日还有 N 天 (counted when the page is shown)."""

    text = blocks.CharBlock(label=_("名称"), max_length=40, default=_("世界读书日"))
    date = blocks.DateBlock(label=_("日期"), required=False, help_text=_("留空表示下一个 4 月 23 日。"))

    class Meta:
        icon = "time"
        label = _("倒计时")
        template = "home/blocks/countdown.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        today = timezone.localdate()
        target = value.get("date") or next_world_book_day(today)
        context["target"] = target
        context["days_left"] = (target - today).days
        return context


def next_world_book_day(today):
    this_year = date(today.year, 4, 23)
    return this_year if today <= this_year else date(today.year + 1, 4, 23)


class PartnerBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("名称"), max_length=100)
    url = blocks.URLBlock(label=_("网址"), required=False)
    logo = ImageChooserBlock(label=_("标志"), required=False)


class PartnersBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("标题"), max_length=60, default=_("合作单位"))
    partners = blocks.ListBlock(PartnerBlock(), label=_("单位"))

    class Meta:
        icon = "group"
        label = _("合作单位")
        template = "home/blocks/partners.html"


HONOUR_KINDS = [
    ("family", _("书香家庭")),
    ("school", _("书香校园")),
    ("office", _("书香机关")),
    ("reader", _("阅读之星")),
    ("other", _("其他")),
]


class HonourBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("名称"), max_length=100, help_text=_("家庭、学校或单位的名称。"))
    citation = blocks.TextBlock(label=_("推荐词"), required=False, max_length=300)


class HonourRollBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(label=_("称号"), choices=HONOUR_KINDS, default="family")
    year = blocks.IntegerBlock(label=_("年度"), min_value=2000, max_value=2100)
    honourees = blocks.ListBlock(HonourBlock(), label=_("名单"))

    class Meta:
        icon = "pick"
        label = _("表彰名单")
        template = "home/blocks/honour_roll.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["kind_label"] = dict(HONOUR_KINDS).get(value["kind"], "")
        return context


class CampaignBodyBlock(BodyBlock):
    """A campaign's landing page: the body blocks every page has, plus what a campaign shows."""

    events = CampaignEventsBlock()
    reading_lists = ReadingListsBlock()
    new_arrivals = NewArrivalsBlock()
    ranking = BorrowingRankingBlock()
    countdown = CountdownBlock()
    partners = PartnersBlock()
    honour_roll = HonourRollBlock()


class HomeBodyBlock(BodyBlock):
    """The home page's body: the common blocks and the catalogue's always-current shelves."""

    reading_lists = ReadingListsBlock()
    new_arrivals = NewArrivalsBlock()
    ranking = BorrowingRankingBlock()
    countdown = CountdownBlock()
