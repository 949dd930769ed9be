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
# On PostgreSQL, how many matching index rows are scored by ts_rank at most. A three-character
# fragment can match 80,000 of a million records; reading and scoring every one of their vectors
# is what made such a search take 200 ms. Beyond this many, the titles that begin with the query
# (title_prefix_matches) stand in for the rest: they are what ranks first anyway.
SCANNED = 5000
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
    whole = squeeze(query)
    candidates = find_candidates(tiers, records, whole)
    parts = [squeeze(part) for part in query.split() if squeeze(part)] or [squeeze(query)]
    isbn = normalise_isbn(query)
    ranked = sorted(candidates, key=lambda record: (-score(record, whole, parts, isbn), -record.circulation_count,
                                                    len(record.title), record.record_id))
    return ranked


def find_candidates(tiers, records, whole):
    """The records worth ranking: up to CANDIDATES of those satisfying the strictest tier of
    analysis.query_tiers that any record satisfies (asking for every record that shares any token
    with the query would make the engine score half the catalogue for a common character); and,
    when there were more matches than that, the titles that are or begin with the query, which
    the engine's own ranking may have left out.

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
            cut_off = len(ids) == CANDIDATES
        else:
            query = Or([And([PlainText(token) for token in clause]) for clause in clauses])
            candidates = list(backend.search(query, records)[:CANDIDATES])
            cut_off = len(candidates) == CANDIDATES
        if candidates and not cut_off:
            return candidates  # every match: the titles beginning with the query among them
        if candidates:
            titled = title_prefix_matches(whole, records)
            seen = {record.pk for record in titled}
            return titled + [record for record in candidates if record.pk not in seen]
    return []


def title_prefix_matches(whole, records):
    """The records whose title is the squeezed query, then up to CANDIDATES in all whose title
    begins with it, through the title_key index. The prefix matches come in index or table order,
    not shortest first: a fragment can begin 80,000 titles, and sorting them all would cost more
    than the search itself."""
    if not whole:
        return []
    # Unordered: ``records`` may come sorted (the API orders by id), and an ordered LIMIT makes
    # the database walk the primary key filtering titles, 400 ms at 10⁶ records, not the index.
    records = records.order_by()
    exact = list(records.filter(title_key=whole)[:CANDIDATES])
    if connection.vendor == "postgresql":
        # LIKE 'query%' uses the varchar_pattern_ops index; a range would follow the database's
        # collation, in which Chinese text is not ordered by code point.
        longer = records.filter(title_key__startswith=whole)
    else:
        # SQLite compares text by code point: the titles beginning with ``whole`` sort between it
        # and it followed by the highest character. (Its LIKE ignores ASCII case, and no index.)
        longer = records.filter(title_key__gt=whole, title_key__lt=whole + "\U0010ffff")
    return exact + list(longer.exclude(title_key=whole)[:CANDIDATES - len(exact)])


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
    # Tokens are ASCII letters and digits, safe inside a tsquery; the query is a parameter. The
    # inner LIMIT stops the scan after SCANNED matches, in no particular order (see SCANNED).
    expression = " | ".join("(" + " & ".join(clause) + ")" for clause in clauses)
    table = IndexEntry._meta.db_table
    return index_ids(
        f"SELECT object_id FROM (SELECT object_id, body FROM {table}, to_tsquery('simple', %s) AS query "
        f"WHERE content_type_id = %s AND body @@ query LIMIT %s) AS found, to_tsquery('simple', %s) AS query "
        f"ORDER BY ts_rank(body, query) DESC LIMIT %s",
        [expression, content_type_id(), SCANNED, expression, limit])


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
