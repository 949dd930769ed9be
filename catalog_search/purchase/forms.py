"""The 荐购 forms: what a reader suggests, and the code that finds it again."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.isbn import normalise_isbn
from portal.phones import clean_mobile
from portal.reader_forms import CodeField, HoneypotForm, TextField


class PurchaseSuggestionForm(HoneypotForm):
    """荐购: the book, why, and one way to reach the reader — nothing more (PIPL)."""

    title = TextField(
        label=_("书名"),
        max_length=200,
        error_messages={"required": _("请填写书名。"), "max_length": _("书名最多 %(limit_value)d 个字。")},
    )
    author = TextField(label=_("作者"), max_length=100, required=False)
    isbn = TextField(
        label=_("ISBN"),
        max_length=40,
        required=False,
        help_text=_("在书的封底或版权页，10 位或 13 位，可带连字符。"),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    reason = TextField(label=_("推荐理由"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3}))
    phone = TextField(
        label=_("手机号码"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label=_("电子邮箱"),
        max_length=254,
        required=False,
        error_messages={"invalid": _("请填写有效的电子邮箱地址。")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    consent = forms.BooleanField(error_messages={"required": _("请阅读并同意隐私政策后再提交。")})

    def clean_title(self):
        return " ".join(self.cleaned_data["title"].split())

    def clean_author(self):
        return " ".join(self.cleaned_data["author"].split())

    def clean_isbn(self):
        typed = self.cleaned_data["isbn"].strip()
        if not typed:
            return ""
        isbn = normalise_isbn(typed)
        if isbn is None:
            raise forms.ValidationError(
                _("ISBN“%(isbn)s”无效：请核对位数和最后一位校验码，或留空。"), params={"isbn": typed}
            )
        return isbn

    def clean_phone(self):
        return clean_mobile(self.cleaned_data["phone"]) if self.cleaned_data["phone"].strip() else ""

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("phone") and not data.get("email"):
            raise forms.ValidationError(_("请留下手机号码或电子邮箱，方便我们告诉您处理结果。"))
        return data


class SuggestionStatusForm(forms.Form):
    code = CodeField(label=_("查询码"), max_length=20, error_messages={"required": _("请填写查询码。")})
