from django.contrib import messages
from django.contrib.auth.models import Permission
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem
from wagtail.admin.widgets import Button

from portal import books
from portal.admin_menu import PermissionMenuItem
from portal.routing import public

from . import admin_views, dashboard, permissions, programme_views
from .models import EventPage, Registration

admin_urls = [
    path("", admin_views.event_list, name="events_registration_events"),
    path("<int:event_id>/", admin_views.registrations, name="events_registrations"),
    path("<int:event_id>/add/", admin_views.add, name="events_registration_add"),
    path("<int:event_id>/<str:code>/change/", admin_views.change, name="events_registration_change"),
    path("<int:event_id>/export.<str:file_format>", admin_views.export, name="events_registration_export"),
    path("check-in/", admin_views.check_in, name="events_check_in"),
    path("occurrences/<int:page_id>/", admin_views.occurrences, name="events_occurrences"),
    path("import/", programme_views.programme_import_view, name="events_programme_import"),
    path("import/template.csv", programme_views.template_download, name="events_programme_template"),
]


@hooks.register("register_admin_urls")
def registration_urls():
    return [path("registrations/", include(admin_urls))]


@hooks.register("register_admin_menu_item")
def registration_menu():
    menu = Menu(
        items=[
            PermissionMenuItem(
                _("报名名单"),
                reverse("events_registration_events"),
                icon_name="form",
                order=1,
                permission=permissions.VIEW,
            ),
            PermissionMenuItem(
                _("现场签到"), reverse("events_check_in"), icon_name="tick", order=2, permission=permissions.CHANGE
            ),
            PermissionMenuItem(
                _("导入活动安排"),
                reverse("events_programme_import"),
                icon_name="upload",
                order=3,
                permission=permissions.VIEW,
            ),
        ]
    )
    return SubmenuMenuItem(_("活动报名"), menu, icon_name="calendar", order=250)


@hooks.register("construct_homepage_panels")
def this_week_panel(request, panels):
    if request.user.has_perm(permissions.VIEW):
        panels.append(dashboard.ThisWeekPanel(request))


@hooks.register("register_permissions")
def registration_permissions():
    return Permission.objects.filter(content_type__app_label="events", content_type__model="registration")


def event_buttons(page, user):
    if not isinstance(page.specific_deferred, EventPage):
        return
    if page.specific_deferred.registration_required and user.has_perm(permissions.VIEW):
        yield Button(
            _("报名名单"),
            reverse("events_registrations", args=[page.specific_deferred.canonical.pk]),
            icon_name="form",
            priority=50,
        )
    if page.get_parent().permissions_for_user(user).can_add_subpage():
        yield Button(_("生成重复活动"), reverse("events_occurrences", args=[page.pk]), icon_name="repeat", priority=60)


@hooks.register("register_page_header_buttons")
def event_header_buttons(page, user, view_name=None, next_url=None):
    yield from event_buttons(page, user)


@hooks.register("register_page_listing_more_buttons")
def event_listing_buttons(page, user, next_url=None):
    yield from event_buttons(page, user)


@hooks.register("before_delete_page")
def keep_events_with_registrations(request, page):
    """Registrations are kept (PROTECT): an event that has any is cancelled, not deleted."""
    held = Registration.objects.filter(event__in=page.get_descendants(inclusive=True)).count()
    if held:
        messages.error(
            request,
            _(
                "不能删除：这里的活动已有 %(count)d 条报名记录。请把活动状态改为“已取消”，"
                "报名者会收到通知；报名信息会在活动结束后按期删除。"
            )
            % {"count": held},
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("register_log_actions")
def registration_log_actions(actions):
    for action, label, message in [
        ("events.create_occurrence", _("生成重复活动"), _("由重复活动生成")),
        ("events.add_registration", _("添加报名"), _("工作人员添加了报名")),
        ("events.cancel_registration", _("取消报名"), _("工作人员取消了报名")),
        ("events.confirm_registration", _("确认报名"), _("工作人员把报名移到已确认")),
        ("events.waitlist_registration", _("移到候补"), _("工作人员把报名移到候补")),
        ("events.check_in_registration", _("签到"), _("报名者签到")),
        ("events.export_registrations", _("导出报名名单"), _("导出了报名名单（含完整手机号码）")),
    ]:
        actions.register_action(action, label, message)


RELATED_EVENTS = 6


@hooks.register(books.PAGES_FEATURING_BOOK)
def events_featuring_book(isbn, locale):
    """For a book's catalogue page: the events that read or discuss it, the next ones first (a
    weekly club's coming dates), then the latest that have ended."""
    featuring = public(EventPage.objects.live()).filter(locale=locale, book_isbns__contains=isbn)
    now = timezone.now()
    coming = list(featuring.upcoming(now).order_by("start")[:RELATED_EVENTS])
    if len(coming) == RELATED_EVENTS:
        return coming
    return coming + list(featuring.filter(end__lt=now).order_by("-start")[: RELATED_EVENTS - len(coming)])


@hooks.register("before_edit_page")
def warn_about_books_not_in_catalogue(request, page):
    """An event naming a book the catalogue lacks (a typo, or a record since deleted): readers do
    not see that book, so tell the editor which ISBNs."""
    if request.method != "GET" or not isinstance(page.specific, EventPage):
        return
    missing = books.missing(page.specific.isbns)
    if missing:
        messages.warning(
            request,
            gettext("馆藏目录中没有这些 ISBN 的书，活动页不会显示它们：%(isbns)s。") % {"isbns": "、".join(missing)},
        )


@hooks.register("after_edit_page")
def remind_that_the_poster_may_carry_the_old_date(request, page):
    """Posters usually print the date, and the portal cannot read a picture: an editor who moves an
    event that has one, without changing the picture, is asked to check it and its description."""
    page = page.specific
    if not isinstance(page, EventPage) or not page.image_id:
        return
    previous = page.revisions.order_by("-created_at", "-pk")[1:2].first()
    if previous is None:
        return
    before = previous.as_object()
    if before.start != page.start and before.image_id == page.image_id:
        messages.warning(
            request,
            gettext("活动时间由 %(before)s 改为 %(after)s。海报上如果印着原来的日期，请换一张海报，并修改图片说明。")
            % {
                "before": timezone.localtime(before.start).strftime("%Y-%m-%d %H:%M"),
                "after": timezone.localtime(page.start).strftime("%Y-%m-%d %H:%M"),
            },
        )
