"""The registration form: no more than the event needs (PIPL), every bad input named in Chinese."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.phones import clean_mobile
from portal.reader_forms import CodeField, HoneypotForm, TextField


def phone_field(label):
    """A mainland mobile number as readers type it (cleaned by ``clean_mobile``), with the phone
    keyboard and the browser's saved number offered."""
    return forms.CharField(
        label=label,
        max_length=20,
        error_messages={"required": _("请填写手机号码。")},
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )


class RegistrationForm(HoneypotForm):
    name = TextField(
        label=_("姓名"),
        max_length=50,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={
            "required": _("请填写姓名。"),
            "max_length": _("姓名最多 %(limit_value)d 个字。"),
        },
    )
    phone = phone_field(_("手机号码"))
    seats = forms.TypedChoiceField(
        label=_("报名人数"),
        coerce=int,
        error_messages={
            "required": _("请选择报名人数。"),
            "invalid_choice": _("报名人数不在允许范围内。"),
        },
    )
    consent = forms.BooleanField(error_messages={"required": _("请阅读并同意隐私政策后再报名。")})

    EXTRA_FIELDS = {
        "library_card": lambda: forms.RegexField(
            label=_("读者证号"),
            regex=r"^[A-Za-z0-9-]{4,20}$",
            max_length=20,
            widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
            error_messages={
                "required": _("请填写读者证号。"),
                "invalid": _("读者证号只能包含字母、数字和 -，4 到 20 位。"),
            },
        ),
        "child_age": lambda: forms.IntegerField(
            label=_("孩子年龄"),
            min_value=0,
            max_value=18,
            error_messages={
                "required": _("请填写孩子年龄。"),
                "invalid": _("请填写 0 到 18 之间的整数。"),
                "min_value": _("请填写 0 到 18 之间的整数。"),
                "max_value": _("请填写 0 到 18 之间的整数。"),
            },
        ),
        "email": lambda: forms.EmailField(
            label=_("电子邮箱"),
            max_length=100,
            help_text=_("用于接收报名通知。"),
            widget=forms.EmailInput(attrs={"autocomplete": "email"}),
            error_messages={"required": _("请填写电子邮箱。"), "invalid": _("请填写有效的电子邮箱地址。")},
        ),
        "school": lambda: TextField(
            label=_("学校"),
            max_length=50,
            error_messages={"required": _("请填写学校。"), "max_length": _("学校名称最多 %(limit_value)d 个字。")},
        ),
    }

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["seats"].choices = [(n, n) for n in range(1, event.max_seats_per_person + 1)]
        if event.max_seats_per_person == 1:
            self.fields["seats"].initial = 1
        for name in event.extra_questions:
            if name in self.EXTRA_FIELDS:
                self.fields[name] = self.EXTRA_FIELDS[name]()

    def clean_phone(self):
        return clean_mobile(self.cleaned_data["phone"])

    def full_clean(self):
        super().full_clean()
        # Screen readers announce the error with the field it belongs to.
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs.update({"aria-invalid": "true", "aria-describedby": f"id_{name}-error"})

    def answers(self):
        return {name: self.cleaned_data[name] for name in self.event.extra_questions if name in self.fields}


class LookupForm(forms.Form):
    """Phone and code: both are needed, so a guessed code alone reveals nothing."""

    phone = phone_field(_("报名手机号码"))
    code = CodeField(
        label=_("报名码"),
        max_length=20,
        error_messages={"required": _("请填写报名码。")},
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off"}),
    )

    clean_phone = RegistrationForm.clean_phone


class ResendForm(forms.Form):
    """忘记报名码: only the phone; the codes go to it, never to the page."""

    phone = phone_field(_("接收报名码的手机号码"))

    clean_phone = RegistrationForm.clean_phone

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="resend", **kwargs)
