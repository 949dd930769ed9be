"""What every form readers fill in shares, written once: text without control or invisible
characters, the honeypot that tells bots from people, and reference codes as people type them."""

import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

from . import codes


def visible(text):
    """``text`` without control characters (NUL, bell …) and invisible format characters
    (zero-width spaces, right-to-left overrides): a name made of them alone is no name, and an
    override would make a staff list show something else than what was stored."""
    return "".join(char for char in text if unicodedata.category(char) not in ("Cc", "Cf"))


class TextField(forms.CharField):
    """Text with control and invisible characters removed before anything else looks at it: a
    reader's pasted text is cleaned, not refused with a puzzling message."""

    def to_python(self, value):
        return super().to_python(visible(value) if isinstance(value, str) else value)


class CodeField(TextField):
    """A reference code (portal.codes) as a reader types or reads it out: ``codes.normalise``d."""

    def to_python(self, value):
        return codes.normalise(super().to_python(value))


class HoneypotForm(forms.Form):
    """A form with a field people leave empty and bots fill in like every other field. Templates
    render it hidden from sight and from screen readers, by its name ``website``."""

    website = forms.CharField(required=False, label=_("请勿填写此项"))

    @property
    def is_bot(self):
        return bool(self.data.get("website"))
