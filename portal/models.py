"""The shared core every app may import: the branch network and its staff, site settings and the
share mixin."""

from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from rest_framework import serializers
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Locale, Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from . import hours, page_cache
from .fields import MultipleChoiceField
from .forms import BranchForm
from .serializers import StatusField


class BranchType(models.TextChoices):
    CENTRAL = "central", _("总馆")
    BRANCH = "branch", _("分馆")
    READING_ROOM = "reading_room", _("城市阅书房")
    SELF_SERVICE = "self_service", _("24 小时自助图书馆")
    MOBILE = "mobile", _("汽车流动图书馆")
    SERVICE_POINT = "service_point", _("服务点")
    CIRCULATION_STATION = "circulation_station", _("图书流动站")
    VILLAGE = "village", _("农家书屋")


FACILITIES = [
    ("accessible", _("无障碍通道")),
    ("children", _("少儿阅览")),
    ("self_checkout", _("自助借还")),
    ("book_return", _("24 小时还书")),
    ("visually_impaired", _("视障阅览")),
    ("study_room", _("自习室")),
    ("wifi", _("无线网络")),
    ("parking", _("停车场")),
]
FACILITY_LABELS = dict(FACILITIES)

# China, islands included, lies between about 3.9 °N (曾母暗沙) and 53.6 °N, 73.5 °E and 135.1 °E;
# rounded outwards. A "latitude" that would make a plausible Chinese longitude (and vice versa) is
# almost always a swapped pair.
CHINA_LATITUDE = (Decimal("3"), Decimal("54"))
CHINA_LONGITUDE = (Decimal("73"), Decimal("136"))

phone_validator = RegexValidator(r"^[0-9+\-() ]{5,30}$", _("电话号码只能包含数字、空格、+、- 和括号。"))


class BranchQuerySet(models.QuerySet):
    def with_hours(self):
        """Everything ``status_at`` and ``weekly_hours`` read, in three more queries in all."""
        return self.prefetch_related("opening_periods", "opening_exceptions", "mobile_stops")


