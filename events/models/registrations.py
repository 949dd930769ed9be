from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.phones import mask_phone

from .events import EventPage


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("已确认")
    WAITLISTED = "waitlisted", _("候补")
    CANCELLED = "cancelled", _("已取消")


class Registration(models.Model):
    """One reader's registration for an event. Name, phone and answers are personal data (PIPL):
    collected with consent, shown masked outside the staff export, purged after the event."""

    event = models.ForeignKey(EventPage, on_delete=models.PROTECT, related_name="registrations", verbose_name=_("活动"))
    code = models.CharField(_("报名码"), max_length=12, unique=True)
    name = models.CharField(_("姓名"), max_length=50)
    phone = models.CharField(_("手机号码"), max_length=11, db_index=True)
    seats = models.PositiveSmallIntegerField(_("人数"))
    answers = models.JSONField(_("附加信息"), default=dict, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=RegistrationStatus.choices)
    language = models.CharField(
        _("语言"), max_length=10, default="zh-hans", help_text=_("报名时使用的语言，通知用同一种语言发送。")
    )
    consented_at = models.DateTimeField(_("同意隐私政策时间"))
    created_at = models.DateTimeField(_("报名时间"), default=timezone.now, db_index=True)
    cancelled_at = models.DateTimeField(_("取消时间"), null=True, blank=True)
    purged_at = models.DateTimeField(_("个人信息删除时间"), null=True, blank=True)
    attended_at = models.DateTimeField(_("签到时间"), null=True, blank=True)
    # Set when the notice has been handed to the notification backends: each is sent at most once.
    reminded_at = models.DateTimeField(_("提醒发送时间"), null=True, blank=True)
    event_cancelled_notice_at = models.DateTimeField(_("活动取消通知时间"), null=True, blank=True)
    event_postponed_notice_at = models.DateTimeField(_("活动延期通知时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("报名")
        verbose_name_plural = _("报名")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["event", "status", "created_at"])]
        permissions = [
            ("export_registration", _("可以导出报名名单（含完整手机号码）")),
            ("view_all_branches", _("可以查看所有网点的活动报名")),
        ]

    def __str__(self):
        return f"{self.code} {self.masked_phone}"

    @property
    def is_active(self):
        return self.status in (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)

    @property
    def masked_phone(self):
        return mask_phone(self.phone)
