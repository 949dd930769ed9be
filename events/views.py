import logging

import segno
from django.core import signing
from django.db import DatabaseError
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from portal.pagination import paginate
from portal.phones import canonical_mobile
from portal.ratelimit import client_ip, limited

from . import listing, registration
from .forms import LookupForm, RegistrationForm, ResendForm
from .models import EventStatus, Registration, RegistrationStatus
from .registration import Outcome

logger = logging.getLogger("portal.registration")


def event_list(request, index, which):
    """The index page's list: upcoming activities (soonest first) or past ones (latest first)."""
    now = timezone.now()
    form = listing.EventFilterForm(request.GET or None, index.locale, now)
    events = listing.upcoming(index, form, now) if which == "upcoming" else listing.past(index, form, now)
    page_of_events = paginate(request, events, listing.PER_PAGE)
    page_of_events.object_list = listing.with_translations(page_of_events.object_list)
    return index.render(
        request,
        context_overrides={
            "which": which,
            "filter_form": form,
            "events": page_of_events,
            "extra_query": form.query_string(),
        },
    )


def event_calendar(request, index):
    """``calendar/?month=2026-11``: the month's activities on a grid, then listed day by day."""
    now = timezone.now()
    form = listing.EventFilterForm(request.GET or None, index.locale, now)
    month = listing.month_calendar(index, form, listing.parse_month(request.GET.get("month"), now), now)
    return index.render(
        request,
        template="events/event_calendar.html",
        context_overrides={
            "filter_form": form,
            "month": month,
            "extra_query": form.query_string(),
            "weekdays": listing.WEEKDAYS,
        },
    )


def personal(response):
    """Pages that carry a reader's registration, phone or form input: never stored by a browser,
    a proxy or the page cache."""
    add_never_cache_headers(response)
    return response


def register(request, page):
    """``<event url>register/``: the form, and the answer page that carries
    ``data-registration-status`` (and ``data-registration-code``) as docs/design.md specifies."""
    closed = page.registration_state()
    if request.method != "POST":
        if closed:
            return answer(request, page, Outcome.CLOSED)
        return render(request, "events/register.html", {"page": page, "form": RegistrationForm(event=page)})

    form = RegistrationForm(request.POST, event=page)
    if form.is_bot:
        return answer(request, page, Outcome.INVALID, status=400)
    typed_phone = request.POST.get("phone", "")[:20]
    # Every spelling of one number counts as that number (portal.phones).
    if limited("register_per_ip", client_ip(request)) or limited(
        "register_per_phone", canonical_mobile(typed_phone) or typed_phone
    ):
        return answer(request, page, Outcome.INVALID, status=429)
    if not form.is_valid():
        if closed:
            return answer(request, page, Outcome.CLOSED)
        return personal(
            render(request, "events/register.html", {"page": page, "form": form, "invalid": True}, status=400)
        )
    result = registration.register(
        page,
        name=form.cleaned_data["name"],
        phone=form.cleaned_data["phone"],
        seats=form.cleaned_data["seats"],
        answers=form.answers(),
        language=page.locale.language_code,
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
    if outcome == Outcome.CLOSED and page.status != EventStatus.SCHEDULED:
        heading = page.get_status_display()  # 已取消 / 延期，日期待定, not "报名未开放或已截止"
    context = {"page": page, "outcome": outcome, "heading": heading, "registration": None, "too_many": status == 429}
    if outcome in (Outcome.CONFIRMED, Outcome.WAITLISTED):
        context["registration"] = registration
        context["qr_svg"] = segno.make(registration.code, error="m").svg_inline(
            scale=4, title=registration.code, omitsize=True
        )
    try:
        return personal(render(request, "events/registration_result.html", context, status=status))
    except DatabaseError:
        if registration is None:
            raise
        # The registration is committed but the database went away before the page was drawn
        # (the site's menus and settings come from it): the reader still gets their code, on a
        # page drawn from what is in hand.
        logger.exception("answer page for registration %s drawn without the database", registration.code)
        html = render_to_string("events/registration_result_plain.html", context)
        return personal(HttpResponse(html, status=status))


def resend_codes(request, context):
    """ "忘记报名码": the codes of a number's registrations for events still to come go to that phone
    (and e-mail) on file. The page says the same whether or not the number has any, so it tells a
    stranger nothing; each registration's code goes out a few times an hour at most."""
    form = ResendForm(request.POST)
    context.update(form=LookupForm(), resend_form=form)
    if not form.is_valid():
        return render(request, "events/my_registration.html", context, status=400)
    for found in Registration.objects.select_related("event").filter(
        phone=form.cleaned_data["phone"],
        event__end__gte=timezone.now(),
        purged_at__isnull=True,
        status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED],
    ):
        registration.resend_code(found)
    context["resent"] = True
    return render(request, "events/my_registration.html", context)


CANCEL_TOKEN_AGE = 30 * 60  # seconds a look-up stays good for cancelling


def cancel_token(found):
    """What the look-up result hands to the cancel buttons instead of the phone number: proof,
    signed with the site's key, that this browser gave the right phone and code a moment ago."""
    return signing.dumps(found.pk, salt="events.cancel")


def registration_from_token(token):
    try:
        pk = signing.loads(token or "", salt="events.cancel", max_age=CANCEL_TOKEN_AGE)
    except signing.BadSignature:
        return None
    return Registration.objects.select_related("event").filter(pk=pk).first()


@never_cache  # every answer carries a reader's registration or what they typed
def my_registration(request, index_page):
    """Find a registration by phone + code, then cancel it in two steps (the second names the event
    and the seats). A wrong phone or code gets the same answer, so the page cannot be used to learn
    whether a code exists."""
    # Looked up by POST only: a phone number never lands in a URL, a log or a browser history.
    context = {
        "page": index_page,
        "registration": None,
        "not_found": False,
        "cancelled": False,
        "confirming": False,
        "expired": False,
    }
    action = request.POST.get("action") if request.method == "POST" else None
    if action in ("confirm", "cancel"):
        found = registration_from_token(request.POST.get("token"))
        context["form"] = LookupForm()
        if found is None:
            context["expired"] = True
            return render(request, "events/my_registration.html", context, status=400)
        if action == "cancel":
            registration.cancel(found)
            found.refresh_from_db()
            context["cancelled"] = True
        else:
            context["confirming"] = True
        context.update(registration=found, token=cancel_token(found))
        return render(request, "events/my_registration.html", context)
    if request.method == "POST":
        if limited("lookup_per_ip", client_ip(request)):
            context.update(form=LookupForm(), too_many=True)
            return render(request, "events/my_registration.html", context, status=429)
        if action == "resend":
            return resend_codes(request, context)
        form = LookupForm(request.POST)
    else:
        form = LookupForm(initial={"code": request.GET.get("code", "")[:20]})
    context["form"] = form
    context.setdefault("resend_form", ResendForm())
    if form.is_bound and form.is_valid():
        found = (
            Registration.objects.select_related("event")
            .filter(code=form.cleaned_data["code"], phone=form.cleaned_data["phone"])
            .first()
        )
        if found is None:
            context["not_found"] = True
        else:
            context.update(registration=found, token=cancel_token(found))
    status = 404 if context["not_found"] else 200
    return render(request, "events/my_registration.html", context, status=status)