class Branch(TranslatableMixin, index.Indexed, ClusterableModel):
    """A service point of the 总馆-分馆 network. Names and addresses are translated; code, type,
    coordinates, phone, facilities and hours are the same in every language: hours are edited on
    the branch in the default language and copied to its translations when it is saved."""

    name = models.CharField(_("名称"), max_length=100)
    code = models.CharField(
        _("馆代码"),
        max_length=20,
        validators=[RegexValidator(r"^[A-Za-z0-9_-]+$", _("馆代码只能包含字母、数字、- 和 _。"))],
        help_text=_("图书馆系统中的馆藏地代码，例如 ZG、FG01。馆藏导入和链接使用它，创建后请勿修改。"),
    )
    branch_type = models.CharField(_("类型"), max_length=30, choices=BranchType.choices)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    district = models.CharField(_("所在区县"), max_length=50, blank=True)
    latitude = models.DecimalField(
        _("纬度"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        help_text=_("WGS-84 坐标，例如 30.572815。"),
    )
    longitude = models.DecimalField(
        _("经度"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        help_text=_("WGS-84 坐标，例如 104.066801。"),
    )
    phone = models.CharField(_("电话"), max_length=30, blank=True, validators=[phone_validator])
    opening_hours = models.TextField(
        _("开放时间补充说明"),
        blank=True,
        help_text=_("可选，例如“法定节假日照常开放”。开放时段请在下方“每周开放时间”中填写。"),
    )
    facilities = MultipleChoiceField(_("设施与服务"), choices_list=FACILITIES)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("照片"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    photo_alt = models.CharField(_("照片替代文字"), max_length=200, blank=True)

    objects = BranchQuerySet.as_manager()
    base_form_class = BranchForm

    panels = [
        FieldPanel("name"),
        FieldPanel("code"),
        FieldPanel("branch_type"),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("district"), FieldPanel("latitude"), FieldPanel("longitude")],
            heading=_("位置"),
        ),
        FieldPanel("phone"),
        FieldPanel("facilities"),
        MultiFieldPanel([FieldPanel("photo"), FieldPanel("photo_alt")], heading=_("照片")),
        InlinePanel(
            "opening_periods",
            heading=_("每周开放时间"),
            label=_("开放时段"),
            help_text=_("24 小时自助图书馆无需填写。每天可有多个时段。"),
        ),
        InlinePanel("opening_exceptions", heading=_("节假日与临时调整"), label=_("调整")),
        InlinePanel(
            "mobile_stops", heading=_("流动图书馆停靠时刻表"), label=_("停靠点"), help_text=_("仅汽车流动图书馆填写。")
        ),
        FieldPanel("opening_hours"),
    ]

    override_translatable_fields = [
        SynchronizedField("code"),
        SynchronizedField("phone"),
    ]

    search_fields = [
        index.SearchField("name"),
        index.SearchField("address"),
        index.AutocompleteField("name"),
        index.FilterField("branch_type"),
        index.FilterField("locale_id"),
    ]

    api_fields = [
        APIField("code"),
        APIField("name"),
        APIField("type", serializer=serializers.CharField(source="branch_type")),
        APIField("address"),
        APIField("district"),
        APIField("phone"),
        APIField("lat", serializer=serializers.FloatField(source="latitude")),
        APIField("lng", serializer=serializers.FloatField(source="longitude")),
        APIField("facilities"),
        APIField("open_now", serializer=StatusField("is_open")),
        APIField("status", serializer=StatusField("state")),
        APIField("next_change", serializer=StatusField("next_change")),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("服务网点")
        verbose_name_plural = _("服务网点")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["code", "locale"], name="unique_branch_code_per_locale"),
        ]

    def __str__(self):
        return self.name

    @property
    def has_location(self):
        return self.latitude is not None and self.longitude is not None

    def facility_labels(self):
        return [FACILITY_LABELS[code] for code in self.facilities if code in FACILITY_LABELS]

    @property
    def is_always_open(self):
        return self.branch_type == BranchType.SELF_SERVICE

    @property
    def is_mobile(self):
        return self.branch_type == BranchType.MOBILE

    @cached_property
    def current_status(self):
        """The status now, computed once per object (pages and the API read it). A cached page
        showing it holds until the state or the words for it change (see ``hours.Status.holds_until``)."""
        status = self.status_at()
        page_cache.valid_until(status.holds_until(timezone.now()))
        return status

    def status_at(self, now=None):
        """Open, closing soon, closed or closed today, and the next change (see portal.hours).
        Uses prefetched rows when the queryset has them (see ``Branch.objects.with_hours()``)."""
        if self.is_mobile:
            periods = [stop.as_period() for stop in self.mobile_stops.all()]
        else:
            periods = [period.as_period() for period in self.opening_periods.all()]
        overrides = [exception.as_override() for exception in self.opening_exceptions.all()]
        return hours.status(now or timezone.now(), periods, overrides, self.is_always_open)

    def weekly_hours(self):
        """[(weekday label, [periods])] for Monday to Sunday, for the branch page."""
        rows = self.mobile_stops.all() if self.is_mobile else self.opening_periods.all()
        return [(label, [row for row in rows if row.weekday == day]) for day, label in WEEKDAYS]

    def upcoming_exceptions(self, today=None):
        today = today or timezone.localdate()
        return [exception for exception in self.opening_exceptions.all() if exception.end_date >= today]

    def save(self, *args, **kwargs):
        with transaction.atomic():
            super().save(*args, **kwargs)
            if self.locale_id == Locale.get_default().pk:
                self.copy_hours_to_translations()

    def copy_hours_to_translations(self):
        """Hours are the same in every language: replace the translations' copies with ours."""
        for translation in self.get_translations():
            for relation in ("opening_periods", "opening_exceptions", "mobile_stops"):
                manager = getattr(translation, relation)
                manager.model.objects.filter(branch=translation).delete()
                manager.model.objects.bulk_create([row.copy_for(translation) for row in getattr(self, relation).all()])

    def clean(self):
        super().clean()
        errors = {}
        if (self.latitude is None) != (self.longitude is None):
            missing = "longitude" if self.longitude is None else "latitude"
            errors[missing] = _("纬度和经度要么都填写，要么都留空。")
        if self.has_location:
            errors.update(coordinate_errors(self.latitude, self.longitude))
        if errors:
            raise ValidationError(errors)


