"""Staff screens in the Wagtail admin: the events a user manages with their counts, one event's
registrations (filters, masked phones, add, cancel, move, check in, export) and the door's
check-in screen, which works on a phone. Access rules live in events.permissions."""

import logging
from datetime import timedelta

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case, F, Value, When
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.log_actions import log

from portal import spreadsheets
from portal.pagination import paginate
from portal.reader_forms import CodeField

from . import export as export_formats
from . import permissions, recurrence, registration
from .forms import RegistrationForm
from .models import EventPage, Registration, RegistrationStatus
from .registration import CheckIn, NotAllowed, Outcome

logger = logging.getLogger("portal.registrations")

STATUS_FILTERS = [
    ("", gettext_lazy("全部")),
    ("confirmed", gettext_lazy("已确认")),
    ("waitlisted", gettext_lazy("候补")),
    ("attended", gettext_lazy("已签到")),
    ("cancelled", gettext_lazy("已取消")),
]


def require(user, perm):
    if not user.has_perm(perm):
        raise PermissionDenied


def visible_event(request, event_id):
    """The event (default-language page) if this user may see it; 404 otherwise, so that staff of
    one branch cannot even learn which event ids exist elsewhere."""
    require(request.user, permissions.VIEW)
    event = permissions.managed_events(request.user).filter(pk=event_id).first()
    if event is None:
        raise Http404
    return event.specific


def event_list(request):
    """Events with registration the user manages: coming ones first, then the last month's."""
    require(request.user, permissions.VIEW)
    now = timezone.now()
    events = (
        permissions.managed_events(request.user)
        .filter(registration_required=True, end__gte=now - timedelta(days=30))
        .with_seat_counts()
        .select_related("branch")
        .annotate(over=Case(When(end__lt=now, then=Value(1)), default=Value(0)))
        # the coming ones soonest first, then the ended ones latest first
        .order_by("over", Case(When(over=0, then=F("start"))).asc(nulls_last=True), F("start").desc())
    )
    return TemplateResponse(
        request,
        "events/admin/event_list.html",
        {
            "page_title": _("活动报名"),
            "header_icon": "form",
            "events": paginate(request, events, 30),
        },
    )


class StaffAddForm(RegistrationForm):
    """What staff type for a reader at the desk or on the phone; the reader's consent is asserted."""

    consent = forms.BooleanField(
        label=gettext_lazy("读者已同意隐私政策"),
        error_messages={"required": gettext_lazy("请先征得读者同意隐私政策。")},
    )


def registrations(request, event_id):
    event = visible_event(request, event_id)
    status = request.GET.get("status", "")
    if status not in dict(STATUS_FILTERS):
        status = ""
    listed = event.registrations.order_by("created_at", "pk")
    if status == "attended":
        listed = listed.filter(attended_at__isnull=False)
    elif status:
        listed = listed.filter(status=status)
    counts = (
        EventPage.objects.filter(pk=event.pk)
        .with_seat_counts()
        .values("confirmed_seats", "waitlisted_seats", "attended_seats")
        .get()
    )
    free_seats = max(event.capacity - counts["confirmed_seats"], 0)
    return TemplateResponse(
        request,
        "events/admin/registrations.html",
        {
            "page_title": _("报名名单：%(title)s") % {"title": event.title},
            "header_icon": "form",
            "event": event,
            "counts": counts,
            "free_seats": free_seats,
            "status": status,
            "status_filters": STATUS_FILTERS,
            "registrations": paginate(request, listed, 100),
            "add_form": StaffAddForm(event=event),
            "can_change": request.user.has_perm(permissions.CHANGE),
            "can_export": request.user.has_perm(permissions.EXPORT),
        },
    )


