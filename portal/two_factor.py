"""Two-step login for staff (两步验证), with an authenticator app and django-otp's TOTP devices.

Optional per person, as the operator of a small library needs: anyone with admin access may add
an authenticator app under 账户 → 两步验证 (any app that reads the standard ``otpauth://`` QR code:
Microsoft or Google Authenticator, FreeOTP, 腾讯身份验证器 …). From then on the password alone
opens nothing in the admin: every admin page sends them to 输入验证码 until they give the app's
six-digit code, once per session. Wrong codes slow down (django-otp's throttling doubles the wait
after each failure). A lost phone: ``python manage.py remove_two_factor USERNAME``.

django-otp is the maintained core (wagtail-2fa, the Wagtail wrapper, does not run on Wagtail 8);
this module is only the admin's screens and the rule that enforces the second step.
"""

from urllib.parse import quote

import segno
from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

ADMIN = "/admin/"
# What an unverified user may still reach: the code form, logging out, and what those pages load.
OPEN_BEFORE_VERIFYING = ("two-factor/verify/", "logout/", "login/", "jsi18n/", "sprite-")
DEVICE_NAME = "authenticator"


class RequireSecondStep:
    """After django-otp's OTPMiddleware: a staff member with an authenticator app who has not
    given its code in this session is sent to the code form from every admin page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if path.startswith(ADMIN) and not path[len(ADMIN) :].startswith(OPEN_BEFORE_VERIFYING):
            user = request.user
            if user.is_authenticated and not user.is_verified() and user_has_device(user, confirmed=True):
                return redirect(f"{reverse('two_factor_verify')}?next={quote(request.get_full_path())}")
        return self.get_response(request)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("验证码"),
        max_length=8,
        help_text=gettext_lazy("身份验证器 App 里显示的 6 位数字。"),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}),
    )

    def __init__(self, device, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        allowed, _details = self.device.verify_is_allowed()
        if not allowed:
            raise forms.ValidationError(_("尝试次数过多，请稍等片刻再输入。"))
        if not code.isdigit() or not self.device.verify_token(code):
            raise forms.ValidationError(_("验证码不正确或已过期，请输入 App 上当前显示的数字。"))
        return code


def issuer(device):
    """The name an authenticator app shows above the code: the library's (OTP_TOTP_ISSUER)."""
    from wagtail.models import Site

    from .models import LibrarySettings

    site = Site.objects.filter(is_default_site=True).first()
    return LibrarySettings.for_site(site).library_name if site else ""


def confirmed_device(user):
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def safe_next(request, default):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return default


def verify(request):
    """输入验证码: the second step of logging in."""
    device = confirmed_device(request.user)
    if device is None or request.user.is_verified():
        return redirect(safe_next(request, reverse("wagtailadmin_home")))
    form = CodeForm(device, request.POST or None)
    if request.method == "POST" and form.is_valid():
        otp_login(request, device)
        return redirect(safe_next(request, reverse("wagtailadmin_home")))
    return TemplateResponse(
        request,
        "portal/two_factor/verify.html",
        {"form": form, "next": safe_next(request, ""), "page_title": _("输入验证码")},
    )


def manage(request):
    """两步验证 under 账户: add an authenticator app (a QR code, then its first code), or remove it
    (with a current code, so that a session left open cannot switch it off)."""
    user = request.user
    device = confirmed_device(user)
    if device is not None:
        form = CodeForm(device, request.POST or None)
        if request.method == "POST" and form.is_valid():
            TOTPDevice.objects.filter(user=user).delete()
            messages.success(request, _("已关闭两步验证。"))
            return redirect("two_factor_manage")
        return TemplateResponse(
            request, "portal/two_factor/manage.html", {"enabled": True, "form": form, "page_title": _("两步验证")}
        )

    # A new secret for each visit until one is confirmed: an abandoned QR code is never valid.
    pending = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if request.method != "POST" or pending is None:
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        pending = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    form = CodeForm(pending, request.POST or None)
    if request.method == "POST" and form.is_valid():
        pending.confirmed = True
        pending.save(update_fields=["confirmed"])
        otp_login(request, pending)
        messages.success(request, _("已开启两步验证：以后登录时，请在输入密码后再输入 App 上的验证码。"))
        return redirect("two_factor_manage")
    qr = segno.make(pending.config_url, error="m")
    return TemplateResponse(
        request,
        "portal/two_factor/manage.html",
        {
            "enabled": False,
            "form": form,
            "page_title": _("两步验证"),
            "qr": qr.png_data_uri(scale=5, border=2),
            "qr_size": qr.symbol_size(scale=5, border=2)[0],
            "secret": secret_in_groups(pending),
        },
    )


def secret_in_groups(device):
    """The key as an app asks for it when typed in by hand: base32, in groups of four."""
    from base64 import b32encode

    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[index : index + 4] for index in range(0, len(key), 4))
