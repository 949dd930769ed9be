"""好书推荐: reading lists that editors compose from the catalogue.

A list keeps its books as ordered items pointing at catalogue records. A record deleted from the
catalogue later (weeded, merged by the next import) leaves its item behind with the title it had:
the public page shows the remaining books, and the admin names the missing ones (see
``missing_items`` and catalog_search.wagtail_hooks).
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from portal.models import LeadImageAltMixin, ShareMixin
from portal.pagination import paginate
from portal.routing import KeptViewRestrictions, public
from portal.slugs import PinyinSlugMixin

from ..availability import attach_copies
from .records import Audience, CatalogueRecord

LISTS_PER_PAGE = 12


class Occasion(models.TextChoices):
    NONE = "", _("常设书单")
    WORLD_BOOK_DAY = "world_book_day", _("4·23 世界读书日")
    READING_MONTH = "reading_month", _("读书月")
    WINTER_HOLIDAY = "winter_holiday", _("寒假")
    SUMMER_HOLIDAY = "summer_holiday", _("暑假")


def this_year():
    return timezone.localdate().year


class ReadingListPage(KeptViewRestrictions, PinyinSlugMixin, LeadImageAltMixin, ShareMixin, Page):
    theme = models.CharField(
        _("主题"), max_length=120, blank=True, help_text=_("一句话说明这份书单的主题，显示在标题下方。")
    )
    intro = models.TextField(_("导语"), blank=True)
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("封面图"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cover_alt = models.CharField(_("封面图替代文字"), max_length=200, blank=True)
    audience = models.CharField(_("适读人群"), max_length=10, choices=Audience.choices, default=Audience.EVERYONE)
    occasion = models.CharField(_("时节"), max_length=20, choices=Occasion.choices, blank=True, default="")
    year = models.PositiveSmallIntegerField(_("年度"), default=this_year)

    lead_image_fields = ("cover_image", "cover_alt")

    parent_page_types = ["catalog_search.ReadingListIndexPage"]
    subpage_types = []

    content_panels = Page.content_panels + [
        FieldPanel("theme"),
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("cover_image"), FieldPanel("cover_alt")], heading=_("封面图")),
        FieldRowPanel([FieldPanel("audience"), FieldPanel("occasion"), FieldPanel("year")], heading=_("分类")),
        InlinePanel(
            "items",
            label=_("书目"),
            heading=_("书目"),
            help_text=_("从馆藏目录中选书（可按书名、作者、拼音或 ISBN 搜索），并写下推荐语。"),
        ),
    ]
    promote_panels = Page.promote_panels + ShareMixin.share_panels
    override_translatable_fields = [SynchronizedField(name) for name in ("cover_image", "audience", "occasion", "year")]

    search_fields = Page.search_fields + [
        index.SearchField("theme"),
        index.SearchField("intro"),
        index.FilterField("audience"),
        index.FilterField("year"),
    ]
    api_fields = [APIField(name) for name in ("theme", "intro", "audience", "occasion", "year")]

    class Meta:
        verbose_name = _("推荐书单")
        verbose_name_plural = _("推荐书单")

    def get_share_description(self):
        return self.search_description or self.theme or self.intro

    def get_share_image(self):
        return self.share_image or self.cover_image

    def entries(self):
        """The list's books in order, each item with its record and the record's holdings (with
        branches) loaded: a fixed number of queries however long the list. Items whose record
        was deleted from the catalogue are left out."""
        items = (
            self.items.filter(record__isnull=False)
            .select_related("record")
            .prefetch_related("record__holdings__branch")
            .order_by("sort_order", "pk")
        )
        return list(items)

    def missing_items(self):
        """Items whose catalogue record no longer exists (for the admin's warning)."""
        return list(self.items.filter(record__isnull=True).order_by("sort_order", "pk"))

    def structured_data(self, request, entries):
        """schema.org ``ItemList`` of ``Book``s, in the list's order."""
        return {
            "@context": "https://schema.org",
            "@type": "ItemList",
            "name": self.title,
            "description": self.theme or self.intro,
            "url": self.get_full_url(request),
            "numberOfItems": len(entries),
            "itemListElement": [
                {
                    "@type": "ListItem",
                    "position": position,
                    "item": entry.record.structured_data(request.build_absolute_uri(entry.record.get_absolute_url())),
                }
                for position, entry in enumerate(entries, start=1)
            ],
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        entries = self.entries()
        attach_copies([entry.record for entry in entries], lambda record: record.holdings.all())
        context["entries"] = entries
        context["structured_data"] = self.structured_data(request, entries)
        return context


class ReadingListItem(TranslatableMixin, Orderable):
    page = ParentalKey(ReadingListPage, on_delete=models.CASCADE, related_name="items")
    record = models.ForeignKey(
        CatalogueRecord,
        verbose_name=_("书目记录"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="reading_list_items",
    )
    # The title when chosen: what editors are told is missing if the record is deleted later.
    record_title = models.CharField(_("题名（选书时）"), max_length=500, blank=True, editable=False)
    recommendation = models.TextField(_("推荐语"), blank=True)

    panels = [FieldPanel("record"), FieldPanel("recommendation")]
    override_translatable_fields = [SynchronizedField("record")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("书目")
        verbose_name_plural = _("书目")

    def save(self, *args, **kwargs):
        if self.record_id and not self.record_title:
            self.record_title = self.record.title
        super().save(*args, **kwargs)

    def __str__(self):
        return self.record.title if self.record else self.record_title


class ReadingListIndexPage(KeptViewRestrictions, PinyinSlugMixin, ShareMixin, Page):
    """好书推荐: every reading list below it, newest year first, filtered by audience and year."""

    intro = models.TextField(_("简介"), blank=True)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["catalog_search.ReadingListPage"]

    content_panels = Page.content_panels + [FieldPanel("intro")]
    promote_panels = Page.promote_panels + ShareMixin.share_panels

    class Meta:
        verbose_name = _("书单列表页")

    def get_context(self, request, *args, **kwargs):
        from ..forms import ReadingListFilterForm

        context = super().get_context(request, *args, **kwargs)
        lists = (
            public(ReadingListPage.objects.live())
            .child_of(self)
            .select_related("cover_image")
            .prefetch_related("cover_image__renditions")
            .order_by("-year", "-first_published_at", "-pk")
        )
        form = ReadingListFilterForm(request.GET, years=sorted(set(lists.values_list("year", flat=True)), reverse=True))
        context["filter_form"] = form
        context["reading_lists"] = paginate(request, form.filter(lists), LISTS_PER_PAGE)
        return context