@require_POST
def add(request, event_id):
    event = visible_event(request, event_id)
    require(request.user, permissions.CHANGE)
    form = StaffAddForm(request.POST, event=event)
    if not form.is_valid():
        errors = "；".join(str(error) for field_errors in form.errors.values() for error in field_errors)
        messages.error(request, _("未添加：%(errors)s") % {"errors": errors})
        return redirect("events_registrations", event.pk)
    result = registration.register(
        event,
        name=form.cleaned_data["name"],
        phone=form.cleaned_data["phone"],
        seats=form.cleaned_data["seats"],
        answers=form.answers(),
        by_staff=True,
    )
    if result.outcome in (Outcome.CONFIRMED, Outcome.WAITLISTED):
        log(
            instance=event, action="events.add_registration", user=request.user, data={"code": result.registration.code}
        )
        messages.success(
            request,
            _("已添加 %(code)s（%(status)s）。")
            % {"code": result.registration.code, "status": result.registration.get_status_display()},
        )
    else:
        messages.error(request, STAFF_OUTCOMES[result.outcome])
    return redirect("events_registrations", event.pk)


STAFF_OUTCOMES = {
    Outcome.FULL: gettext_lazy("未添加：名额和候补都已满。"),
    Outcome.CLOSED: gettext_lazy("未添加：活动已取消。"),
    Outcome.DUPLICATE: gettext_lazy("未添加：这个手机号码已经报名了这个活动。"),
}


@require_POST
def change(request, event_id, code):
    """One button per row: cancel, confirm (from the waitlist), waitlist, check in."""
    event = visible_event(request, event_id)
    require(request.user, permissions.CHANGE)
    target = get_object_or_404(Registration, event=event, code=code)
    action = request.POST.get("action")
    try:
        if action == "cancel":
            promoted = registration.cancel(target)
            message = _("已取消 %(code)s。") % {"code": code}
            if promoted:
                message += _("候补转正：%(codes)s。") % {"codes": "、".join(r.code for r in promoted)}
        elif action in ("confirm", "waitlist"):
            wanted = RegistrationStatus.CONFIRMED if action == "confirm" else RegistrationStatus.WAITLISTED
            registration.move(target, wanted)
            message = _("已将 %(code)s 移到“%(status)s”。") % {"code": code, "status": wanted.label}
        elif action == "check_in":
            result, _found = registration.check_in(code, event)
            if result != CheckIn.DONE:
                raise NotAllowed(CHECK_IN_MESSAGES[result])
            message = _("%(code)s 已签到。") % {"code": code}
        else:
            raise NotAllowed(_("未知操作。"))
    except NotAllowed as refusal:
        messages.error(request, str(refusal))
    else:
        log(instance=event, action=f"events.{action}_registration", user=request.user, data={"code": code})
        messages.success(request, message)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        back = reverse("events_registrations", args=[event.pk])  # never off the site (next=https://evil.example/)
    return redirect(back)


def export(request, event_id, file_format):
    event = visible_event(request, event_id)
    require(request.user, permissions.EXPORT)
    listed = list(event.registrations.filter(purged_at__isnull=True).order_by("created_at", "pk"))
    if file_format == "xlsx":
        content = export_formats.as_xlsx(event, listed)
        content_type = spreadsheets.XLSX_CONTENT_TYPE
    else:
        content = export_formats.as_csv(event, listed)
        content_type = "text/csv; charset=utf-8"
    log(
        instance=event,
        action="events.export_registrations",
        user=request.user,
        data={"format": file_format, "rows": len(listed)},
    )
    logger.info(
        "registrations of event %s exported as %s by %s (%d rows)",
        event.pk,
        file_format,
        request.user.get_username(),
        len(listed),
    )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="registrations-{event.pk}.{file_format}"'
    response["Cache-Control"] = "no-store"
    return response


CHECK_IN_MESSAGES = {
    CheckIn.UNKNOWN: gettext_lazy("没有这个报名码。请核对后重新输入。"),
    CheckIn.ALREADY: gettext_lazy("这个报名码已经签到过了。"),
    CheckIn.OTHER_EVENT: gettext_lazy("这个报名码属于另一个活动。"),
    CheckIn.NOT_CONFIRMED: gettext_lazy("这条报名不是“已确认”状态（候补或已取消），不能签到。"),
    CheckIn.OTHER_DAY: gettext_lazy("不是今天的活动，未签到。"),
}


