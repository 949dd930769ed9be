"""Upsert rows in batches keyed on record_id, replace the holdings of the rows that carry them, and
update the search index in bulk. Each batch is one transaction: an interrupted import keeps the
batches already done, and running the same file again changes nothing ("unchanged")."""

from collections import Counter
from dataclasses import dataclass, field
from itertools import islice

from django.db import reset_queries, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale
from wagtail.search.backends import get_search_backends

from portal import page_cache
from portal.models import Branch

from ..models import CatalogueRecord, Holding, LoanCountChange
from ..search import backends
from . import Note, Rejected, Row, Skipped
from .analyser import Analyser

BATCH = 1000


KEPT = 200  # examples of rejections and warnings kept for the summary; the rest are only counted


@dataclass
class Summary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected_count: int = 0
    warning_count: int = 0
    rejected: list = field(default_factory=list)  # the first KEPT (position, reason)
    warnings: list = field(default_factory=list)  # the first KEPT (position, message)
    skipped: Counter = field(default_factory=Counter)  # reason: how many (not catalogue records)
    notes: Counter = field(default_factory=Counter)  # how the readers decided: how many records

    @property
    def processed(self):
        return self.created + self.updated + self.unchanged + self.rejected_count

    @property
    def imported(self):
        return self.created + self.updated + self.unchanged

    @property
    def failed(self):
        """Nothing in the file was imported: it was empty, or every record was rejected."""
        return self.imported == 0

    def reject(self, position, reason):
        self.rejected_count += 1
        if len(self.rejected) < KEPT:
            self.rejected.append((position, reason))

    def warn(self, position, message):
        self.warning_count += 1
        if len(self.warnings) < KEPT:
            self.warnings.append((position, message))


def batches(items, size):
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def load(rows, progress=None, summary=None):
    """Import ``rows``; ``summary`` (filled as batches commit) lets a caller report what was done
    even when the import stops half-way."""
    summary = Summary() if summary is None else summary
    branches = {branch.code: branch for branch in Branch.objects.filter(locale=Locale.get_default())}
    try:
        with Analyser() as analyser:
            # Each batch is written while the workers analyse the one read after it.
            chunk, ahead = None, None
            for following in batches(rows, BATCH):
                if chunk is not None:
                    ahead = load_chunk(chunk, ahead, following, branches, summary, analyser, progress)
                chunk = following
            if chunk is not None:
                load_chunk(chunk, ahead, None, branches, summary, analyser, progress)
    finally:
        # Search results, record pages, reading lists and new arrivals show what was committed,
        # even by an import that stopped half-way.
        page_cache.changed()
    LoanCountChange.forget_before(timezone.localdate())
    if summary.created or summary.updated:
        backends.refresh_planner_statistics()
    return summary


def analysis_inputs(chunk):
    """{record_id: what the analyser reads} for the records of ``chunk`` (the last row of a record
    named twice wins, as in ``dedupe``)."""
    inputs = {}
    for row in chunk:
        if isinstance(row, Row):
            record = CatalogueRecord()
            for name, value in row.fields.items():
                setattr(record, name, value)
            inputs[row.fields["record_id"]] = record.analysis_input()
    return inputs


def load_chunk(chunk, ahead, following, branches, summary, analyser, progress=None):
    """Write ``chunk`` (with what ``ahead`` analysed of it); returns the analysis of
    ``following`` (the next chunk) if it was started ahead."""
    good = []
    for row in chunk:
        if isinstance(row, Rejected):
            summary.reject(row.position, row.reason)
        elif isinstance(row, Skipped):
            summary.skipped[row.reason] += 1
        elif isinstance(row, Note):
            summary.notes[row.message] += 1
        else:
            for warning in row.warnings:
                summary.warn(row.position, warning)
            good.append(row)
    ahead = load_batch(
        dedupe(good, summary), branches, summary, analyser, ahead, following and (lambda: analysis_inputs(following))
    )
    # With DEBUG on (make run), Django keeps the last 9,000 queries with their parameters: whole
    # batches of index text, hundreds of MB. Memory must stay flat whatever the file.
    reset_queries()
    if progress:
        progress(summary)
    return ahead


def dedupe(rows, summary):
    """The last row wins when one batch names a record twice (the earlier one is reported)."""
    latest = {}
    for row in rows:
        if row.fields["record_id"] in latest:
            earlier = latest[row.fields["record_id"]]
            summary.warn(
                earlier.position,
                _("记录号 %(record_id)s 在%(position)s再次出现，以后者为准")
                % {"record_id": row.fields["record_id"], "position": row.position},
            )
        latest[row.fields["record_id"]] = row
    return list(latest.values())


