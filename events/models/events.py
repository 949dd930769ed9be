"""Reading activities and lectures: the pages editors publish, and the registrations readers make.

Capacity belongs to the event across all its translations: registrations always point at the
event's page in the default language (``EventPage.canonical``), whose row is the lock that keeps
concurrent registrations from overbooking (see events.registration).
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from portal import books, page_cache
from portal.blocks import BodyBlock
from portal.fields import MultipleChoiceField
from portal.isbn import normalise_isbn
from portal.models import LeadImageAltMixin, ShareMixin
from portal.routing import KeptViewRestrictions, public
from portal.slugs import PinyinSlugMixin

from .categories import AUDIENCES, EXTRA_QUESTIONS, EventCategory, EventStatus
from .sections import EventPageForm


class EventQuerySet(PageQuerySet):
    def upcoming(self, now=None):
        """What readers may still go to: published, public events that have not ended, in every
        status (a cancelled event's page says so). Callers add their locale, order and filters."""
        return public(self.live()).filter(end__gte=now or timezone.now())

    def with_seat_counts(self):
        """Each event with ``confirmed_seats``, ``waitlisted_seats`` and ``attended_seats``
        (confirmed and checked in), summed by the database in the same query; 0 when none."""
        from .registrations import RegistrationStatus  # it imports this module

        confirmed = Q(registrations__status=RegistrationStatus.CONFIRMED)
        return self.annotate(
            confirmed_seats=Sum("registrations__seats", filter=confirmed, default=0),
            waitlisted_seats=Sum(
                "registrations__seats", filter=Q(registrations__status=RegistrationStatus.WAITLISTED), default=0
            ),
            attended_seats=Sum(
                "registrations__seats", filter=confirmed & Q(registrations__attended_at__isnull=False), default=0
            ),
        )

    def for_audience(self, code):
        """Events whose audiences include ``code``: membership of a JSON list that SQLite and
        PostgreSQL both answer, as the quoted code in the list's text."""
        return self.filter(audiences__icontains=f'"{code}"')


EventPageManager = PageManager.from_queryset(EventQuerySet)


def registrations_tag(canonical_pk):
    """The page-cache tag of the pages that show an event's seats (portal.page_cache)."""
    return f"event:{canonical_pk}"


class EventIndexPage(RoutablePageMixin, KeptViewRestrictions, PinyinSlugMixin, ShareMixin, Page):
    """The list of activities, and ``my-registration/`` where a reader finds and cancels a
    registration with their phone number and registration code."""

    intro = models.TextField(_("简介"), blank=True)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage", "events.LectureSeriesPage", "events.EventSectionPage"]
    max_count_per_parent = 1

    content_panels = Page.content_panels + [FieldPanel("intro")]
    promote_panels = Page.promote_panels + ShareMixin.share_panels

    class Meta:
        verbose_name = _("活动列表页")

    @path("")
    def upcoming(self, request):
        return self.event_list(request, "upcoming")

    @path("past/")
    def past(self, request):
        return self.event_list(request, "past")

    def event_list(self, request, which):
        from ..views import event_list

        return event_list(request, self, which)

    @path("calendar/")
    def calendar(self, request):
        from ..views import event_calendar

        return event_calendar(request, self)

    @path("my-registration/")
    def my_registration(self, request):
        from ..views import my_registration

        return my_registration(request, self)


class EventPage(RoutablePageMixin, KeptViewRestrictions, PinyinSlugMixin, LeadImageAltMixin, ShareMixin, Page):
    summary = models.TextField(_("摘要"), max_length=300)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("正文"))
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("主图"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(_("主图替代文字"), max_length=200, blank=True)
    start = models.DateTimeField(_("开始时间"))
    end = models.DateTimeField(_("结束时间"))
    branch = models.ForeignKey(
        "portal.Branch",
        verbose_name=_("地点（网点）"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    room = models.CharField(_("具体位置"), max_length=100, blank=True, help_text=_("例如：三楼多功能厅。"))
    online_url = models.URLField(_("直播链接"), blank=True, help_text=_("线上活动的直播或回放地址。"))
    category = models.ForeignKey(
        EventCategory,
        verbose_name=_("类别"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    audiences = MultipleChoiceField(_("面向人群"), choices_list=AUDIENCES)
    organiser = models.CharField(_("主办"), max_length=100, blank=True)
    partners = models.CharField(_("协办"), max_length=200, blank=True, help_text=_("例如：市团委、市妇联、实验小学。"))
    is_free = models.BooleanField(_("免费"), default=True)
    fee_note = models.CharField(
        _("费用说明"), max_length=100, blank=True, help_text=_("收费活动请写明费用，例如：材料费 20 元。")
    )
    status = models.CharField(_("状态"), max_length=10, choices=EventStatus.choices, default=EventStatus.SCHEDULED)
    status_note = models.CharField(
        _("状态说明"), max_length=200, blank=True, help_text=_("延期或取消时告诉读者原因和新安排。")
    )

    registration_required = models.BooleanField(_("需要报名"), default=False)
    capacity = models.PositiveIntegerField(_("名额"), default=0, help_text=_("可报名的座位总数。"))
    waitlist_size = models.PositiveIntegerField(_("候补名额"), default=0)
    registration_opens = models.DateTimeField(_("报名开始"), null=True, blank=True, help_text=_("留空表示立即开始。"))
    registration_closes = models.DateTimeField(
        _("报名截止"), null=True, blank=True, help_text=_("留空表示活动开始时截止。")
    )
    max_seats_per_person = models.PositiveSmallIntegerField(
        _("每人最多报名人数"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_("例如亲子活动可填 3：一位家长带两个孩子。"),
    )
    extra_questions = MultipleChoiceField(
        _("附加信息"), choices_list=EXTRA_QUESTIONS, help_text=_("只收集活动确实需要的信息。")
    )
    headcount = models.PositiveIntegerField(
        _("到场人数"),
        null=True,
        blank=True,
        help_text=_("活动结束后填写实际到场的人数，用于年度统计和评估定级。需报名的活动留空时按签到人数计。"),
    )
    book_isbns = models.TextField(
        _("相关图书"),
        blank=True,
        help_text=_(
            "活动共读或讲到的书，每行一个 ISBN（10 位或 13 位，可带连字符）。活动页会列出这些书和在架情况，"
            "书目页也会列出本活动。"
        ),
    )

    parent_page_types = ["events.EventIndexPage", "events.EventSectionPage"]
    subpage_types = []
    base_form_class = EventPageForm
    objects = EventPageManager()

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start"), FieldPanel("end")]), FieldPanel("status"), FieldPanel("status_note")],
            heading=_("时间与状态"),
        ),
        MultiFieldPanel([FieldPanel("branch"), FieldPanel("room"), FieldPanel("online_url")], heading=_("地点")),
        MultiFieldPanel(
            [
                FieldPanel("category"),
                FieldPanel("audiences"),
                FieldPanel("organiser"),
                FieldPanel("partners"),
                FieldRowPanel([FieldPanel("is_free"), FieldPanel("fee_note")]),
            ],
            heading=_("类别与对象"),
        ),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("主图")),
        FieldPanel("body"),
        FieldPanel("book_isbns"),
        MultiFieldPanel(
            [
                FieldPanel("registration_required"),
                FieldRowPanel(
                    [FieldPanel("capacity"), FieldPanel("waitlist_size"), FieldPanel("max_seats_per_person")]
                ),
                FieldRowPanel([FieldPanel("registration_opens"), FieldPanel("registration_closes")]),
                FieldPanel("extra_questions"),
            ],
            heading=_("报名设置"),
        ),
        FieldPanel("headcount"),
    ]
    promote_panels = Page.promote_panels + ShareMixin.share_panels

    # Dates, place and registration are the same event in every language.
    override_translatable_fields = [
        SynchronizedField(name)
        for name in (
            "start",
            "end",
            "branch",
            "online_url",
            "category",
            "audiences",
            "is_free",
            "status",
            "registration_required",
            "capacity",
            "waitlist_size",
            "registration_opens",
            "registration_closes",
            "max_seats_per_person",
            "extra_questions",
            "book_isbns",
            "headcount",
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
        if not self.is_free and not self.fee_note:
            errors["fee_note"] = _("收费活动请写明费用。")
        if self.registration_opens and self.registration_closes and self.registration_closes <= self.registration_opens:
            errors["registration_closes"] = _("报名截止时间必须晚于报名开始时间。")
        try:
            self.book_isbns = "\n".join(parse_isbns(self.book_isbns))
        except ValidationError as error:
            errors["book_isbns"] = error
        if errors:
            raise ValidationError(errors)

    def get_admin_display_title(self):
        """The date beside the title in the admin's page lists and choosers: the copies of a
        weekly club share one title and differ only by their day."""
        title = super().get_admin_display_title()
        return f"{title}（{timezone.localtime(self.start):%Y-%m-%d}）" if self.start else title

    @property
    def isbns(self):
        return self.book_isbns.split()

    @property
    def canonical(self):
        """This event in the default language: the one row that holds its registrations."""
        # The locale is usually loaded already (the page's language): no query to compare it.
        if self.locale.language_code == get_supported_content_language_variant(settings.LANGUAGE_CODE):
            return self
        return self.get_translation_or_none(Locale.get_default()) or self

    @cached_property
    def event_index(self):
        """The event list this event (or lecture, one level deeper) belongs to: where a reader
        finds and cancels registrations. When the page was reached by its URL, routing has loaded
        its ancestors already (portal.routing): the list is taken from them, with no query."""
        page = self
        while "_cached_parent_obj" in page.__dict__:
            page = page._cached_parent_obj
            if issubclass(page.specific_class or Page, EventIndexPage):
                return page.get_specific(deferred=True)
        return EventIndexPage.objects.ancestor_of(self).first()

    @property
    def has_ended(self):
        ended = self.end < timezone.now()
        if not ended:
            page_cache.valid_until(self.end)
        return ended

    @property
    def registration_closes_at(self):
        return self.registration_closes or self.start

    def registration_state(self, now=None):
        """None when registration is possible now; otherwise why not: "closed" (not yet open,
        already closed, cancelled, postponed, or the event has started)."""
        now = now or timezone.now()
        if not self.registration_required or self.status != EventStatus.SCHEDULED:
            return "closed"  # cancelled, or postponed until a new date is set
        if self.registration_opens and now < self.registration_opens:
            page_cache.valid_until(self.registration_opens)
            return "closed"
        if now >= self.registration_closes_at:
            return "closed"
        page_cache.valid_until(self.registration_closes_at)
        return None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["structured_data"] = self.structured_data(request)
        context["books"] = books.describe(self.isbns)
        return context

    @property
    def audience_labels(self):
        labels = dict(AUDIENCES)
        return [labels[code] for code in self.audiences if code in labels]

    def seats_left(self):
        """Confirmed seats still free (0 when full), for the page; registration itself recounts
        under a lock."""
        from .registrations import RegistrationStatus

        canonical = self.canonical
        page_cache.depends_on(registrations_tag(canonical.pk))
        taken = (
            canonical.registrations.filter(status=RegistrationStatus.CONFIRMED).aggregate(total=models.Sum("seats"))[
                "total"
            ]
            or 0
        )
        return max(self.capacity - taken, 0)

    def structured_data(self, request):
        """schema.org ``Event`` for search engines and link previews."""
        status = {
            EventStatus.SCHEDULED: "EventScheduled",
            EventStatus.POSTPONED: "EventPostponed",
            EventStatus.CANCELLED: "EventCancelled",
        }[self.status]
        data = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": self.title,
            "description": self.summary,
            "startDate": self.start.isoformat(),
            "endDate": self.end.isoformat(),
            "eventStatus": f"https://schema.org/{status}",
            "url": self.get_full_url(request),
            "isAccessibleForFree": self.is_free,
            "inLanguage": self.locale.language_code,
        }
        places = []
        if self.branch:
            branch = self.branch.localized
            places.append(
                {"@type": "Place", "name": " ".join(filter(None, [branch.name, self.room])), "address": branch.address}
            )
        if self.online_url:
            places.append({"@type": "VirtualLocation", "url": self.online_url})
        if places:
            data["location"] = places[0] if len(places) == 1 else places
            data["eventAttendanceMode"] = "https://schema.org/" + (
                "MixedEventAttendanceMode"
                if len(places) == 2
                else "OnlineEventAttendanceMode"
                if self.online_url
                else "OfflineEventAttendanceMode"
            )
        if self.organiser:
            data["organizer"] = {"@type": "Organization", "name": self.organiser}
        return data

    @path("register/")
    def register(self, request):
        from ..views import register

        return register(request, self)

    @path("poster/")
    def poster(self, request):
        """An A4 poster of the activity to print and put up, with a QR code of its page."""
        from portal.qr import qr_image

        url = self.get_full_url(request)
        image, size = qr_image(url, scale=10)
        return self.render(
            request, template="events/event_poster.html", context_overrides={"qr": image, "qr_size": size, "url": url}
        )

    @path("ical/")
    def ical(self, request):
        from ..calendar import calendar_response

        return calendar_response([self], request, f"{self.slug}.ics")


def parse_isbns(text):
    """ISBN-13s, each once, from what an editor typed: one per line, or separated by commas,
    、 or semicolons (spaces may be inside an ISBN). A ValidationError names every one that is not
    an ISBN."""
    typed = [part.strip() for part in re.split(r"[\r\n,，、;；]+", text or "") if part.strip()]
    isbns, wrong = [], []
    for value in typed:
        isbn = normalise_isbn(value)
        if isbn is None:
            wrong.append(value)
        elif isbn not in isbns:
            isbns.append(isbn)
    if wrong:
        raise ValidationError(
            _("这些不是有效的 ISBN：%(isbns)s。请核对位数和最后一位校验码。"), params={"isbns": "、".join(wrong)}
        )
    return isbns
