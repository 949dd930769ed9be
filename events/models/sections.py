"""A branch's own section of the event list (总分馆): the activities one branch publishes live
under its section, so that Wagtail's page permissions can let that branch's staff create and edit
them and nothing else (see home.roles). Readers never see the section itself: its address shows
the event list filtered to the branch."""

from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import redirect
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField

from portal.routing import KeptViewRestrictions
from portal.slugs import PinyinSlugMixin


class EventSectionPage(KeptViewRestrictions, PinyinSlugMixin, Page):
    branch = models.ForeignKey(
        "portal.Branch",
        verbose_name=_("网点"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("这个栏目里的活动都在这个网点举办。"),
    )

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = ["events.EventPage", "events.LectureSeriesPage"]

    content_panels = Page.content_panels + [FieldPanel("branch")]
    promote_panels = [FieldPanel("slug")]
    override_translatable_fields = [SynchronizedField("branch")]
    search_fields = []  # nothing for readers to find: the events inside are indexed themselves

    class Meta:
        verbose_name = _("分馆活动栏目")
        verbose_name_plural = _("分馆活动栏目")

    @classmethod
    def for_branch(cls, index, branch):
        """The branch's section of this event list, made (and published) if missing."""
        section = cls.objects.child_of(index).filter(branch=branch).first()
        if section is None:
            section = cls(title=branch.name, branch=branch)
            index.add_child(instance=section)
            section.save_revision().publish()
        return section

    def serve(self, request, *args, **kwargs):
        return redirect(self.get_parent().url + "?" + urlencode({"branch": self.branch.code}))


def section_of(parent):
    """The branch section ``parent`` is, or is inside of (a lecture series in a section), if any."""
    if parent is None:
        return None
    return EventSectionPage.objects.ancestor_of(parent, inclusive=True).first()


class EventPageForm(WagtailAdminPageForm):
    """An event made in a branch's section is held at that branch: the place starts filled in,
    and another branch is refused (its staff would otherwise see the registrations)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        section = section_of(self.parent_page)
        if section and "branch" in self.fields and not self.instance.branch_id:
            self.initial["branch"] = section.branch_id

    def clean(self):
        cleaned = super().clean()
        section = section_of(self.parent_page)
        branch = cleaned.get("branch")
        if section and (branch is None or branch.translation_key != section.branch.translation_key):
            self.add_error(
                "branch",
                ValidationError(
                    _("这个活动在“%(section)s”栏目里，地点只能是%(branch)s。"),
                    params={"section": section.title, "branch": section.branch.name},
                ),
            )
        return cleaned