WEEKDAYS = [
    (0, _("星期一")),
    (1, _("星期二")),
    (2, _("星期三")),
    (3, _("星期四")),
    (4, _("星期五")),
    (5, _("星期六")),
    (6, _("星期日")),
]


class HoursRow(Orderable):
    """Rows of a branch's hours; copied, not translated, into the branch's translations."""

    copied_fields = ()

    class Meta(Orderable.Meta):
        abstract = True

    def copy_for(self, branch):
        return type(self)(
            branch=branch, sort_order=self.sort_order, **{name: getattr(self, name) for name in self.copied_fields}
        )


class OpeningPeriod(HoursRow):
    branch = ParentalKey(Branch, on_delete=models.CASCADE, related_name="opening_periods")
    weekday = models.PositiveSmallIntegerField(_("星期"), choices=WEEKDAYS)
    opens = models.TimeField(_("开馆"))
    closes = models.TimeField(_("闭馆"))
    closes_next_day = models.BooleanField(
        _("次日闭馆"), default=False, help_text=_("跨越午夜的时段，例如 20:00 至次日 2:00。")
    )

    copied_fields = ("weekday", "opens", "closes", "closes_next_day")
    panels = [FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes"), FieldPanel("closes_next_day")]

    class Meta(HoursRow.Meta):
        verbose_name = _("开放时段")

    def as_period(self):
        return hours.Period(self.weekday, self.opens, self.closes, self.closes_next_day)

    def clean(self):
        super().clean()
        if self.opens is None or self.closes is None:
            return
        if self.closes == self.opens:
            raise ValidationError({"closes": _("闭馆时间不能等于开馆时间。")})
        if self.closes < self.opens and not self.closes_next_day:
            raise ValidationError({"closes": _("闭馆时间早于开馆时间。如果这个时段跨越午夜，请勾选“次日闭馆”。")})
        if self.closes > self.opens and self.closes_next_day:
            raise ValidationError({"closes_next_day": _("勾选“次日闭馆”时，一个时段不能超过 24 小时。")})


class OpeningException(HoursRow):
    branch = ParentalKey(Branch, on_delete=models.CASCADE, related_name="opening_exceptions")
    start_date = models.DateField(_("开始日期"))
    end_date = models.DateField(_("结束日期"))
    closed = models.BooleanField(_("闭馆"), default=True, help_text=_("不勾选则按下面的时间开放。"))
    opens = models.TimeField(_("开馆"), null=True, blank=True)
    closes = models.TimeField(_("闭馆"), null=True, blank=True)
    reason = models.CharField(_("原因"), max_length=100, blank=True, help_text=_("例如：春节闭馆、设备检修。"))
    # Hours rows are copied into a branch's translations, not translated (HoursRow): the reason
    # readers of the English pages see is kept beside the Chinese one, like the library's name.
    reason_en = models.CharField(
        _("原因（英文）"),
        max_length=100,
        blank=True,
        help_text=_("英文页面显示这一句，例如：Spring Festival。留空则显示中文原因。"),
    )

    copied_fields = ("start_date", "end_date", "closed", "opens", "closes", "reason", "reason_en")
    panels = [
        FieldPanel("start_date"),
        FieldPanel("end_date"),
        FieldPanel("closed"),
        FieldPanel("opens"),
        FieldPanel("closes"),
        FieldPanel("reason"),
        FieldPanel("reason_en"),
    ]

    class Meta(HoursRow.Meta):
        verbose_name = _("节假日与临时调整")

    @property
    def display_reason(self):
        """The reason in the reader's language (the Chinese one when no English is given)."""
        if get_language() == "en" and self.reason_en:
            return self.reason_en
        return self.reason

    def as_override(self):
        return hours.Override(self.start_date, self.end_date, self.closed, self.opens, self.closes, self.display_reason)

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("结束日期早于开始日期。")
        if not self.closed:
            if self.opens is None or self.closes is None:
                errors["opens"] = _("不闭馆时，请填写这几天的开馆和闭馆时间。")
            elif self.closes <= self.opens:
                errors["closes"] = _("闭馆时间必须晚于开馆时间。")
        if errors:
            raise ValidationError(errors)


class MobileStop(HoursRow):
    """A stop of the mobile library bus: where it parks and when."""

    branch = ParentalKey(Branch, on_delete=models.CASCADE, related_name="mobile_stops")
    weekday = models.PositiveSmallIntegerField(_("星期"), choices=WEEKDAYS)
    arrives = models.TimeField(_("到站"))
    departs = models.TimeField(_("离站"))
    stop_name = models.CharField(_("停靠点"), max_length=100)
    latitude = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("经度"), max_digits=9, decimal_places=6, null=True, blank=True)

    copied_fields = ("weekday", "arrives", "departs", "stop_name", "latitude", "longitude")
    panels = [
        FieldPanel("weekday"),
        FieldPanel("arrives"),
        FieldPanel("departs"),
        FieldPanel("stop_name"),
        FieldPanel("latitude"),
        FieldPanel("longitude"),
    ]

    class Meta(HoursRow.Meta):
        verbose_name = _("停靠点")

    # The timetable is read like opening hours: "open" while the bus is at a stop.
    @property
    def opens(self):
        return self.arrives

    @property
    def closes(self):
        return self.departs

    def as_period(self):
        return hours.Period(self.weekday, self.arrives, self.departs, place=self.stop_name)

    def clean(self):
        super().clean()
        errors = {}
        if self.arrives and self.departs and self.departs <= self.arrives:
            errors["departs"] = _("离站时间必须晚于到站时间。")
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("纬度和经度要么都填写，要么都留空。")
        elif self.latitude is not None:
            errors.update(coordinate_errors(self.latitude, self.longitude))
        if errors:
            raise ValidationError(errors)


