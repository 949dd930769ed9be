"""新书推荐 and 借阅排行榜, computed from the catalogue, never typed by hand.

New arrivals are the records that entered the catalogue in the last N days (``created_at`` is set
when the importer first sees a record). The borrowing ranking orders records either by
``circulation_count``, the loan count the library system exports with each record (a running
total, or whatever period the library exports), or by the loans of the last N days: the sum of the
changes imports made to that count inside the period (``LoanCountChange``), so it is as fresh as the
last import and needs imports at least as often as the period is long. Either can be narrowed to
one CLC class and to one audience (the record's 读者对象, from the library system's export).
"""

from datetime import timedelta

from django.db.models import F, Sum
from django.utils import timezone

from .models import CatalogueRecord, LoanCountChange


def narrowed(records, clc, audience, prefix=""):
    """``records`` (or loan changes, with ``prefix="record__"``) of one CLC class and audience."""
    if clc:
        records = records.filter(**{f"{prefix}clc__startswith": clc})
    if audience:
        records = records.filter(**{f"{prefix}audience": audience})
    return records


def new_arrivals(days, count, clc="", audience="", now=None):
    since = (now or timezone.now()) - timedelta(days=days)
    records = narrowed(CatalogueRecord.objects.filter(created_at__gte=since), clc, audience)
    return list(records.order_by("-created_at", "-pk")[:count])


def borrowing_ranking(count, clc="", days=None, audience="", today=None):
    """The most borrowed records, most first, each with ``loans``: in the last ``days`` days, or
    in all (the exported count) when ``days`` is None. Ties by title so the order is stable."""
    if not days:
        records = narrowed(CatalogueRecord.objects.filter(circulation_count__gt=0), clc, audience)
        ranked = list(records.order_by("-circulation_count", "title", "pk")[:count])
        for record in ranked:
            record.loans = record.circulation_count
        return ranked
    since = (today or timezone.localdate()) - timedelta(days=days)
    changes = narrowed(LoanCountChange.objects.filter(counted_on__gt=since), clc, audience, prefix="record__")
    top = list(
        changes.values("record")
        .annotate(loans=Sum(F("after") - F("before")))
        .filter(loans__gt=0)
        .order_by("-loans", "record__title", "record")[:count]
    )
    records = CatalogueRecord.objects.in_bulk([row["record"] for row in top])
    for row in top:
        records[row["record"]].loans = row["loans"]
    return [records[row["record"]] for row in top]
