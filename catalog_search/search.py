"""Searching the catalogue the same way on every backend.

The query is analysed like the records were (catalog_search.analysis); the search backend finds
candidate records that share tokens with it; then ``score`` ranks them in Python, identically
whatever the backend: a whole-title match beats a title that starts with the query, which beats a
title that contains it, which beats an author match, then subjects, then summary. A query of
several words ("平凡的世界 路遥") is scored word by word and summed, so title + author finds the book
with both.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from wagtail.search.backends import get_search_backend

from . import analysis
from .models import CatalogueRecord

CANDIDATES = 500
# What ranking does not read: left in the database when candidates are fetched.
NOT_FOR_RANKING = ("search_title", "search_authors", "search_subjects", "search_summary", "summary")
squeeze = analysis.squeeze


def search_records(query, records=None):
    """Records matching ``query``, best first (a list of at most CANDIDATES)."""
    tokens = analysis.query_tokens(query)
    if not tokens:
        return []
    records = (CatalogueRecord.objects.all() if records is None else records).defer(*NOT_FOR_RANKING)
    candidates = find_candidates(tokens, records)
    parts = [squeeze(part) for part in query.split() if squeeze(part)] or [squeeze(query)]
    whole = squeeze(query)
    isbn = analysis.normalise_isbn(query)
    ranked = sorted(candidates, key=lambda record: (-score(record, whole, parts, isbn), -record.circulation_count,
                                                    len(record.title), record.record_id))
    return ranked


def find_candidates(tokens, records):
    """Up to CANDIDATES records sharing tokens with the query. On SQLite the index is asked
    directly: Wagtail's SQLite backend scores every row of the catalogue through a correlated
    subquery (seconds per search at 20,000 records), while one FTS5 MATCH ordered by bm25 takes
    milliseconds. Every other backend goes through Wagtail's search as usual. (On SQLite the facet
    filters in ``records`` apply to the 500 best matches, not before choosing them.)"""
    backend = get_search_backend()
    # By name: the SQLite backend's module cannot even be imported on another database.
    if type(backend).__name__ == "SQLiteSearchBackend":
        ids = sqlite_candidate_ids(tokens)
        found = {record.pk: record for record in records.filter(pk__in=ids)}
        return [found[pk] for pk in ids if pk in found]
    return list(backend.search(" ".join(tokens), records, operator="or")[:CANDIDATES])


def sqlite_candidate_ids(tokens):
    # Tokens are ASCII letters and digits (analysis), so quoting them is all FTS5 syntax needs;
    # the expression itself is passed as a parameter.
    expression = "{title body} : (" + " OR ".join(f'"{token}"' for token in tokens) + ")"
    content_type = ContentType.objects.get_for_model(CatalogueRecord).pk
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT entry.object_id FROM wagtailsearch_indexentry_fts AS fts "
            "JOIN wagtailsearch_indexentry AS entry ON entry.id = fts.rowid "
            "WHERE wagtailsearch_indexentry_fts MATCH %s AND entry.content_type_id = %s "
            "ORDER BY bm25(wagtailsearch_indexentry_fts) LIMIT %s",
            [expression, content_type, CANDIDATES],
        )
        return [int(object_id) for (object_id,) in cursor.fetchall()]


def score(record, whole, parts, isbn):
    if isbn and record.isbn == isbn:
        return 1000
    title = record.title_key
    best = field_score(whole, title, record)
    if len(parts) > 1:
        best = max(best, sum(field_score(part, title, record) for part in parts))
    return best


def field_score(text, title, record):
    if not text:
        return 0
    if text == title:
        return 100
    if text.isascii() and text in record.search_pinyin.split():
        return 90 if text in analysis.pinyin_forms(record.title) else 55
    if title.startswith(text):
        return 70 + 10 * len(text) / max(len(title), 1)
    if text in title:
        return 50 + 10 * len(text) / max(len(title), 1)
    names = record.author_keys.split("|")
    if text in names:
        return 40
    if any(text in name for name in names):
        return 30
    if text in record.subject_keys:
        return 20
    overlap = shared_bigrams(text, title)
    if overlap:
        return 10 + 30 * overlap
    return 0


def shared_bigrams(text, title):
    """Share of the query's character pairs found in the title (a title typed with a wrong character)."""
    pairs = {text[i:i + 2] for i in range(len(text) - 1)}
    if not pairs:
        return 0
    return sum(1 for pair in pairs if pair in title) / len(pairs)