def coordinate_errors(latitude, longitude):
    """Errors for a WGS-84 pair, by field; a swapped pair is named as such."""
    if not (-90 <= latitude <= 90) and (-90 <= longitude <= 90):
        return {"latitude": _("纬度必须在 -90 到 90 之间：看起来纬度和经度填反了。")}
    looks_swapped = (
        CHINA_LONGITUDE[0] <= latitude <= CHINA_LONGITUDE[1] and CHINA_LATITUDE[0] <= longitude <= CHINA_LATITUDE[1]
    )
    if looks_swapped:
        return {
            "latitude": _(
                "纬度 %(lat)s、经度 %(lng)s 看起来填反了：中国境内纬度约 %(south)s–%(north)s，"
                "经度约 %(west)s–%(east)s。"
            )
            % {
                "lat": latitude,
                "lng": longitude,
                "south": CHINA_LATITUDE[0],
                "north": CHINA_LATITUDE[1],
                "west": CHINA_LONGITUDE[0],
                "east": CHINA_LONGITUDE[1],
            }
        }
    errors = {}
    if not -90 <= latitude <= 90:
        errors["latitude"] = _("纬度必须在 -90 到 90 之间。")
    if not -180 <= longitude <= 180:
        errors["longitude"] = _("经度必须在 -180 到 180 之间。")
    return errors


