from django import forms
from django.utils.translation import gettext_lazy as _

from portal.models import Branch

# 中国图书馆分类法 (CLC), the 22 top-level classes.
CLC_CLASSES = [
    ("A", _("马克思主义、列宁主义、毛泽东思想、邓小平理论")),
    ("B", _("哲学、宗教")),
    ("C", _("社会科学总论")),
    ("D", _("政治、法律")),
    ("E", _("军事")),
    ("F", _("经济")),
    ("G", _("文化、科学、教育、体育")),
    ("H", _("语言、文字")),
    ("I", _("文学")),
    ("J", _("艺术")),
    ("K", _("历史、地理")),
    ("N", _("自然科学总论")),
    ("O", _("数理科学和化学")),
    ("P", _("天文学、地球科学")),
    ("Q", _("生物科学")),
    ("R", _("医药、卫生")),
    ("S", _("农业科学")),
    ("T", _("工业技术")),
    ("U", _("交通运输")),
    ("V", _("航空、航天")),
    ("X", _("环境科学、安全科学")),
    ("Z", _("综合性图书")),
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
            Branch.objects.filter(locale=locale).order_by("code").values_list("code", "name")
        )
        for field in self.fields.values():
            field.error_messages.update(
                {
                    "invalid_choice": _("没有这个选项：%(value)s。已忽略。"),
                    "invalid": _("请填写年份，例如 2020。"),
                    "min_value": _("年份应在 1000 到 2100 之间。"),
                    "max_value": _("年份应在 1000 到 2100 之间。"),
                }
            )

    def valid_data(self):
        """The filters that are valid; a bad one is dropped (and shown as an error), not fatal."""
        if not self.is_bound:
            return {}
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: value for name, value in data.items() if value not in (None, "", False)}

    def filter(self, records):
        """The records the database can narrow by these filters (class, years, language); the
        branch and on-the-shelf filters need holdings and apply after ranking (search.engine.find)."""
        data = self.valid_data()
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
