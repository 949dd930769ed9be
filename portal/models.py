"""The shared core every app may import: the branch network, site settings and the share mixin."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from .fields import MultipleChoiceField


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

# Mainland China spans roughly latitude 18–54 °N and longitude 73–135 °E. A "latitude" above 54 that
# would make a plausible Chinese longitude (and vice versa) is almost always a swapped pair.
CHINA_LATITUDE = (Decimal("3"), Decimal("54"))
CHINA_LONGITUDE = (Decimal("73"), Decimal("136"))

phone_validator = RegexValidator(
    r"^[0-9+\-() ]{5,30}$", _("电话号码只能包含数字、空格、+、- 和括号。")
)


class Branch(TranslatableMixin, index.Indexed, models.Model):
    """A service point of the 总馆-分馆 network. Names and addresses are translated; code, type,
    coordinates, phone and facilities are the same in every language."""

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
        _("纬度"), max_digits=9, decimal_places=6, null=True, blank=True,
        help_text=_("WGS-84 坐标，例如 30.572815。"),
    )
    longitude = models.DecimalField(
        _("经度"), max_digits=9, decimal_places=6, null=True, blank=True,
        help_text=_("WGS-84 坐标，例如 104.066801。"),
    )
    phone = models.CharField(_("电话"), max_length=30, blank=True, validators=[phone_validator])
    opening_hours = models.TextField(
        _("开放时间"), blank=True, help_text=_("对读者显示的开放时间说明，例如“周二至周日 9:00–17:00”。")
    )
    facilities = MultipleChoiceField(_("设施与服务"), choices_list=FACILITIES)

    panels = [
        FieldPanel("name"),
        FieldPanel("code"),
        FieldPanel("branch_type"),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("district"), FieldPanel("latitude"), FieldPanel("longitude")],
            heading=_("位置"),
        ),
        FieldPanel("phone"),
        FieldPanel("opening_hours"),
        FieldPanel("facilities"),
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
        APIField("branch_type"),
        APIField("address"),
        APIField("latitude"),
        APIField("longitude"),
        APIField("facilities"),
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


def coordinate_errors(latitude, longitude):
    """Errors for a WGS-84 pair, by field; a swapped pair is named as such."""
    if not (-90 <= latitude <= 90) and (-90 <= longitude <= 90):
        return {"latitude": _("纬度必须在 -90 到 90 之间：看起来纬度和经度填反了。")}
    looks_swapped = (
        CHINA_LONGITUDE[0] <= latitude <= CHINA_LONGITUDE[1]
        and CHINA_LATITUDE[0] <= longitude <= CHINA_LATITUDE[1]
    )
    if looks_swapped:
        return {"latitude": _("纬度 %(lat)s、经度 %(lng)s 看起来填反了：中国境内纬度约 4–54，经度约 73–136。")
                % {"lat": latitude, "lng": longitude}}
    errors = {}
    if not -90 <= latitude <= 90:
        errors["latitude"] = _("纬度必须在 -90 到 90 之间。")
    if not -180 <= longitude <= 180:
        errors["longitude"] = _("经度必须在 -180 到 180 之间。")
    return errors


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
        "wagtailimages.Image", verbose_name=_("微信公众号二维码"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("隐私政策页面"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    panels = [
        MultiFieldPanel([FieldPanel("library_name"), FieldPanel("library_name_en")], heading=_("名称")),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("address_en"), FieldPanel("phone"), FieldPanel("email")],
            heading=_("联系方式"),
        ),
        MultiFieldPanel(
            [FieldPanel("footer_text"), FieldPanel("footer_text_en"), FieldPanel("icp_number"),
             FieldPanel("police_record_number"), PageChooserPanel("privacy_page")],
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


class ShareMixin(models.Model):
    """Open Graph data for pages shared in WeChat and elsewhere: every page has a title, a
    description (the promote tab's search description, or the page's own summary) and an image."""

    share_image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("分享图片"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
        help_text=_("在微信等处分享时显示的图片；留空时使用页面主图。"),
    )

    share_panels = [FieldPanel("share_image")]

    class Meta:
        abstract = True

    def get_share_description(self):
        return self.search_description or getattr(self, "summary", "") or ""

    def get_share_image(self):
        return self.share_image or getattr(self, "image", None)
