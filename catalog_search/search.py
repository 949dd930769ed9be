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
from wagtail.search.models import IndexEntry
from wagtail.search.query import And, Or, PlainText

from portal.isbn import normalise_isbn

from . import analysis
from .models import CatalogueRecord

CANDIDATES = 500
# What ranking (and the search page's facets and "newest" sort) reads: candidates are fetched with
# these fields only; the records a page shows are fetched whole by ``whole_records``.
FOR_RANKING = ("id", "record_id", "title", "title_key", "search_pinyin", "author_keys", "subject_keys", "isbn",
               "circulation_count", "clc", "year")
squeeze = analysis.squeeze


def search_records(query, records=None):
    """Records matching ``query``, best first (a list of at most CANDIDATES)."""
    tiers = analysis.query_tiers(query)
    if not tiers:
        return []
    records = (CatalogueRecord.objects.all() if records is None else records).only(*FOR_RANKING)
    candidates = find_candidates(tiers, records)
    parts = [squeeze(part) for part in query.split() if squeeze(part)] or [squeeze(query)]
    whole = squeeze(query)
    isbn = normalise_isbn(query)
    ranked = sorted(candidates, key=lambda record: (-score(record, whole, parts, isbn), -record.circulation_count,
                                                    len(record.title), record.record_id))
    return ranked


def find_candidates(tiers, records):
    """Up to CANDIDATES records worth ranking: those satisfying the strictest tier of
    analysis.query_tiers that any record satisfies. (Asking for every record that shares any
    token with the query would make the engine score half the catalogue for a common character.)

    On SQLite and PostgreSQL the index table is asked directly: Wagtail's SQLite backend scores
    every row through a correlated subquery, and its PostgreSQL backend cannot express "any two of
    these words"; one FTS5 MATCH ordered by bm25, or one tsquery ordered by ts_rank, takes
    milliseconds. Other backends (Elasticsearch) get the same conditions as Wagtail query
    objects. (On the database backends the facet filters in ``records`` apply to the best matches
    found, not before choosing them.)"""
    backend = get_search_backend()
    # By name: one database backend's module cannot even be imported on another database.
    ask_index = {"SQLiteSearchBackend": sqlite_candidate_ids,
                 "PostgresSearchBackend": postgres_candidate_ids}.get(type(backend).__name__)
    for clauses in tiers:
        if ask_index:
            ids = ask_index(clauses, CANDIDATES)
            found = records.in_bulk(ids)
            candidates = [found[pk] for pk in ids if pk in found]
        else:
            query = Or([And([PlainText(token) for token in clause]) for clause in clauses])
            candidates = list(backend.search(query, records)[:CANDIDATES])
        if candidates:
            return candidates
    return []


def whole_records(ranked):
    """The records of one page of results, with every field, in one query and in rank order."""
    found = CatalogueRecord.objects.in_bulk([record.pk for record in ranked])
    return [found[record.pk] for record in ranked if record.pk in found]


def sqlite_candidate_ids(clauses, limit):
    # Tokens are ASCII letters and digits (analysis), so quoting them is all FTS5 syntax needs;
    # the expression itself is passed as a parameter.
    expression = "{title body} : (" + " OR ".join(
        "(" + " AND ".join(f'"{token}"' for token in clause) + ")" for clause in clauses) + ")"
    table = IndexEntry._meta.db_table
    return index_ids(
        f"SELECT entry.object_id FROM {table}_fts AS fts JOIN {table} AS entry ON entry.id = fts.rowid "
        f"WHERE {table}_fts MATCH %s AND entry.content_type_id = %s ORDER BY bm25({table}_fts) LIMIT %s",
        [expression, content_type_id(), limit])


def postgres_candidate_ids(clauses, limit):
    # Tokens are ASCII letters and digits, safe inside a tsquery; the query is a parameter.
    expression = " | ".join("(" + " & ".join(clause) + ")" for clause in clauses)
    table = IndexEntry._meta.db_table
    return index_ids(
        f"SELECT object_id FROM {table}, to_tsquery('simple', %s) AS query "
        f"WHERE content_type_id = %s AND body @@ query ORDER BY ts_rank(body, query) DESC LIMIT %s",
        [expression, content_type_id(), limit])


def index_ids(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [int(object_id) for (object_id,) in cursor.fetchall()]


def content_type_id():
    return ContentType.objects.get_for_model(CatalogueRecord).pk


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
