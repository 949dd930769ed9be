import segno
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.pagination import paginate
from portal.ratelimit import client_ip, limited

from . import listing, registration
from .forms import LookupForm, RegistrationForm
from .models import Registration
from .registration import Outcome


def event_list(request, index, which):
    """The index page's list: upcoming activities (soonest first) or past ones (latest first)."""
    now = timezone.now()
    form = listing.EventFilterForm(request.GET or None, index.locale)
    events = listing.upcoming(index, form, now) if which == "upcoming" else listing.past(index, form, now)
    page_of_events = paginate(request, events, listing.PER_PAGE)
    page_of_events.object_list = listing.with_translations(page_of_events.object_list)
    return index.render(request, context_overrides={
        "which": which, "filter_form": form, "events": page_of_events, "extra_query": form.query_string(),
    })


def event_calendar(request, index):
    """``calendar/?month=2026-11``: the month's activities on a grid, then listed day by day."""
    now = timezone.now()
    form = listing.EventFilterForm(request.GET or None, index.locale)
    month = listing.month_calendar(index, form, listing.parse_month(request.GET.get("month"), now), now)
    return index.render(request, template="events/event_calendar.html", context_overrides={
        "filter_form": form, "month": month, "extra_query": form.query_string(), "weekdays": listing.WEEKDAYS,
    })


def register(request, page):
    """``<event url>register/``: the form, and the answer page that carries
    ``data-registration-status`` (and ``data-registration-code``) as DESIGN.md specifies."""
    closed = page.registration_state()
    if request.method != "POST":
        if closed:
            return answer(request, page, Outcome.CLOSED)
        return render(request, "events/register.html", {"page": page, "form": RegistrationForm(event=page)})

    form = RegistrationForm(request.POST, event=page)
    if form.is_bot:
        return answer(request, page, Outcome.INVALID, status=400)
    if limited("register_per_ip", client_ip(request)) or limited("register_per_phone", request.POST.get("phone", "")[:20]):
        return answer(request, page, Outcome.INVALID, status=429)
    if not form.is_valid():
        if closed:
            return answer(request, page, Outcome.CLOSED)
        return render(request, "events/register.html", {"page": page, "form": form, "invalid": True}, status=400)
    result = registration.register(
        page, name=form.cleaned_data["name"], phone=form.cleaned_data["phone"],
        seats=form.cleaned_data["seats"], answers=form.answers(), language=page.locale.language_code,
    )
    return answer(request, page, result.outcome, result.registration)


HEADINGS = {
    Outcome.CONFIRMED: _("报名成功"),
    Outcome.WAITLISTED: _("已进入候补名单"),
    Outcome.FULL: _("名额已满"),
    Outcome.CLOSED: _("报名未开放或已截止"),
    Outcome.DUPLICATE: _("您已经报过名了"),
    Outcome.INVALID: _("报名信息有误"),
}
TOO_MANY = _("操作太频繁")


def answer(request, page, outcome, registration=None, status=200):
    heading = TOO_MANY if status == 429 else HEADINGS[outcome]
    context = {"page": page, "outcome": outcome, "heading": heading, "registration": None, "too_many": status == 429}
    if outcome in (Outcome.CONFIRMED, Outcome.WAITLISTED):
        context["registration"] = registration
        context["qr_svg"] = segno.make(registration.code, error="m").svg_inline(scale=4, title=registration.code, omitsize=True)
    return render(request, "events/registration_result.html", context, status=status)


def my_registration(request, index_page):
    """Find a registration by phone + code and cancel it. A wrong phone or code gets the same
    answer, so the page cannot be used to learn whether a code exists."""
    # Looked up by POST only: a phone number never lands in a URL, a log or a browser history.
    if request.method == "POST":
        if limited("lookup_per_ip", client_ip(request)):
            return render(request, "events/my_registration.html",
                          {"page": index_page, "form": LookupForm(), "too_many": True}, status=429)
        form = LookupForm(request.POST)
    else:
        form = LookupForm(initial={"code": request.GET.get("code", "")[:20]})
    context = {"page": index_page, "form": form, "registration": None, "not_found": False, "cancelled": False}
    if form.is_bound and form.is_valid():
        found = Registration.objects.select_related("event").filter(
            code=form.cleaned_data["code"], phone=form.cleaned_data["phone"]
        ).first()
        if found is None:
            context["not_found"] = True
        elif request.method == "POST" and request.POST.get("action") == "cancel":
            registration.cancel(found)
            found.refresh_from_db()
            context["cancelled"] = True
        context["registration"] = found
    status = 404 if context["not_found"] else 200
    return render(request, "events/my_registration.html", context, status=status)
