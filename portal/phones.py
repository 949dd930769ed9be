"""Mainland mobile numbers: what readers type, what is stored, what staff see.

Shared by event registration and purchase suggestions, so a number is cleaned and masked the same
way everywhere. Every spelling of one number becomes one canonical ASCII string before it is
validated, stored, compared (duplicates) or counted (rate limits): "13７００００００８８" typed on a
full-width keyboard, "+86 138-1234-5678" or the same digits in another script must not count as
another reader.
"""

import re
import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

MAINLAND_MOBILE = re.compile(r"^1[3-9][0-9]{9}$")
# What people put between digits: spaces of every width, hyphens and dashes, dots, brackets.
SEPARATORS = re.compile(r"[\s\-‐‑‒–—.·()（）]")


def canonical_mobile(value):
    """The ASCII digits of a mainland number as typed, without country code; "" when the text holds
    anything but digits, separators and a +86 / 0086 / 86 prefix."""
    text = unicodedata.normalize("NFKC", value or "")
    text = SEPARATORS.sub("", text)
    # Decimal digits of any script (Arabic-Indic ٣, Devanagari ३ …) are the digits they stand for.
    text = "".join(str(unicodedata.decimal(char)) if char.isdecimal() else char for char in text)
    text = re.sub(r"^(\+86|0086)", "", text)
    if len(text) == 13 and text.startswith("86"):
        text = text[2:]
    return text if MAINLAND_MOBILE.match(text) else ""


def clean_mobile(value):
    """ "138 1234-5678" or "+86 13812345678" → "13812345678"; anything else is a form error."""
    phone = canonical_mobile(value)
    if not phone:
        raise forms.ValidationError(_("请填写 11 位中国大陆手机号码，例如 13812345678。"))
    return phone


def mask_phone(phone):
    """138****5678: enough for a reader to recognise their number, not enough to call it."""
    if len(phone) < 7:
        return "*" * len(phone)
    return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]
