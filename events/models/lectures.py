"""Lecture series (空中文化大讲堂 …): a series page whose children are lectures. A lecture is an event
(same dates, venue, registration and calendar) with speakers and, once it has taken place, its
recording, slides and a summary — so the series page doubles as the series' archive."""

from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField

from portal.i18n import localized_all
from portal.models import LeadImageAltMixin, ShareMixin
from portal.routing import KeptViewRestrictions, public
from portal.slugs import PinyinSlugMixin

from .events import EventPage


@register_snippet
class Speaker(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(_("姓名"), max_length=50)
    title = models.CharField(_("职务与单位"), max_length=100, blank=True, help_text=_("例如：云溪大学文学院教授。"))
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("照片"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    bio = models.TextField(_("简介"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("title"), FieldPanel("photo"), FieldPanel("bio")]
    override_translatable_fields = [SynchronizedField("photo")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("主讲人")
        verbose_name_plural = _("主讲人")

    def __str__(self):
        return f"{self.name}（{self.title}）" if self.title else self.name


def after_field(panels, field_name, *extra):
    """``panels`` with ``extra`` placed right after the panel of ``field_name``: a lecture's
    speakers sit under its summary whatever order EventPage's panels come in."""
    position = next(number for number, panel in enumerate(panels) if getattr(panel, "field_name", None) == field_name)
    return panels[: position + 1] + list(extra) + panels[position + 1 :]


class LectureSeriesPage(KeptViewRestrictions, PinyinSlugMixin, LeadImageAltMixin, ShareMixin, Page):
    intro = models.TextField(_("简介"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("主图"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(_("主图替代文字"), max_length=200, blank=True)

    parent_page_types = ["events.EventIndexPage", "events.EventSectionPage"]
    subpage_types = ["events.LecturePage"]

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("主图")),
    ]
    promote_panels = Page.promote_panels + ShareMixin.share_panels
    override_translatable_fields = [SynchronizedField("image")]

    class Meta:
        verbose_name = _("讲座系列")
        verbose_name_plural = _("讲座系列")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        lectures = list(
            public(LecturePage.objects.live())
            .child_of(self)
            .select_related("branch", "slides")
            .prefetch_related(speakers_with_locale())
            .order_by("start", "pk")
        )
        attach_speakers(lectures)
        context["upcoming_lectures"] = [lecture for lecture in lectures if lecture.end >= now]
        context["past_lectures"] = [lecture for lecture in lectures if lecture.end < now][::-1]
        return context


class LecturePage(EventPage):
    recording_url = models.URLField(_("回放链接"), blank=True, help_text=_("讲座结束后填写录像或音频的地址。"))
    slides = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("讲义或幻灯片"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lecture_summary = RichTextField(_("讲座纪要"), blank=True, features=["bold", "italic", "ol", "ul", "link"])

    parent_page_types = ["events.LectureSeriesPage"]
    subpage_types = []

    content_panels = after_field(
        EventPage.content_panels,
        "summary",
        InlinePanel("lecture_speakers", label=_("主讲人"), min_num=1),
    ) + [
        MultiFieldPanel(
            [FieldPanel("recording_url"), FieldPanel("slides"), FieldPanel("lecture_summary")], heading=_("讲座之后")
        ),
    ]
    override_translatable_fields = EventPage.override_translatable_fields + [
        SynchronizedField("recording_url"),
        SynchronizedField("slides"),
    ]
    search_fields = EventPage.search_fields + [index.SearchField("lecture_summary")]

    class Meta:
        verbose_name = _("讲座")
        verbose_name_plural = _("讲座")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        prefetch_related_objects([self], speakers_with_locale())
        attach_speakers([self])
        context["series"] = self.get_parent()
        return context


class LectureSpeaker(Orderable):
    lecture = ParentalKey(LecturePage, on_delete=models.CASCADE, related_name="lecture_speakers")
    speaker = models.ForeignKey(Speaker, verbose_name=_("主讲人"), on_delete=models.PROTECT, related_name="+")

    panels = [FieldPanel("speaker")]

    class Meta(Orderable.Meta):
        verbose_name = _("主讲人")


def speakers_with_locale():
    """The lectures' speaker rows with each speaker and its locale in the same query, so that
    ``attach_speakers`` on a page in the speakers' own language asks nothing more."""
    # In the editor's order; rows saved without one (sort_order empty) in the order they were added.
    rows = LectureSpeaker.objects.select_related("speaker__locale").order_by("sort_order", "pk")
    return Prefetch("lecture_speakers", queryset=rows)


def attach_speakers(lectures):
    """``lecture.speakers``: the speakers in the active language, one query for all lectures
    (the lecture keeps whichever translation of a speaker the editor chose)."""
    rows = {lecture.pk: list(lecture.lecture_speakers.all()) for lecture in lectures}
    translated = localized_all([row.speaker for lecture_rows in rows.values() for row in lecture_rows])
    for lecture in lectures:
        lecture.speakers = [translated[row.speaker_id] for row in rows[lecture.pk]]
