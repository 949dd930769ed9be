"""What an activity is about and who it is for: categories (a snippet editors keep), audiences,
the extra questions an editor may ask, and an event's status."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField

AUDIENCES = [
    ("children", _("少儿")),
    ("teens", _("青少年")),
    ("adults", _("成人")),
    ("seniors", _("老年")),
    ("disabled", _("残障人士")),
    ("families", _("亲子家庭")),
]

EXTRA_QUESTIONS = [
    ("library_card", _("读者证号")),
    ("child_age", _("孩子年龄")),
    ("school", _("学校")),
    ("email", _("电子邮箱（接收通知）")),
]


@register_snippet
class EventCategory(TranslatableMixin, models.Model):
    """读书会, 讲座, 展览, 亲子, 经典诵读, 培训, 其他 … editable by the library."""

    name = models.CharField(_("名称"), max_length=30)
    slug = models.SlugField(_("代码"), max_length=30, help_text=_("用于筛选链接，例如 reading-club。"))

    panels = [FieldPanel("name"), FieldPanel("slug")]
    override_translatable_fields = [SynchronizedField("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("活动类别")
        verbose_name_plural = _("活动类别")
        constraints = [models.UniqueConstraint(fields=["slug", "locale"], name="unique_category_slug_per_locale")]

    def __str__(self):
        return self.name


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("如期举行")
    POSTPONED = "postponed", _("延期，日期待定")
    CANCELLED = "cancelled", _("已取消")