class BranchStaff(models.Model):
    """The branches a member of staff looks after. Staff see and run the registrations of the
    events held at their branches only (docs/design.md: personal data); who may see every branch is a
    permission (``events.view_all_branches``)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="branch_staff"
    )
    branches = models.ManyToManyField(
        Branch,
        verbose_name=_("负责的网点"),
        related_name="+",
        limit_choices_to={"locale__language_code": settings.LANGUAGE_CODE},
    )

    panels = [FieldPanel("user"), FieldPanel("branches", widget=forms.CheckboxSelectMultiple)]

    class Meta:
        verbose_name = _("网点工作人员")
        verbose_name_plural = _("网点工作人员")

    def __str__(self):
        return self.user.get_full_name() or self.user.get_username()


@register_setting(icon="home")
class LibrarySettings(BaseSiteSetting):
    """Who runs the site: shown in the header and footer of every page. Site settings are not
    translated by wagtail-localize, so the few texts readers see have an English twin field."""

    library_name = models.CharField(_("图书馆名称"), max_length=100, default="书香图书馆")
    library_name_en = models.CharField(_("图书馆名称（英文）"), max_length=150, blank=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    address_en = models.CharField(_("地址（英文）"), max_length=300, blank=True)
    phone = models.CharField(_("咨询电话"), max_length=30, blank=True, validators=[phone_validator])
    email = models.EmailField(_("电子邮箱"), blank=True)
    footer_text = models.TextField(_("页脚说明"), blank=True)
    footer_text_en = models.TextField(_("页脚说明（英文）"), blank=True)
    icp_number = models.CharField(
        _("ICP 备案号"), max_length=50, blank=True, help_text=_("例如：京ICP备12345678号-1。页脚链接到工信部备案系统。")
    )
    police_record_number = models.CharField(_("公安备案号"), max_length=50, blank=True)
    wechat_account_name = models.CharField(_("微信公众号名称"), max_length=50, blank=True)
    wechat_qr = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("微信公众号二维码"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("隐私政策页面"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        MultiFieldPanel([FieldPanel("library_name"), FieldPanel("library_name_en")], heading=_("名称")),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("address_en"), FieldPanel("phone"), FieldPanel("email")],
            heading=_("联系方式"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("footer_text"),
                FieldPanel("footer_text_en"),
                FieldPanel("icp_number"),
                FieldPanel("police_record_number"),
                PageChooserPanel("privacy_page"),
            ],
            heading=_("页脚"),
        ),
        MultiFieldPanel([FieldPanel("wechat_account_name"), FieldPanel("wechat_qr")], heading=_("微信")),
    ]

    class Meta:
        verbose_name = _("图书馆信息")

    def _in_language(self, field):
        english = getattr(self, f"{field}_en")
        if get_language() == "en" and english:
            return english
        return getattr(self, field)

    @property
    def display_name(self):
        return self._in_language("library_name")

    @property
    def display_address(self):
        return self._in_language("address")

    @property
    def display_footer_text(self):
        return self._in_language("footer_text")


class LeadImageAltMixin:
    """A page's lead picture (an event's poster, a list's cover) is content: with a picture
    chosen, its alternative text is required, so that readers using a screen reader are told what
    it shows. ``lead_image_fields``: the picture field and its text field."""

    lead_image_fields = ("image", "image_alt")

    def clean(self):
        super().clean()
        image, alt = self.lead_image_fields
        if getattr(self, f"{image}_id", None) and not (getattr(self, alt) or "").strip():
            raise ValidationError(
                {alt: _("选了图片就请填写替代文字：用一句话说图片上有什么，比如“活动海报：周三夜读会，每周三 19:00”。")}
            )


class ShareMixin(models.Model):
    """Open Graph data for pages shared in WeChat and elsewhere: every page has a title, a
    description (the promote tab's search description, or the page's own summary) and an image."""

    share_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("分享图片"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("在微信等处分享时显示的图片；留空时使用页面主图。"),
    )

    share_panels = [FieldPanel("share_image")]

    class Meta:
        abstract = True

    def get_share_description(self):
        return (
            self.search_description
            or getattr(self, "summary", "")
            or getattr(self, "intro", "")
            or getattr(self, "tagline", "")
            or ""
        )

    def get_share_image(self):
        return self.share_image or getattr(self, "image", None)
