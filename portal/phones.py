"""Mainland mobile numbers: what readers type, what is stored, what staff see.

Shared by event registration and purchase suggestions, so a number is cleaned and masked the same
way everywhere."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

MAINLAND_MOBILE = re.compile(r"^1[3-9]\d{9}$")


def clean_mobile(value):
    """"138 1234-5678" or "+86 13812345678" → "13812345678"; anything else is a form error."""
    phone = re.sub(r"[\s\-]", "", value or "")
    phone = re.sub(r"^(\+86|0086)", "", phone)
    if not MAINLAND_MOBILE.match(phone):
        raise forms.ValidationError(_("请填写 11 位中国大陆手机号码，例如 13812345678。"))
    return phone


def mask_phone(phone):
    """138****5678: enough for a reader to recognise their number, not enough to call it."""
    if len(phone) < 7:
        return "*" * len(phone)
    return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]
