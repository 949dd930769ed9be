from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from events.models import EventIndexPage, EventPage, EventStatus
from portal.blocks import BodyBlock
from portal.geo import from_wgs84
from portal.models import Branch, BranchType, LeadImageAltMixin, ShareMixin
from portal.pagination import paginate
from portal.routing import KeptViewRestrictions, PathRoutingMixin, public
from portal.slugs import PinyinSlugMixin

from .blocks import CampaignBodyBlock, HomeBodyBlock, QuickLinkBlock
from .forms import BranchFilterForm

NEWS_ON_HOME_PAGE = 5
EVENTS_ON_HOME_PAGE = 4
ARTICLES_PER_PAGE = 10


class HomePage(PathRoutingMixin, KeptViewRestrictions, PinyinSlugMixin, ShareMixin, Page):
    """The front door: a welcome, quick links to the services readers use most, the activities
    coming up, the current campaign, the editors' blocks (new arrivals, reading lists …) and the
    latest news."""

    tagline = models.CharField(_("标语"), max_length=120, blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("主图"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_alt = models.CharField(
        _("主图替代文字"), max_length=200, blank=True, help_text=_("为视障读者描述图片内容；纯装饰图片请留空。")
    )
    quick_links = StreamField([("link", QuickLinkBlock())], blank=True, verbose_name=_("快捷入口"))
    body = StreamField(HomeBodyBlock(), blank=True, verbose_name=_("正文"))

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    content_panels = Page.content_panels + [
        FieldPanel("tagline"),
        MultiFieldPanel([FieldPanel("hero_image"), FieldPanel("hero_alt")], heading=_("主图")),
        FieldPanel("quick_links"),
        FieldPanel("body"),
    ]
    promote_panels = Page.promote_panels + ShareMixin.share_panels

    api_fields = [APIField("tagline"), APIField("body")]

    class Meta:
        verbose_name = _("首页")

    def get_share_image(self):
        return self.share_image or self.hero_image

    def latest_articles(self):
        return (
            public(ArticlePage.objects.live())
            .descendant_of(self)
            .filter(kind=ArticlePage.Kind.NEWS)
            .select_related("image")
            .prefetch_related("image__renditions")
            .order_by("-date", "-pk")[:NEWS_ON_HOME_PAGE]
        )

    def news_index(self):
        return ArticleIndexPage.objects.live().child_of(self).first()

    def upcoming_events(self):
        """The next activities of the site, soonest first, with what their cards say about
        registration; cancelled ones are left out (the event list still shows them)."""
        from events.listing import with_translations

        events = (
            EventPage.objects.upcoming()
            .descendant_of(self)
            .exclude(status=EventStatus.CANCELLED)
            .select_related("branch__locale", "category__locale")
            .order_by("start", "pk")[:EVENTS_ON_HOME_PAGE]
        )
        return with_translations(events)

    def events_index(self):
        return EventIndexPage.objects.live().child_of(self).first()

    def current_campaign(self):
        """The campaign running today, or else the next one to start (the home page's banner)."""
        today = timezone.localdate()
        campaigns = public(CampaignPage.objects.live()).descendant_of(self).filter(end_date__gte=today)
        return campaigns.select_related("hero_image").order_by("start_date", "pk").first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_articles"] = self.latest_articles()
        context["news_index"] = self.news_index()
        context["upcoming_events"] = self.upcoming_events()
        context["events_index"] = self.events_index()
        context["campaign"] = self.current_campaign()
        return context


class CampaignPage(KeptViewRestrictions, PinyinSlugMixin, LeadImageAltMixin, ShareMixin, Page):
    """The landing page of one 书香 campaign (读书月, 4·23): its theme and dates, and a body that
    gathers its events, reading lists, honour rolls and partners."""

    lead_image_fields = ("hero_image", "hero_alt")

    theme = models.CharField(_("主题口号"), max_length=120, blank=True, help_text=_("例如：书香满城 悦读未来。"))
    start_date = models.DateField(_("开始日期"))
    end_date = models.DateField(_("结束日期"))
    intro = models.TextField(_("简介"), blank=True, max_length=500)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("主图"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_alt = models.CharField(_("主图替代文字"), max_length=200, blank=True)
    body = StreamField(CampaignBodyBlock(), blank=True, verbose_name=_("正文"))

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.SurveyPage"]

    content_panels = Page.content_panels + [
        FieldPanel("theme"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")], heading=_("活动期间")),
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("hero_image"), FieldPanel("hero_alt")], heading=_("主图")),
        FieldPanel("body"),
    ]
    promote_panels = Page.promote_panels + ShareMixin.share_panels
    override_translatable_fields = [SynchronizedField(name) for name in ("start_date", "end_date", "hero_image")]

    search_fields = Page.search_fields + [index.SearchField("theme"), index.SearchField("intro")]
    api_fields = [APIField(name) for name in ("theme", "start_date", "end_date", "intro", "body")]

    class Meta:
        verbose_name = _("书香活动专题")
        verbose_name_plural = _("书香活动专题")

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("结束日期不能早于开始日期。")})

    def get_share_description(self):
        return self.search_description or self.theme or self.intro

    def get_share_image(self):
        return self.share_image or self.hero_image

    def is_running(self):
        return self.start_date <= timezone.localdate() <= self.end_date

    def get_context(self, request, *args, **kwargs):
        # The campaign's surveys are its child pages: without a link here a reader has no way to
        # them (the satisfaction rate the annual report needs comes from their answers).
        context = super().get_context(request, *args, **kwargs)
        context["surveys"] = public(SurveyPage.objects.child_of(self).live())
        return context


