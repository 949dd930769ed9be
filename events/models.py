"""Reading activities and lectures: the pages editors publish, and the registrations readers make.

Capacity belongs to the event across all its translations: registrations always point at the
event's page in the default language (``EventPage.canonical``), whose row is the lock that keeps
concurrent registrations from overbooking (see events.registration).
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField

from portal.blocks import BodyBlock
from portal.fields import MultipleChoiceField
from portal.i18n import localized_all
from portal.models import ShareMixin

AUDIENCES = [
    ("children", _("少儿")),
    ("teens", _("青少年")),
    ("adults", _("成人")),
    ("seniors", _("老年")),
    ("disabled", _("残障人士")),
    ("families", _("亲子家庭")),
]

EXTRA_QUESTIONS = [
    ("library_card", _("读者证号")),
    ("child_age", _("孩子年龄")),
    ("school", _("学校")),
]


@register_snippet
class EventCategory(TranslatableMixin, models.Model):
    """读书会, 讲座, 展览, 亲子, 经典诵读, 培训, 其他 … editable by the library."""

    name = models.CharField(_("名称"), max_length=30)
    slug = models.SlugField(_("代码"), max_length=30, help_text=_("用于筛选链接，例如 reading-club。"))

    panels = [FieldPanel("name"), FieldPanel("slug")]
    override_translatable_fields = [SynchronizedField("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("活动类别")
        verbose_name_plural = _("活动类别")
        constraints = [models.UniqueConstraint(fields=["slug", "locale"], name="unique_category_slug_per_locale")]

    def __str__(self):
        return self.name


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("如期举行")
    POSTPONED = "postponed", _("延期")
    CANCELLED = "cancelled", _("已取消")


class EventIndexPage(RoutablePageMixin, ShareMixin, Page):
    """The list of activities, and ``my-registration/`` where a reader finds and cancels a
    registration with their phone number and registration code."""

    intro = models.TextField(_("简介"), blank=True)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1

    content_panels = Page.content_panels + [FieldPanel("intro")]
    promote_panels = Page.promote_panels + ShareMixin.share_panels

    class Meta:
        verbose_name = _("活动列表页")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        events = list(
            EventPage.objects.live().public().child_of(self)
            .filter(end__gte=timezone.now()).select_related("branch", "category").order_by("start")
        )
        venues = localized_all([event.branch for event in events])
        categories = localized_all([event.category for event in events])
        for event in events:
            event.venue = venues.get(event.branch_id)
            event.category_in_language = categories.get(event.category_id)
        context["events"] = events
        return context

    @path("my-registration/")
    def my_registration(self, request):
        from .views import my_registration

        return my_registration(request, self)


class EventPage(RoutablePageMixin, ShareMixin, Page):
    summary = models.TextField(_("摘要"), max_length=300)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("正文"))
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("主图"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    image_alt = models.CharField(_("主图替代文字"), max_length=200, blank=True)
    start = models.DateTimeField(_("开始时间"))
    end = models.DateTimeField(_("结束时间"))
    branch = models.ForeignKey(
        "portal.Branch", verbose_name=_("地点（网点）"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    room = models.CharField(_("具体位置"), max_length=100, blank=True, help_text=_("例如：三楼多功能厅。"))
    online_url = models.URLField(_("直播链接"), blank=True, help_text=_("线上活动的直播或回放地址。"))
    category = models.ForeignKey(
        EventCategory, verbose_name=_("类别"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    audiences = MultipleChoiceField(_("面向人群"), choices_list=AUDIENCES)
    organiser = models.CharField(_("主办"), max_length=100, blank=True)
    partners = models.CharField(_("协办"), max_length=200, blank=True, help_text=_("例如：市团委、市妇联、实验小学。"))
    status = models.CharField(_("状态"), max_length=10, choices=EventStatus.choices, default=EventStatus.SCHEDULED)
    status_note = models.CharField(_("状态说明"), max_length=200, blank=True,
                                   help_text=_("延期或取消时告诉读者原因和新安排。"))

    registration_required = models.BooleanField(_("需要报名"), default=False)
    capacity = models.PositiveIntegerField(_("名额"), default=0, help_text=_("可报名的座位总数。"))
    waitlist_size = models.PositiveIntegerField(_("候补名额"), default=0)
    registration_opens = models.DateTimeField(_("报名开始"), null=True, blank=True, help_text=_("留空表示立即开始。"))
    registration_closes = models.DateTimeField(_("报名截止"), null=True, blank=True, help_text=_("留空表示活动开始时截止。"))
    max_seats_per_person = models.PositiveSmallIntegerField(
        _("每人最多报名人数"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_("例如亲子活动可填 3：一位家长带两个孩子。"),
    )
    extra_questions = MultipleChoiceField(_("附加信息"), choices_list=EXTRA_QUESTIONS,
                                          help_text=_("只收集活动确实需要的信息。"))

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel([FieldRowPanel([FieldPanel("start"), FieldPanel("end")]), FieldPanel("status"),
                         FieldPanel("status_note")], heading=_("时间与状态")),
        MultiFieldPanel([FieldPanel("branch"), FieldPanel("room"), FieldPanel("online_url")], heading=_("地点")),
        MultiFieldPanel([FieldPanel("category"), FieldPanel("audiences"), FieldPanel("organiser"),
                         FieldPanel("partners")], heading=_("类别与对象")),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("主图")),
        FieldPanel("body"),
        MultiFieldPanel([
            FieldPanel("registration_required"),
            FieldRowPanel([FieldPanel("capacity"), FieldPanel("waitlist_size"), FieldPanel("max_seats_per_person")]),
            FieldRowPanel([FieldPanel("registration_opens"), FieldPanel("registration_closes")]),
            FieldPanel("extra_questions"),
        ], heading=_("报名设置")),
    ]
    promote_panels = Page.promote_panels + ShareMixin.share_panels

    # Dates, place and registration are the same event in every language.
    override_translatable_fields = [
        SynchronizedField(name) for name in (
            "start", "end", "branch", "online_url", "category", "audiences", "status", "registration_required",
            "capacity", "waitlist_size", "registration_opens", "registration_closes", "max_seats_per_person",
            "extra_questions",
        )
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("start"),
        index.FilterField("end"),
    ]

    class Meta:
        verbose_name = _("活动")
        verbose_name_plural = _("活动")

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("结束时间必须晚于开始时间。")
        if self.registration_required and not self.capacity:
            errors["capacity"] = _("需要报名的活动请填写名额。")
        if self.registration_opens and self.registration_closes and self.registration_closes <= self.registration_opens:
            errors["registration_closes"] = _("报名截止时间必须晚于报名开始时间。")
        if errors:
            raise ValidationError(errors)

    @property
    def canonical(self):
        """This event in the default language: the one row that holds its registrations."""
        if self.locale_id == Locale.get_default().pk:
            return self
        return self.get_translation_or_none(Locale.get_default()) or self

    @property
    def registration_closes_at(self):
        return self.registration_closes or self.start

    def registration_state(self, now=None):
        """None when registration is possible now; otherwise why not: "closed" (not yet open,
        already closed, cancelled, or the event has started)."""
        now = now or timezone.now()
        if not self.registration_required or self.status == EventStatus.CANCELLED:
            return "closed"
        if self.registration_opens and now < self.registration_opens:
            return "closed"
        if now >= self.registration_closes_at:
            return "closed"
        return None

    @path("register/")
    def register(self, request):
        from .views import register

        return register(request, self)

    @path("ical/")
    def ical(self, request):
        from .calendar import calendar_response

        return calendar_response([self], request, f"{self.slug}.ics")


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("已确认")
    WAITLISTED = "waitlisted", _("候补")
    CANCELLED = "cancelled", _("已取消")


class Registration(models.Model):
    """One reader's registration for an event. Name, phone and answers are personal data (PIPL):
    collected with consent, shown masked outside the staff export, purged after the event."""

    event = models.ForeignKey(EventPage, on_delete=models.PROTECT, related_name="registrations",
                              verbose_name=_("活动"))
    code = models.CharField(_("报名码"), max_length=12, unique=True)
    name = models.CharField(_("姓名"), max_length=50)
    phone = models.CharField(_("手机号码"), max_length=11, db_index=True)
    seats = models.PositiveSmallIntegerField(_("人数"))
    answers = models.JSONField(_("附加信息"), default=dict, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=RegistrationStatus.choices)
    consented_at = models.DateTimeField(_("同意隐私政策时间"))
    created_at = models.DateTimeField(_("报名时间"), default=timezone.now, db_index=True)
    cancelled_at = models.DateTimeField(_("取消时间"), null=True, blank=True)
    purged_at = models.DateTimeField(_("个人信息删除时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("报名")
        verbose_name_plural = _("报名")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["event", "status", "created_at"])]

    def __str__(self):
        return f"{self.code} {self.masked_phone}"

    @property
    def is_active(self):
        return self.status in (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)

    @property
    def masked_phone(self):
        return mask_phone(self.phone)


def mask_phone(phone):
    """138****5678: enough for a reader to recognise their number, not enough to call it."""
    if len(phone) < 7:
        return "*" * len(phone)
    return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]
