"""新书推荐 and 借阅排行榜, computed from the catalogue, never typed by hand.

New arrivals are the records that entered the catalogue in the last N days (``created_at`` is set
when the importer first sees a record). The borrowing ranking orders records by
``circulation_count``: the loan count the library system exports with each record (for whatever
period the library exports: the last month, the last year); the block names that period.
"""

from datetime import timedelta

from django.utils import timezone

from .models import CatalogueRecord


def new_arrivals(days, count, clc="", now=None):
    since = (now or timezone.now()) - timedelta(days=days)
    records = CatalogueRecord.objects.filter(created_at__gte=since)
    if clc:
        records = records.filter(clc__startswith=clc)
    return list(records.order_by("-created_at", "-pk")[:count])


def borrowing_ranking(count, clc=""):
    """The most borrowed records, most first; ties by title so the order is stable."""
    records = CatalogueRecord.objects.filter(circulation_count__gt=0)
    if clc:
        records = records.filter(clc__startswith=clc)
    return list(records.order_by("-circulation_count", "title", "pk")[:count])