class ArticleIndexPage(KeptViewRestrictions, PinyinSlugMixin, ShareMixin, Page):
    """新闻动态 / 通知公告: the list of articles below it, newest first."""

    intro = models.TextField(_("简介"), blank=True)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.ArticlePage"]

    content_panels = Page.content_panels + [FieldPanel("intro")]
    promote_panels = Page.promote_panels + ShareMixin.share_panels

    class Meta:
        verbose_name = _("文章列表页")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = (
            public(ArticlePage.objects.live())
            .child_of(self)
            .select_related("image")
            .prefetch_related("image__renditions")
            .order_by("-date", "-pk")
        )
        context["articles"] = paginate(request, articles, ARTICLES_PER_PAGE)
        return context


class ArticlePage(KeptViewRestrictions, PinyinSlugMixin, LeadImageAltMixin, ShareMixin, Page):
    """News, notices and standing texts such as the privacy notice."""

    class Kind(models.TextChoices):
        NEWS = "news", _("新闻")
        NOTICE = "notice", _("公告")
        INFO = "info", _("服务说明")

    kind = models.CharField(_("类别"), max_length=10, choices=Kind.choices, default=Kind.NEWS)
    date = models.DateField(_("发布日期"), default=timezone.localdate)
    summary = models.TextField(_("摘要"), blank=True, max_length=300)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("主图"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(_("主图替代文字"), max_length=200, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("正文"))

    parent_page_types = ["home.ArticleIndexPage", "home.HomePage"]
    subpage_types = []

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("date"),
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("主图")),
        FieldPanel("body"),
    ]
    promote_panels = Page.promote_panels + ShareMixin.share_panels

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("kind"),
        index.FilterField("date"),
    ]

    api_fields = [APIField("kind"), APIField("date"), APIField("summary"), APIField("body")]

    class Meta:
        verbose_name = _("文章")
        verbose_name_plural = _("文章")


class BranchMapPage(RoutablePageMixin, KeptViewRestrictions, PinyinSlugMixin, ShareMixin, Page):
    """The branch network: a map and a list that works without JavaScript, filters in the query
    string, open-now status, and a page per branch at ``<page url><branch code>/``."""

    intro = models.TextField(_("简介"), blank=True)
    base_map = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("底图（GeoJSON）"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "没有设置地图瓦片服务（MAP_TILE_URL）时画在网点下面的城区轮廓：GeoJSON 文件，WGS-84 坐标；"
            "每个要素的 properties.kind 为 district（行政区）、river（河流）或 road（道路），"
            "properties.name 为名称。"
        ),
    )

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("base_map")]
    promote_panels = Page.promote_panels + ShareMixin.share_panels
    override_translatable_fields = [SynchronizedField("base_map")]

    class Meta:
        verbose_name = _("服务网点地图页")

    def branches(self):
        """The central library first, then branches, reading rooms … in the order of BranchType."""
        rank = {value: index for index, value in enumerate(BranchType.values)}
        branches = Branch.objects.filter(locale=self.locale).with_hours().select_related("photo")
        return sorted(branches, key=lambda branch: (rank.get(branch.branch_type, len(rank)), branch.code))

    @path("")
    def index(self, request):
        now = timezone.now()
        branches = self.branches()
        districts = sorted({branch.district for branch in branches if branch.district})
        form = BranchFilterForm(request.GET or None, districts)
        shown = form.filter(branches) if form.is_bound else branches
        return self.render(
            request,
            context_overrides={
                "filter_form": form,
                "branches": shown,
                "branch_count": len(branches),
                "map_data": map_data(shown, self, request),
                "map_tiles": settings.PORTAL_MAP_TILES,
                # Drawn only where there are no tiles: a tile server draws its own streets.
                "base_map_url": self.base_map.url if self.base_map and not settings.PORTAL_MAP_TILES["URL"] else "",
                "legend": legend(branches),
                "near_me_messages": NEAR_ME_MESSAGES,
                "now": now,
            },
        )

    @path("<str:code>/")
    def branch(self, request, code):
        branch = Branch.objects.filter(locale=self.locale, code=code).with_hours().select_related("photo").first()
        if branch is None:
            raise Http404
        now = timezone.now()
        return self.render(
            request,
            template="home/branch_page.html",
            context_overrides={
                "branch": branch,
                "now": now,
                "events": upcoming_events_at(branch, self.locale, now),
            },
        )


