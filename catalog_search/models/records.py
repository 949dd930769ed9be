"""The catalogue: records (10⁵–10⁶ of them, so plain Django models, not pages) and the copies each
branch holds. The ``search_*`` fields hold the Chinese-aware tokens of catalog_search.search.analysis;
they are what every search backend indexes, so all of them see the same words."""

import hashlib
import json
from datetime import timedelta

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.api import APIField
from wagtail.search import index

from ..search import analysis


class Audience(models.TextChoices):
    """Who a book (a catalogue record's 读者对象) or a reading list (适读人群) is for."""

    CHILDREN = "children", _("少儿")
    TEENS = "teens", _("青少年")
    ADULTS = "adults", _("成人")
    EVERYONE = "everyone", _("全年龄")


AUTHOR_ROLES = (
    "著",
    "编著",
    "主编",
    "编",
    "译",
    "绘",
    "注",
    "校注",
    "评注",
    "撰",
    "口述",
    "整理",
    "选编",
    "改编",
    "续",
    "续书",
    "原著",
    "编译",
    "编选",
    "点校",
    "校点",
    "编绘",
    "插图",
    "译注",
    "注译",
)
# Not 文 or 图 (文字, 图画 in picture books): too many names end with them (沈从文).


class CatalogueRecord(index.Indexed, models.Model):
    record_id = models.CharField(_("记录号"), max_length=64, unique=True)
    title = models.CharField(_("题名"), max_length=500)
    subtitle = models.CharField(_("副题名或并列题名"), max_length=500, blank=True)
    authors = models.JSONField(
        _("责任者"), default=list, blank=True, help_text=_("每位责任者的姓名和责任方式（著、译、编……）。")
    )
    publisher = models.CharField(_("出版者"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("出版年"), null=True, blank=True, db_index=True)
    isbn = models.CharField(_("ISBN"), max_length=13, blank=True, db_index=True, help_text=_("ISBN-13，无连字符。"))
    clc = models.CharField(_("中图法分类号"), max_length=50, blank=True, db_index=True)
    subjects = models.JSONField(_("主题词"), default=list, blank=True)
    series = models.CharField(_("丛书"), max_length=200, blank=True)
    summary = models.TextField(_("提要"), blank=True)
    language = models.CharField(_("语种"), max_length=10, blank=True, default="chi")
    cover_url = models.URLField(_("封面图片地址"), blank=True)
    audience = models.CharField(
        _("读者对象"),
        max_length=10,
        choices=Audience.choices,
        blank=True,
        help_text=_("取自 MARC 的读者对象代码或 CSV 的 audience 列；留空表示未注明。"),
    )
    other_forms = models.JSONField(
        _("其他形式"),
        default=list,
        blank=True,
        help_text=_("题名、责任者和出版者的其他写法，如 MARC21 记录中与 880 汉字字段对应的罗马化形式；可检索。"),
    )
    circulation_count = models.PositiveIntegerField(_("借阅次数"), default=0)
    # How many holdings the record has, kept by the importer (the only writer of holdings) so that
    # ranking can break ties on it without counting them at every search.
    copies = models.PositiveIntegerField(_("馆藏册数"), default=0, editable=False)
    created_at = models.DateTimeField(_("入藏时间"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    # What the importer compares to tell "unchanged" from "updated" without reading every field.
    content_hash = models.CharField(max_length=40, editable=False, blank=True)

    search_title = models.TextField(editable=False, blank=True)
    search_authors = models.TextField(editable=False, blank=True)
    search_subjects = models.TextField(editable=False, blank=True)
    search_summary = models.TextField(editable=False, blank=True)
    search_pinyin = models.TextField(editable=False, blank=True)
    search_isbn = models.CharField(max_length=13, editable=False, blank=True)
    # Normalised forms the ranking compares (catalog_search.search.analysis.squeeze), computed once here
    # rather than for every candidate of every search: "|"-separated where there are several.
    title_key = models.CharField(max_length=500, editable=False, blank=True)
    # The title's pinyin in its usual reading and its initials (边城: biancheng, bc), for the same
    # lookups as title_key when a reader types letters.
    title_pinyin = models.CharField(max_length=500, editable=False, blank=True)
    title_initials = models.CharField(max_length=200, editable=False, blank=True)
    author_keys = models.TextField(editable=False, blank=True)
    subject_keys = models.TextField(editable=False, blank=True)

    search_fields = [
        index.SearchField("search_title", boost=10),
        index.SearchField("search_isbn", boost=10),
        index.SearchField("search_authors", boost=5),
        index.SearchField("search_pinyin", boost=4),
        index.SearchField("search_subjects", boost=2),
        index.SearchField("search_summary"),
        index.FilterField("clc"),
        index.FilterField("year"),
        index.FilterField("language"),
        index.FilterField("isbn"),
    ]

    api_fields = [
        APIField(name)
        for name in (
            "record_id",
            "title",
            "subtitle",
            "authors",
            "publisher",
            "year",
            "isbn",
            "clc",
            "subjects",
            "series",
            "summary",
            "language",
            "cover_url",
            "audience",
            "other_forms",
            "circulation_count",
        )
    ]

    CONTENT_FIELDS = (
        "title",
        "subtitle",
        "authors",
        "publisher",
        "year",
        "isbn",
        "clc",
        "subjects",
        "series",
        "summary",
        "language",
        "cover_url",
    )

    class Meta:
        verbose_name = _("书目记录")
        verbose_name_plural = _("书目记录")
        indexes = [
            # Exact and prefix title lookups (catalog_search.search.engine.title_prefix_matches). On
            # PostgreSQL the pattern operator class is what lets LIKE 'prefix%' use it; other
            # databases ignore opclasses and build a plain index.
            # The ranking's columns ride along (and record_id, by which the records are then
            # fetched), so that the titles beginning with a fragment are put in ranking order from
            # the index alone: a fragment can begin 8,000 titles of 10⁵, and reading each row took
            # 18 ms on SQLite, the index 2.5 ms.
            *(
                models.Index(
                    fields=[key, "circulation_count", "copies", "year", "record_id"],
                    name=name,
                    opclasses=["varchar_pattern_ops", "int4_ops", "int4_ops", "int2_ops", "varchar_ops"],
                )
                for key, name in (
                    ("title_key", "catalogue_title_key_ranked"),
                    ("title_pinyin", "catalogue_title_pinyin"),
                    ("title_initials", "catalogue_title_initials"),
                )
            ),
            # 借阅排行榜 and 新书推荐 (catalog_search.rankings), of all records or of one audience,
            # read in index order instead of sorting a million rows on every page view. Without
            # the audience in front, a 少儿 list walked the whole catalogue newest first looking
            # for children's books (6.6 s at 10⁶ records with none).
            models.Index(fields=["-circulation_count"], name="catalogue_most_borrowed"),
            models.Index(fields=["audience", "-circulation_count"], name="catalogue_most_borrowed_by"),
            models.Index(fields=["audience", "-created_at"], name="catalogue_newest_by"),
        ]

    def __str__(self):
        return self.title

    @property
    def author_names(self):
        return [author["name"] for author in self.authors]

    @property
    def authors_display(self):
        return "；".join(f"{a['name']} {a['role']}".strip() for a in self.authors)

    def get_absolute_url(self):
        return reverse("catalog_search:record", args=[self.record_id])

    def structured_data(self, url):
        """schema.org ``Book`` (the record page, and each item of a reading list's ``ItemList``)."""
        data = {
            "@type": "Book",
            "name": self.title,
            "url": url,
            "author": [{"@type": "Person", "name": name} for name in self.author_names],
        }
        if self.isbn:
            data["isbn"] = self.isbn
        if self.publisher:
            data["publisher"] = {"@type": "Organization", "name": self.publisher}
        if self.year:
            data["datePublished"] = str(self.year)
        if self.cover_url:
            data["image"] = self.cover_url
        return data

    def compute_hash(self):
        # The audience and other forms joined the record after catalogues had been imported:
        # hashed only when set, so that a catalogue without them is "unchanged" but for VERSION.
        later = [value for value in (self.audience, self.other_forms) if value]
        content = json.dumps(
            [analysis.VERSION] + [getattr(self, name) for name in self.CONTENT_FIELDS] + later,
            ensure_ascii=False,
            sort_keys=True,
        )
        return hashlib.sha1(content.encode()).hexdigest()

    def analysis_input(self):
        """What catalog_search.search.analysis.record_tokens reads."""
        return (
            self.title,
            self.subtitle,
            self.series,
            self.author_names,
            self.subjects,
            self.clc,
            self.summary,
            self.publisher,
            self.other_forms,
        )

    def prepare_search(self, tokens=None):
        """Fill the ``search_*`` fields (call before saving); ``tokens`` when record_tokens has
        already run elsewhere (the importer analyses large batches in worker processes)."""
        for name, value in (tokens or analysis.record_tokens(self.analysis_input())).items():
            setattr(self, name, value)
        self.search_isbn = self.isbn
        self.content_hash = self.compute_hash()


def parse_authors(values):
    """["路遥 著", "张三译"] → [{"name": "路遥", "role": "著"}, {"name": "张三", "role": "译"}]."""
    authors = []
    for value in values:
        value = " ".join(value.split())
        if not value:
            continue
        name, role = value, ""
        for candidate in sorted(AUTHOR_ROLES, key=len, reverse=True):
            if value.endswith(candidate) and len(value) > len(candidate):
                name, role = value[: -len(candidate)].strip(), candidate
                break
        authors.append({"name": name, "role": role})
    return authors


class HoldingStatus(models.TextChoices):
    ON_SHELF = "on_shelf", _("在架")
    ON_LOAN = "on_loan", _("借出")
    IN_TRANSIT = "in_transit", _("在途")
    READING_ROOM = "reading_room", _("馆内阅览")


class Holding(models.Model):
    """One copy: where it belongs, its call number and whether it is on the shelf now."""

    record = models.ForeignKey(
        CatalogueRecord, on_delete=models.CASCADE, related_name="holdings", verbose_name=_("书目记录")
    )
    branch = models.ForeignKey("portal.Branch", on_delete=models.PROTECT, related_name="+", verbose_name=_("馆藏地"))
    call_number = models.CharField(_("索书号"), max_length=100, blank=True)
    status = models.CharField(_("状态"), max_length=20, choices=HoldingStatus.choices, default=HoldingStatus.ON_SHELF)
    due_date = models.DateField(_("应还日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("馆藏")
        verbose_name_plural = _("馆藏")
        indexes = [models.Index(fields=["record", "branch"])]

    def __str__(self):
        return f"{self.call_number} ({self.get_status_display()})"


class LoanCountChange(models.Model):
    """How one import changed a record's loan count (借阅次数). Library systems export a running
    total; a ranking over a period (the last 30 days) adds up the changes inside it. Rows exist
    only for records whose count changed, one per record per day: a second import on the same day
    keeps the day's starting count and moves its end."""

    record = models.ForeignKey(CatalogueRecord, on_delete=models.CASCADE, related_name="+")
    counted_on = models.DateField(db_index=True)
    before = models.PositiveIntegerField()
    after = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["record", "counted_on"], name="one_loan_change_a_day")]

    KEPT_DAYS = 400  # the longest ranking period is a year

    @classmethod
    def forget_before(cls, today):
        """Changes older than any ranking period: dropped after each import, so the table holds
        about a year of changes, not the library's whole history."""
        cls.objects.filter(counted_on__lt=today - timedelta(days=cls.KEPT_DAYS)).delete()

    @classmethod
    def record_all(cls, changes, counted_on):
        """``changes``: [(record with its new count, count before)]; one statement per batch."""
        cls.objects.bulk_create(
            [
                cls(record=record, counted_on=counted_on, before=before, after=record.circulation_count)
                for record, before in changes
            ],
            update_conflicts=True,
            unique_fields=["record", "counted_on"],
            update_fields=["after"],
        )
