"""荐购 (你选书，我买单): readers suggest books for the library to buy.

A ``PurchaseSuggestion`` is one book; each reader's submission is a ``SuggestionRequest`` with its
own reference code, attached to the book's suggestion. A second reader suggesting the same book
(same ISBN, or the same title and author) joins the open suggestion instead of repeating it, and
staff can merge two suggestions that turn out to be one book. Readers check the status with their
code; what they see carries no one's contact details.
"""

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal import codes
from portal.phones import mask_phone

from ..search import analysis

CODE_LENGTH = 10  # portal.codes; codes made before it dropped L still work


class SuggestionStatus(models.TextChoices):
    PENDING = "pending", _("待处理")
    ORDERED = "ordered", _("已采购")
    REJECTED = "rejected", _("不予采购")
    MERGED = "merged", _("已合并")


OPEN_STATUSES = (SuggestionStatus.PENDING, SuggestionStatus.ORDERED)


class PurchaseSuggestion(models.Model):
    title = models.CharField(_("题名"), max_length=200)
    author = models.CharField(_("作者"), max_length=100, blank=True)
    isbn = models.CharField(_("ISBN"), max_length=13, blank=True, db_index=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=SuggestionStatus.choices, default=SuggestionStatus.PENDING, db_index=True
    )
    reply = models.TextField(
        _("给读者的答复"),
        blank=True,
        help_text=_("读者凭查询码可以看到。不予采购时请写明原因，例如：已有电子版、内容不适合馆藏。"),
    )
    staff_note = models.TextField(_("内部备注"), blank=True)
    merged_into = models.ForeignKey(
        "self", verbose_name=_("合并到"), null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_from"
    )
    request_count = models.PositiveIntegerField(_("荐购人次"), default=0)
    # For recognising the same book typed twice: squeezed title and author (analysis.squeeze).
    title_key = models.CharField(max_length=200, db_index=True, editable=False)
    author_key = models.CharField(max_length=100, editable=False, blank=True)
    created_at = models.DateTimeField(_("提交时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    # When staff took a decision (left 待处理): readers' contacts are purged some days later.
    handled_at = models.DateTimeField(_("处理时间"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("荐购")
        verbose_name_plural = _("荐购")
        ordering = ["-created_at"]

    def __str__(self):
        return f"《{self.title}》"

    def save(self, *args, **kwargs):
        self.title_key = analysis.squeeze(self.title)[:200]
        self.author_key = analysis.squeeze(self.author)[:100]
        if self.status == SuggestionStatus.PENDING:
            self.handled_at = None
        elif self.handled_at is None:
            self.handled_at = timezone.now()
        super().save(*args, **kwargs)

    @classmethod
    def open_duplicate_of(cls, title, author, isbn):
        """The open suggestion of the same book: same ISBN, or the same title (and the same author
        when both name one)."""
        open_ones = cls.objects.filter(status__in=OPEN_STATUSES)
        if isbn:
            found = open_ones.filter(isbn=isbn).order_by("pk").first()
            if found:
                return found
        candidates = open_ones.filter(title_key=analysis.squeeze(title)[:200]).order_by("pk")
        author_key = analysis.squeeze(author)[:100]
        for candidate in candidates:
            if not author_key or not candidate.author_key or candidate.author_key == author_key:
                if not (isbn and candidate.isbn and candidate.isbn != isbn):
                    return candidate
        return None

    def merge_into(self, target):
        """Move every request of this suggestion to ``target`` (staff found the same book twice)."""
        if target.pk == self.pk:
            raise ValueError("a suggestion cannot be merged into itself")
        with transaction.atomic():
            self.requests.update(suggestion=target)
            target.request_count = target.requests.count()
            if not target.isbn and self.isbn:
                target.isbn = self.isbn
            target.save()
            self.merged_into = target
            self.status = SuggestionStatus.MERGED
            self.request_count = 0
            self.save()

    def status_for_readers(self):
        """The suggestion a reader's code leads to: the one this was merged into, if any."""
        suggestion, seen = self, set()
        while suggestion.merged_into_id and suggestion.pk not in seen:
            seen.add(suggestion.pk)
            suggestion = suggestion.merged_into
        return suggestion


class SuggestionRequest(models.Model):
    """One reader's submission: personal data (PIPL) — contact details only for the library to
    reply, shown masked to staff."""

    suggestion = models.ForeignKey(
        PurchaseSuggestion, on_delete=models.CASCADE, related_name="requests", verbose_name=_("荐购")
    )
    code = models.CharField(_("查询码"), max_length=CODE_LENGTH, unique=True)
    reason = models.TextField(_("推荐理由"), blank=True, max_length=500)
    phone = models.CharField(_("手机号码"), max_length=11, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    language = models.CharField(_("语言"), max_length=10, default="zh-hans")
    created_at = models.DateTimeField(_("提交时间"), auto_now_add=True)
    purged_at = models.DateTimeField(_("个人信息删除时间"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("荐购申请")
        verbose_name_plural = _("荐购申请")
        ordering = ["created_at"]

    def __str__(self):
        return self.code

    @property
    def masked_contact(self):
        if self.phone:
            return mask_phone(self.phone)
        if self.email:
            name, _at, domain = self.email.partition("@")
            return f"{name[:1]}***@{domain}"
        return ""


def suggest(title, author="", isbn="", reason="", phone="", email="", language="zh-hans"):
    """Store a reader's suggestion, joining the open suggestion of the same book if there is one.
    Returns the new SuggestionRequest (its ``code`` is the reader's reference)."""
    with transaction.atomic():
        suggestion = PurchaseSuggestion.open_duplicate_of(title, author, isbn)
        if suggestion is None:
            suggestion = PurchaseSuggestion.objects.create(title=title, author=author, isbn=isbn)
        else:
            suggestion = PurchaseSuggestion.objects.select_for_update().get(pk=suggestion.pk)
            if isbn and not suggestion.isbn:
                suggestion.isbn = isbn
            if author and not suggestion.author:
                suggestion.author = author
        request = create_request(suggestion=suggestion, reason=reason, phone=phone, email=email, language=language)
        suggestion.request_count = suggestion.requests.count()
        suggestion.save()
    return request


def create_request(**fields):
    return codes.create_with_unique_code(SuggestionRequest.objects, CODE_LENGTH, **fields)
