"""Where copies of a book are, for result lines and reading lists: per branch, in the reader's
language, copies on the shelf out of all copies."""

from portal.i18n import localized_all

from .models.records import Holding, HoldingStatus


def holdings_of(records):
    """{record pk: [Holding with branch]} of ``records``, in one query."""
    found = {}
    for holding in Holding.objects.filter(record__in=[record.pk for record in records]).select_related(
        "branch__locale"
    ):
        found.setdefault(holding.record_id, []).append(holding)
    return found


def summarise(holdings, branches):
    """[(branch in the reader's language, copies on the shelf, copies)] for one record;
    ``branches`` maps branch pk to its translation (portal.i18n.localized_all)."""
    by_branch = {}
    for holding in holdings:
        shelf, total = by_branch.get(holding.branch_id, (0, 0))
        by_branch[holding.branch_id] = (shelf + (holding.status == HoldingStatus.ON_SHELF), total + 1)
    return [(branches[pk], shelf, total) for pk, (shelf, total) in by_branch.items()]


def attach_copies(records, holdings_of):
    """Set ``record.copies`` on each record; ``holdings_of(record)`` gives its holdings with
    branches loaded. One query translates every branch named."""
    holdings = {record.pk: list(holdings_of(record)) for record in records}
    branches = localized_all([h.branch for found in holdings.values() for h in found])
    for record in records:
        record.copies = summarise(holdings[record.pk], branches)