def load_batch(rows, branches, summary, analyser, ahead=None, following=None):
    """Write ``rows``; ``following()``: the next batch's analysis inputs, analysed ahead (the
    analysis returned) while this batch is written, when that pays."""
    if not rows:
        return analyser.start(following()) if following else None
    with transaction.atomic():
        existing = {
            record.record_id: record
            for record in CatalogueRecord.objects.filter(record_id__in=[row.fields["record_id"] for row in rows])
        }
        current_holdings = holdings_by_record(existing.values())
        now = timezone.now()
        created, changed, loans_only, unchanged, holdings_of = [], [], [], [], {}
        loan_changes = []
        for row in rows:
            known_branches_only(row, branches, summary)
            record = existing.get(row.fields["record_id"]) or CatalogueRecord()
            loans_before = record.circulation_count
            for name, value in row.fields.items():
                setattr(record, name, value)
            if row.holdings is not None:
                record.copies = len(row.holdings)
            if record.pk and record.circulation_count != loans_before:
                loan_changes.append((record, loans_before))
            same_holdings = row.holdings is None or sorted(row.holdings) == current_holdings.get(record.pk, [])
            if record.pk and record.compute_hash() == record.content_hash and same_holdings:
                # Only the loan count (借阅次数, for rankings) changed: no re-indexing needed.
                (loans_only if record.circulation_count != loans_before else unchanged).append(record)
                continue
            record.updated_at = now
            (changed if record.pk else created).append(record)
            if row.holdings is not None:
                holdings_of[record.record_id] = (row, record)
        analyser.prepare(created + changed, ahead, batch_size=len(rows))
        ahead = analyser.start(following()) if following and analyser.ahead_pays else None
        CatalogueRecord.objects.bulk_create(created)
        upsert(
            changed,
            [f.name for f in CatalogueRecord._meta.concrete_fields if f.name not in ("id", "record_id", "created_at")],
        )
        upsert(loans_only, ["circulation_count"])
        LoanCountChange.record_all(loan_changes, timezone.localdate(now))
        summary.created += len(created)
        summary.updated += len(changed) + len(loans_only)
        summary.unchanged += len(unchanged)
        replace_holdings(holdings_of, branches, summary)
        for backend in get_search_backends():
            if backends.writes_directly(backend):
                backends.add_records(backend, created + changed)
            else:
                backend.add_bulk(CatalogueRecord, created + changed)
    return ahead


def upsert(records, fields):
    """Write ``fields`` of existing records in one INSERT … ON CONFLICT (record_id) DO UPDATE:
    Django's bulk_update builds a CASE per field per row, about 3 ms a record (a monthly
    re-import of a changed catalogue would take hours)."""
    if not records:
        return
    pks = [record.pk for record in records]
    for record in records:  # inserted without ids, so that record_id is the only conflict
        record.pk = None
    try:
        CatalogueRecord.objects.bulk_create(
            records, update_conflicts=True, unique_fields=["record_id"], update_fields=fields
        )
    finally:
        for record, pk in zip(records, pks):
            record.pk = pk


def holdings_by_record(records):
    """{record pk: sorted [(branch code, call number, status)]} in one query."""
    found = {}
    rows = Holding.objects.filter(record__in=[record.pk for record in records]).values_list(
        "record_id", "branch__code", "call_number", "status"
    )
    for record_id, code, call_number, status in rows:
        found.setdefault(record_id, []).append((code, call_number, status))
    return {record_id: sorted(items) for record_id, items in found.items()}


def known_branches_only(row, branches, summary):
    if row.holdings is None:
        return
    for code, _call_number, _status in row.holdings:
        if code not in branches:
            summary.warn(row.position, _("馆藏地代码 %(code)s 不存在，这一册未导入") % {"code": code})
    row.holdings = [(code, call_number[:100], status) for code, call_number, status in row.holdings if code in branches]


def replace_holdings(holdings_of, branches, summary):
    records = [record for _row, record in holdings_of.values()]
    Holding.objects.filter(record__in=[record.pk for record in records]).delete()
    Holding.objects.bulk_create(
        [
            Holding(record=record, branch=branches[code], call_number=call_number, status=status)
            for row, record in holdings_of.values()
            for code, call_number, status in row.holdings
        ]
    )