BRANCH_PAGE_EVENTS = 5


def upcoming_events_at(branch, locale, now):
    """The next activities held at this branch, in the page's language. Events keep their venue
    in the default language, so match the branch in any language by its translation key."""
    return (
        EventPage.objects.upcoming(now)
        .filter(locale=locale, branch__translation_key=branch.translation_key)
        .order_by("start")[:BRANCH_PAGE_EVENTS]
    )


NEAR_ME_MESSAGES = {
    "locating": _("正在获取您的位置…"),
    "denied": _("无法获取您的位置：定位权限被拒绝。网点仍按默认顺序列出。"),
    "unavailable": _("暂时无法获取您的位置。网点仍按默认顺序列出。"),
    "sorted": _("已按与您的距离由近到远排列。"),
    "distance": _("约 {km} 公里"),
}


def legend(branches):
    """[(type code, label)] of the kinds of branch on the map, in the list's order: the key to the
    markers' colours."""
    present = {branch.branch_type for branch in branches if branch.has_location}
    return [(value, label) for value, label in BranchType.choices if value in present]


def map_data(branches, page, request):
    """Markers for the map script: coordinates converted to the tiles' coordinate system here, in
    Python, so the conversion lives in one tested place (portal.geo)."""
    system = settings.PORTAL_MAP_TILES["COORDINATES"]
    base_url = page.get_url(request)
    markers = []
    for branch in branches:
        if not branch.has_location:
            continue
        lat, lng = from_wgs84(branch.latitude, branch.longitude, system)
        markers.append(
            {
                "code": branch.code,
                "name": branch.name,
                "type": branch.branch_type,
                "lat": round(lat, 6),
                "lng": round(lng, 6),
                "url": base_url + page.reverse_subpage("branch", args=[branch.code]),
                "status": str(branch.current_status.label),
                "open": branch.current_status.is_open,
            }
        )
    return markers


class SurveyFormField(TranslatableMixin, AbstractFormField):
    page = ParentalKey("home.SurveyPage", on_delete=models.CASCADE, related_name="form_fields")
    # The field's key in every submission stays the Chinese one in the English survey too.
    override_translatable_fields = [SynchronizedField(name) for name in ("clean_name", "field_type", "required")]

    class Meta(TranslatableMixin.Meta, AbstractFormField.Meta):
        pass


class SurveyPage(KeptViewRestrictions, PinyinSlugMixin, ShareMixin, AbstractEmailForm):
    """读者意见与满意度调查, built by editors with Wagtail's form builder; answers are kept in the
    admin (表单 → this page), where they export to CSV or XLSX. Ask for no personal data unless the
    survey needs it."""

    intro = models.TextField(_("说明"), blank=True)
    thank_you_text = models.TextField(
        _("提交后的感谢语"), blank=True, default=_("谢谢您的意见！我们会认真阅读每一条反馈。")
    )
    satisfaction_question = models.CharField(
        _("满意度问题"),
        max_length=255,
        blank=True,
        help_text=_("填写衡量满意度的那个问题的题目（单选或下拉），编辑页会显示当前满意度。"),
    )
    satisfied_answers = models.CharField(
        _("算作满意的选项"),
        max_length=255,
        blank=True,
        default="非常满意,满意",
        help_text=_("用逗号分隔，例如：非常满意,满意"),
    )

    parent_page_types = ["home.HomePage", "home.CampaignPage"]
    subpage_types = []

    content_panels = AbstractEmailForm.content_panels + [
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("问题"), heading=_("问题")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldPanel("satisfaction_question"),
                FieldPanel("satisfied_answers"),
                HelpPanel(template="home/admin/satisfaction.html"),
            ],
            heading=_("满意度"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]), FieldPanel("subject")],
            heading=_("收到答卷时发邮件通知（可选）"),
        ),
    ]
    promote_panels = Page.promote_panels + ShareMixin.share_panels

    class Meta:
        verbose_name = _("问卷调查")
        verbose_name_plural = _("问卷调查")

    def satisfaction(self, since=None, until=None):
        """(satisfied answers, answers to the satisfaction question), or None when no question is
        named; only answers sent in [since, until) when given. The plans set a target of 95 %
        satisfied."""
        question = (
            self.form_fields.filter(label=self.satisfaction_question.strip()).first()
            if self.satisfaction_question
            else None
        )
        if question is None:
            return None
        satisfied = {
            answer.strip() for answer in self.satisfied_answers.replace("，", ",").split(",") if answer.strip()
        }
        submissions = self.get_submissions()
        if since:
            submissions = submissions.filter(submit_time__gte=since)
        if until:
            submissions = submissions.filter(submit_time__lt=until)
        answers = [submission.form_data.get(question.clean_name) for submission in submissions.iterator()]
        answers = [answer for answer in answers if answer]
        return sum(1 for answer in answers if answer in satisfied), len(answers)

    def get_submissions_list_view_class(self):
        from .survey_export import ExcelFriendlySubmissionsListView

        return ExcelFriendlySubmissionsListView