class CheckInForm(forms.Form):
    code = CodeField(
        label=gettext_lazy("报名码"),
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "autocapitalize": "characters",
                "autocomplete": "off",
                "autofocus": True,
                "inputmode": "latin",
                "enterkeyhint": "go",
            }
        ),
    )

    any_day = forms.BooleanField(label=gettext_lazy("不是今天的活动也签到"), required=False)


def check_in(request):
    """The door: type (or scan) a code, see name, seats and event, then mark attended. With
    ``?event=<id>`` codes of other events are refused."""
    require(request.user, permissions.CHANGE)
    event_id = request.GET.get("event") or request.POST.get("event")
    event = visible_event(request, event_id) if event_id and event_id.isdigit() else None
    context = {"page_title": _("现场签到"), "header_icon": "tick", "event": event, "found": None, "result": None}
    if request.method == "POST":
        form = CheckInForm(request.POST)
        if form.is_valid():
            found = find_for_check_in(request.user, form.cleaned_data["code"])
            if found is None:
                context["result"] = CheckIn.UNKNOWN
            else:
                result, found = registration.check_in(found.code, event, any_day=form.cleaned_data["any_day"])
                context.update(result=result, found=found)
                if result == CheckIn.DONE:
                    log(
                        instance=found.event,
                        action="events.check_in_registration",
                        user=request.user,
                        data={"code": found.code},
                    )
            # Another day's code stays in the box, so staff who mean it only tick the override.
            form = CheckInForm(initial={"code": found.code} if context["result"] == CheckIn.OTHER_DAY else None)
    else:
        form = CheckInForm()
    if context["result"]:
        context["message"] = (
            _("签到成功") if context["result"] == CheckIn.DONE else CHECK_IN_MESSAGES[context["result"]]
        )
    context["form"] = form
    return TemplateResponse(request, "events/admin/check_in.html", context)


def find_for_check_in(user, code):
    """A registration this user may check in; one of another branch's events counts as unknown."""
    found = Registration.objects.select_related("event").filter(code=code).first()
    if found is None or not permissions.managed_events(user).filter(pk=found.event_id).exists():
        return None
    return found


class OccurrencesForm(forms.Form):
    frequency = forms.ChoiceField(label=gettext_lazy("重复"), choices=recurrence.FREQUENCIES, initial="weekly")
    count = forms.IntegerField(
        label=gettext_lazy("再举办几次"),
        required=False,
        min_value=1,
        max_value=recurrence.MAX_OCCURRENCES,
        help_text=gettext_lazy("与“直到”二选一。"),
    )
    until = forms.DateField(
        label=gettext_lazy("直到（含这一天）"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        if not self.errors and (data.get("count") is None) == (data.get("until") is None):
            raise forms.ValidationError(_("请填写“再举办几次”或“直到”其中一项。"))
        return data


def occurrences(request, page_id):
    """A recurring activity in one step: dated copies of this event (see events.recurrence)."""
    event = get_object_or_404(EventPage, pk=page_id).specific
    if not event.get_parent().permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied
    form = OccurrencesForm(request.POST or None)
    starts = []
    if form.is_valid():
        starts = recurrence.occurrence_starts(
            event.start,
            form.cleaned_data["frequency"],
            count=form.cleaned_data["count"],
            until=form.cleaned_data["until"],
        )
        if not starts:
            form.add_error("until", _("这个日期之前没有新的场次。"))
        elif request.POST.get("confirm"):
            created = recurrence.create_occurrences(event, starts, user=request.user)
            messages.success(request, _("已生成 %(count)d 场活动（已存在的日期跳过）。") % {"count": len(created)})
            return redirect("wagtailadmin_explore", event.get_parent().pk)
    return TemplateResponse(
        request,
        "events/admin/occurrences.html",
        {
            "page_title": _("生成重复活动"),
            "header_icon": "repeat",
            "event": event,
            "form": form,
            "starts": starts,
        },
    )
