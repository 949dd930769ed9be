"""The demo catalogue: demo_data/catalogue.csv (real books and synthetic fill, see demo_data/build.py),
imported like any library's export. Re-running changes nothing (records are unchanged)."""

from datetime import timedelta
from pathlib import Path

from django.utils import timezone

from .importers import csv_reader, loader
from .models import CatalogueRecord, LoanCountChange

CATALOGUE = Path(__file__).parent / "demo_data" / "catalogue.csv"


def load(stdout):
    summary = loader.load(csv_reader.read(CATALOGUE))
    stdout.write(f"馆藏书目：新增 {summary.created}，更新 {summary.updated}，未变 {summary.unchanged}")
    for position, reason in summary.rejected[:5]:
        stdout.write(f"  拒绝：{position}：{reason}")
    record_recent_loans()


def record_recent_loans(books=40, days_ago=12):
    """As if an import twelve days ago had moved the loan counts of the most borrowed books, so that
    the demo's "last 30 days" ranking has something to rank (an order unlike the running totals)."""
    if LoanCountChange.objects.exists():
        return
    counted_on = timezone.localdate() - timedelta(days=days_ago)
    top = CatalogueRecord.objects.filter(circulation_count__gt=0).order_by("-circulation_count", "pk")[:books]
    LoanCountChange.objects.bulk_create(
        [
            LoanCountChange(
                record=record,
                counted_on=counted_on,
                after=record.circulation_count,
                before=max(record.circulation_count - (1 + record.pk * 7 % 23), 0),
            )
            for record in top
        ]
    )
