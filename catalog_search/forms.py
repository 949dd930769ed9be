from django import forms
from django.utils.translation import gettext_lazy as _

from portal import codes
from portal.isbn import normalise_isbn
from portal.models import Branch
from portal.phones import clean_mobile

from . import analysis

# 中国图书馆分类法 (CLC), the 22 top-level classes.
CLC_CLASSES = [
    ("A", _("马克思主义、列宁主义、毛泽东思想、邓小平理论")), ("B", _("哲学、宗教")), ("C", _("社会科学总论")),
    ("D", _("政治、法律")), ("E", _("军事")), ("F", _("经济")), ("G", _("文化、科学、教育、体育")),
    ("H", _("语言、文字")), ("I", _("文学")), ("J", _("艺术")), ("K", _("历史、地理")), ("N", _("自然科学总论")),
    ("O", _("数理科学和化学")), ("P", _("天文学、地球科学")), ("Q", _("生物科学")), ("R", _("医药、卫生")),
    ("S", _("农业科学")), ("T", _("工业技术")), ("U", _("交通运输")), ("V", _("航空、航天")),
    ("X", _("环境科学、安全科学")), ("Z", _("综合性图书")),
]
LANGUAGES = [("chi", _("中文")), ("eng", _("英文")), ("jpn", _("日文")), ("other", _("其他"))]
SORTS = [("relevance", _("相关度")), ("newest", _("出版年（新→旧）"))]


class CatalogueFilterForm(forms.Form):
    """Facets and sort order of the search page, in the query string."""

    branch = forms.ChoiceField(label=_("馆藏地"), required=False)
    clc = forms.ChoiceField(label=_("分类"), required=False, choices=[("", _("全部"))] + CLC_CLASSES)
    year_from = forms.IntegerField(label=_("出版年从"), required=False, min_value=1000, max_value=2100)
    year_to = forms.IntegerField(label=_("到"), required=False, min_value=1000, max_value=2100)
    language = forms.ChoiceField(label=_("语种"), required=False, choices=[("", _("全部"))] + LANGUAGES)
    available = forms.BooleanField(label=_("只看在架可借"), required=False)
    sort = forms.ChoiceField(label=_("排序"), required=False, choices=SORTS)

    def __init__(self, data, locale):
        super().__init__(data)
        self.fields["branch"].choices = [("", _("全部"))] + list(
            Branch.objects.filter(locale=locale).order_by("code").values_list("code", "name"))
        for field in self.fields.values():
            field.error_messages.update({
                "invalid_choice": _("没有这个选项：%(value)s。已忽略。"),
                "invalid": _("请填写年份，例如 2020。"),
                "min_value": _("年份应在 1000 到 2100 之间。"),
                "max_value": _("年份应在 1000 到 2100 之间。"),
            })

    def valid_data(self):
        """The filters that are valid; a bad one is dropped (and shown as an error), not fatal."""
        if not self.is_bound:
            return {}
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: value for name, value in data.items() if value not in (None, "", False)}

    def filter_queryset(self, records, data):
        if data.get("clc"):
            records = records.filter(clc__startswith=data["clc"])
        if data.get("year_from"):
            records = records.filter(year__gte=data["year_from"])
        if data.get("year_to"):
            records = records.filter(year__lte=data["year_to"])
        if data.get("language") == "other":
            records = records.exclude(language__in=["chi", "eng", "jpn"])
        elif data.get("language"):
            records = records.filter(language=data["language"])
        return records


class ReadingListFilterForm(forms.Form):
    """好书推荐's filters: audience and year, in the query string. A bad value is ignored."""

    audience = forms.ChoiceField(label=_("适读人群"), required=False)
    year = forms.TypedChoiceField(label=_("年度"), required=False, coerce=int, empty_value=None)

    def __init__(self, data, years):
        from .models import Audience

        super().__init__(data)
        self.fields["audience"].choices = [("", _("全部"))] + list(Audience.choices)
        self.fields["year"].choices = [("", _("全部"))] + [(str(year), str(year)) for year in years]
        for field in self.fields.values():
            field.error_messages["invalid_choice"] = _("没有这个选项：%(value)s。已忽略。")

    def filter(self, lists):
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        if data.get("audience"):
            lists = lists.filter(audience=data["audience"])
        if data.get("year"):
            lists = lists.filter(year=data["year"])
        return lists


class PlainTextField(forms.CharField):
    """Text with control characters (NUL, bell …) removed before any validation: a reader's
    pasted text is cleaned, not refused with a puzzling message."""

    def to_python(self, value):
        return super().to_python(analysis.CONTROL.sub("", value) if isinstance(value, str) else value)


class PurchaseSuggestionForm(forms.Form):
    """荐购: the book, why, and one way to reach the reader — nothing more (PIPL)."""

    title = PlainTextField(label=_("书名"), max_length=200, error_messages={
        "required": _("请填写书名。"), "max_length": _("书名最多 %(limit_value)d 个字。")})
    author = PlainTextField(label=_("作者"), max_length=100, required=False)
    isbn = PlainTextField(label=_("ISBN"), max_length=40, required=False,
                          help_text=_("在书的封底或版权页，10 位或 13 位，可带连字符。"),
                          widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
    reason = PlainTextField(label=_("推荐理由"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3}))
    phone = PlainTextField(label=_("手机号码"), max_length=20, required=False,
                           widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}))
    email = forms.EmailField(label=_("电子邮箱"), max_length=254, required=False,
                             error_messages={"invalid": _("请填写有效的电子邮箱地址。")},
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    consent = forms.BooleanField(error_messages={"required": _("请阅读并同意隐私政策后再提交。")})
    website = forms.CharField(required=False, label=_("请勿填写此项"))  # people never see it; bots fill it in

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
            raise forms.ValidationError(_("ISBN“%(isbn)s”无效：请核对位数和最后一位校验码，或留空。"), params={"isbn": typed})
        return isbn

    def clean_phone(self):
        return clean_mobile(self.cleaned_data["phone"]) if self.cleaned_data["phone"].strip() else ""

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("phone") and not data.get("email"):
            raise forms.ValidationError(_("请留下手机号码或电子邮箱，方便我们告诉您处理结果。"))
        return data

    @property
    def is_bot(self):
        return bool(self.data.get("website"))


class SuggestionStatusForm(forms.Form):
    code = PlainTextField(label=_("查询码"), max_length=20, error_messages={"required": _("请填写查询码。")})

    def clean_code(self):
        return codes.normalise(self.cleaned_data["code"])
