"""What makes every cached page stale (the ``"site"`` tag of portal.page_cache): whatever an
editor changes that pages show. Pages through Wagtail's signals (a draft saved changes nothing a
reader sees); snippets, settings, sites, locales, view restrictions, redirects, images, documents
and collections on every save and delete, since any page may show them (the footer shows the
library's settings, event pages their speakers, the map its branches). Readers' own writes
(registrations, suggestions, survey answers) and Wagtail's bookkeeping (revisions, renditions,
logs) are not among them."""

from django.db.models.signals import post_delete, post_save
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.snippets.models import get_snippet_models

from . import page_cache


def site_changed(sender, **kwargs):
    page_cache.changed(page_cache.SITE)


def model_changed(sender, instance, **kwargs):
    if isinstance(instance, shown_models()):
        page_cache.changed(page_cache.SITE)


def shown_models():
    # Computed at the first save, when every app has registered its snippets.
    return (
        BaseSiteSetting,
        BaseGenericSetting,
        Site,
        Locale,
        PageViewRestriction,  # a page behind a password leaves the menu and the lists
        Redirect,
        Collection,
        get_image_model(),
        get_document_model(),
        *get_snippet_models(),
    )


def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        page_cache.changed(page_cache.SITE)


def connect():
    page_published.connect(site_changed, dispatch_uid="page-cache-published")
    page_unpublished.connect(site_changed, dispatch_uid="page-cache-unpublished")
    post_page_move.connect(site_changed, dispatch_uid="page-cache-moved")
    post_delete.connect(page_deleted, dispatch_uid="page-cache-page-deleted")
    post_save.connect(model_changed, dispatch_uid="page-cache-saved")
    post_delete.connect(model_changed, dispatch_uid="page-cache-deleted")
