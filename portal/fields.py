"""Model fields shared by the apps."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class MultipleChoiceField(models.JSONField):
    """A list of codes from a fixed set of choices, stored as JSON (works on SQLite and PostgreSQL
    alike) and edited as checkboxes. Codes stay stable in the API; labels are translated."""

    def __init__(self, *args, choices_list=(), **kwargs):
        self.choices_list = list(choices_list)
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        known = {code for code, _label in self.choices_list}
        unknown = [code for code in value or [] if code not in known]
        if unknown:
            raise ValidationError(_("未知选项：%(codes)s"), params={"codes": "、".join(unknown)})

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=self.choices_list,
            required=not self.blank,
            widget=forms.CheckboxSelectMultiple,
            label=self.verbose_name,
            help_text=self.help_text,
        )
