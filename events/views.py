import segno
from django.shortcuts import render
from django.utils.translation import gettext as _

from . import registration
from .forms import RegistrationForm
from .registration import Outcome


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
    if not form.is_valid():
        if closed:
            return answer(request, page, Outcome.CLOSED)
        return render(request, "events/register.html", {"page": page, "form": form, "invalid": True}, status=400)
    result = registration.register(
        page, name=form.cleaned_data["name"], phone=form.cleaned_data["phone"],
        seats=form.cleaned_data["seats"], answers=form.answers(),
    )
    return answer(request, page, result.outcome, result.registration)


MESSAGES = {
    Outcome.CONFIRMED: lambda: _("报名成功"),
    Outcome.WAITLISTED: lambda: _("已进入候补名单"),
    Outcome.FULL: lambda: _("名额已满"),
    Outcome.CLOSED: lambda: _("报名未开放或已截止"),
    Outcome.DUPLICATE: lambda: _("您已经报过名了"),
    Outcome.INVALID: lambda: _("报名信息有误"),
}


def answer(request, page, outcome, registration=None, status=200):
    context = {"page": page, "outcome": outcome, "heading": MESSAGES[outcome](), "registration": None}
    if outcome in (Outcome.CONFIRMED, Outcome.WAITLISTED):
        context["registration"] = registration
        context["qr_svg"] = segno.make(registration.code, error="m").svg_inline(scale=4, title=registration.code, omitsize=True)
    return render(request, "events/registration_result.html", context, status=status)
