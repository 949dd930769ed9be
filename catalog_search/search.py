"""Searching the catalogue the same way on every backend.

The query is analysed like the records were (catalog_search.analysis); the search backend finds
candidate records that share tokens with it; then ``score`` ranks them in Python, identically
whatever the backend: a whole-title match beats a title that starts with the query, which beats a
title that contains it, which beats an author match, then subjects, then summary. A query of
several words ("平凡的世界 路遥") is scored word by word and summed, so title + author finds the book
with both.
"""

import re

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models.expressions import RawSQL
from django.db.models.functions import Length
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry
from wagtail.search.query import And, Or, PlainText

from portal.isbn import normalise_isbn

from . import analysis
from .models import CatalogueRecord

CANDIDATES = 500
# How many matching index rows are read at most. A three-character fragment can match 80,000 of a
# million records; reading them all (and joining each to its record) is what made such a search
# take 200–500 ms on PostgreSQL. Up to this many, every match is read and the most borrowed kept
# (POPULAR_FIRST), the same on every backend; beyond it, the titles that begin with the query
# (title_prefix_matches) and whole-pinyin tokens stand in for the rest: they are what ranks first.
SCANNED = 5000
# What ranking (and the search page's facets and "newest" sort) reads: candidates are fetched with
# these fields only; the records a page shows are fetched whole by ``whole_records``.
FOR_RANKING = ("id", "record_id", "title", "title_key", "title_pinyin", "title_initials", "search_pinyin",
               "author_keys", "subject_keys", "isbn", "publisher", "circulation_count", "copies", "clc", "year")

# Words readers add after an author's name or a title that no record's title carries: 余华的书,
# 鲁迅作品, 金庸全集. A query ending with one is also tried without it, and the better answer wins
# (鲁迅全集 is a real title, so the whole query is never simply dropped).
FILLER = re.compile(r"(?:的书|写的书|的作品|作品集|作品|全集|文集|选集|的小说|小说集|的诗|诗集|的)$")
squeeze = analysis.squeeze


class Candidate:
    """A record as ranking reads it: the FOR_RANKING fields as plain attributes. A search reads up
    to 1,500 candidates, and building them as model instances took longer than the database took
    to find them (500 records: 26 ms as instances, 9 ms as rows, on PostgreSQL). Equal to, and
    hashed like, the record with the same primary key, model instance or not."""

    __slots__ = FOR_RANKING

    def __init__(self, values):
        for name, value in zip(FOR_RANKING, values):
            setattr(self, name, value)

    @property
    def pk(self):
        return self.id

    def __eq__(self, other):
        return getattr(other, "pk", None) == self.id if hasattr(other, "pk") else NotImplemented

    def __hash__(self):
        return hash(self.id)

    def __repr__(self):
        return f"<Candidate {self.record_id} {self.title}>"


def candidates_by(records, field, values):
    """{value of ``field``: Candidate} of ``records`` whose ``field`` is one of ``values``."""
    if connection.vendor == "postgresql":
        # One array parameter: a list of 500 placeholders costs psycopg about 6 ms to parse.
        cast = "integer" if field == "id" else "text"
        values = RawSQL(f"SELECT unnest(%s::{cast}[])", [list(values)])
    position = FOR_RANKING.index(field)
    return {row[position]: Candidate(row) for row in records.filter(**{f"{field}__in": values})
            .values_list(*FOR_RANKING)}


def search_records(query, records=None):
    """Records matching ``query``, best first (a list of at most CANDIDATES + the title matches)."""
    scored = ranked_records(query, records)
    core = FILLER.sub("", query.strip()).strip()
    if core != query.strip() and len(squeeze(core)) >= 2 and (not scored or scored[0][0] < TITLE_CONTAINS):
        # "余华的书": no title holds the whole query; the author alone is what was meant.
        without = ranked_records(core, records)
        if without and (not scored or without[0][0] > scored[0][0]):
            scored = without
    return [record for _score, record in scored]


def ranked_records(query, records=None):
    """[(score, record)] best first. Ties are broken the same way on every backend (see
    ``tie_break``)."""
    tiers = analysis.query_tiers(query)
    if not tiers:
        return []
    records = (CatalogueRecord.objects.all() if records is None else records).only(*FOR_RANKING)
    whole = squeeze(query)
    candidates, strict, looked_up = find_candidates(tiers, records, whole)
    words = [squeeze(part) for part in query.split() if squeeze(part)] or [whole]
    readings = [words]
    if analysis.joined_letters(query) and len(words) > 2:
        # Pinyin with spaces: a title's syllables and an author's, cut anywhere.
        readings += analysis.two_runs(words)
    isbn = normalise_isbn(query)
    sounds = set(analysis.sounds_like(query))
    scored = [(score(record, whole, readings, isbn, sounds), record) for record in candidates]
    if not strict:
        # Found only by a looser condition: a record that shares a word or two with the query
        # but neither sounds like it nor nearly spells it is noise, not an answer (四大名著).
        scored = [(points, record) for points, record in scored if points > 0]
    scored.sort(key=lambda pair: tie_break(pair, looked_up))
    return scored


def tie_break(pair, looked_up=frozenset()):
    """Equal scores: more loans, then more copies on the library's shelves, then the newer
    edition, then the record id. Copies are the library's own judgement of demand: they decide
    between books with equal loans, and in particular in a catalogue exported without loan counts,
    which would otherwise rank its classics by record id. Deterministic, so every backend agrees.

    When more records matched than are ranked, those found by the title lookups (``looked_up``,
    the same on every backend) come before the engine's sample of equal score, which is not: so
    the top of the list is the same on SQLite, PostgreSQL and Elasticsearch."""
    points, record = pair
    return (-points, record.pk not in looked_up, -record.circulation_count, -record.copies, -(record.year or 0),
            record.record_id)


def find_candidates(tiers, records, whole):
    """(records worth ranking, whether they satisfy the first tier, the primary keys of those the
    title lookups found): up to CANDIDATES of those satisfying the strictest tier of
    analysis.query_tiers that any record satisfies (asking for every record that shares any token
    with the query would make the engine score half the catalogue for a common character); and,
    when there were more matches than that, the titles that are or begin with the query, which
    the engine's own ranking may have left out.

    On SQLite and PostgreSQL the index table is asked directly: Wagtail's SQLite backend scores
    every row through a correlated subquery, and its PostgreSQL backend cannot express "any two of
    these words"; one FTS5 MATCH, or one tsquery over the GIN index, takes milliseconds, and keeps
    the most borrowed matches (POPULAR_FIRST), the same on both. Other backends (Elasticsearch) get the same conditions as Wagtail query
    objects. (On the database backends the facet filters in ``records`` apply to the best matches
    found, not before choosing them.)"""
    backend = get_search_backend()
    # By name: one database backend's module cannot even be imported on another database.
    ask_index = {"SQLiteSearchBackend": sqlite_candidate_ids,
                 "PostgresSearchBackend": postgres_candidate_ids}.get(type(backend).__name__)

    def ask(clauses):
        if ask_index:
            ids = ask_index(clauses, CANDIDATES)
            found = candidates_by(records, "id", ids)
            return [found[pk] for pk in ids if pk in found], len(ids) == CANDIDATES
        query = Or([And([PlainText(token) for token in clause]) for clause in clauses])
        candidates = list(backend.search(query, records)[:CANDIDATES])
        return candidates, len(candidates) == CANDIDATES

    for number, clauses in enumerate(tiers):
        candidates, cut_off = ask(clauses)
        if candidates and not cut_off:
            # Every match: the titles beginning with the query among them.
            return candidates, number == 0, frozenset()
        if candidates:
            titled = title_prefix_matches(whole, records)
            # Pinyin shared by thousands of titles' beginnings (biancheng: 编程… and 边城) or
            # names: the titles and authors whose whole pinyin it is (or, for a Chinese query
            # typed with a homophone, 边诚, whose whole pinyin the query's is), by their own token.
            if whole.isascii():
                whole_forms = [[analysis.whole_pinyin_token(whole)], [analysis.whole_name_pinyin_token(whole)]]
            else:
                whole_forms = [[analysis.whole_pinyin_token(form)] for form in analysis.sounds_like(whole)]
            if whole_forms:
                titled += ask(whole_forms)[0]
            # Model instances compare by primary key: each record once, the title matches first.
            return list(dict.fromkeys(titled + candidates)), number == 0, frozenset(r.pk for r in titled)
    return [], True, frozenset()


def title_prefix_matches(whole, records):
    """The records whose title is the squeezed query, then up to CANDIDATES in all whose title
    begins with it, through the title_key index; for letters, also the titles whose pinyin or
    initials are or begin with them (title_pinyin, title_initials). The longer titles come in the
    order ``score`` and ``tie_break`` rank them as far as the table knows (shorter titles score
    higher; then loans, copies, year, record id), so that every backend picks the same ones however
    many titles begin with the query."""
    if not whole:
        return []
    # Never ordered by id: ``records`` may come sorted (the API orders by id), and an ordered
    # LIMIT makes the database walk the primary key filtering titles (400 ms at 10⁶ records).
    records = records.order_by()
    fields = ("title_key", "title_pinyin", "title_initials") if whole.isascii() else ("title_key",)
    found = []
    for field in fields:
        found += [Candidate(row) for row in records.filter(**{field: whole}).values_list(*FOR_RANKING)[:CANDIDATES]]
    # Record ids first, from the index alone (see the model's indexes), then the records in one query.
    # Each field's share of CANDIDATES: ranking costs time per record, and the top of the list
    # needs only the first few of each.
    ids = [record_id for field in fields for record_id in beginning_with(records, field, whole).values_list(
        "record_id", flat=True)[:CANDIDATES // len(fields)]]
    longer = candidates_by(records, "record_id", ids)
    return list(dict.fromkeys(found + [longer[record_id] for record_id in ids if record_id in longer]))


def beginning_with(records, field, whole):
    """Records whose ``field`` begins with ``whole`` and is longer, best ranked first."""
    if connection.vendor == "postgresql":
        # LIKE 'query%' uses the varchar_pattern_ops index; a range would follow the database's
        # collation, in which Chinese text is not ordered by code point.
        longer = records.filter(**{f"{field}__startswith": whole})
    else:
        # SQLite compares text by code point: the values beginning with ``whole`` sort between it
        # and it followed by the highest character. (Its LIKE ignores ASCII case, and no index.)
        longer = records.filter(**{f"{field}__gt": whole, f"{field}__lt": whole + "\U0010ffff"})
    # In the order they rank: a title beginning with the query scores more the shorter it is; the
    # beginning of a title's pinyin scores the same whatever follows (see field_score).
    order = ("-circulation_count", "-copies", "-year", "record_id")
    if field == "title_key":
        order = (Length(field), *order)
    return longer.exclude(**{field: whole}).order_by(*order)


def whole_records(ranked):
    """The records of one page of results, with every field, in one query and in rank order."""
    found = CatalogueRecord.objects.in_bulk([record.pk for record in ranked])
    return [found[record.pk] for record in ranked if record.pk in found]


# More matches than CANDIDATES: the ones kept are the most borrowed (then most copies, newest, by
# record id), the order ``tie_break`` ranks equal scores in, read from the records themselves. Not
# the engine's own relevance (bm25 on SQLite and ts_rank on PostgreSQL differ; ts_rank also costs
# reading every vector): so every backend keeps the same records, as long as at most SCANNED
# match, and a reader typing "ly" finds 路遥's most read books among the thousands of names
# beginning l-y.
POPULAR_FIRST = "r.circulation_count DESC, r.copies DESC, COALESCE(r.year, 0) DESC, r.record_id"


def sqlite_candidate_ids(clauses, limit):
    # Tokens are ASCII letters and digits (analysis), so quoting them is all FTS5 syntax needs;
    # the expression itself is passed as a parameter.
    expression = "{title body} : (" + " OR ".join(
        "(" + " AND ".join(f'"{token}"' for token in clause) + ")" for clause in clauses) + ")"
    table = IndexEntry._meta.db_table
    # CROSS JOIN and a materialised CTE keep SQLite's planner driving from the full-text match
    # (otherwise it may probe the FTS table once per index row: seconds instead of milliseconds).
    return index_ids(
        f"WITH found AS MATERIALIZED (SELECT entry.object_id FROM {table}_fts AS fts "
        f"CROSS JOIN {table} AS entry ON entry.id = fts.rowid "
        f"WHERE {table}_fts MATCH %s AND entry.content_type_id = %s LIMIT %s) "
        f"SELECT found.object_id FROM found JOIN {CatalogueRecord._meta.db_table} AS r "
        f"ON r.id = CAST(found.object_id AS INTEGER) ORDER BY {POPULAR_FIRST} LIMIT %s",
        [expression, content_type_id(), SCANNED, limit])


def postgres_candidate_ids(clauses, limit):
    # Tokens are ASCII letters and digits, safe inside a tsquery; the query is a parameter. The
    # inner LIMIT stops the scan after SCANNED matches (see SCANNED); the vectors themselves are
    # never read, only the ids the GIN index points to.
    expression = " | ".join("(" + " & ".join(clause) + ")" for clause in clauses)
    table = IndexEntry._meta.db_table
    return index_ids(
        f"SELECT found.object_id FROM (SELECT object_id FROM {table} WHERE content_type_id = %s "
        f"AND body @@ to_tsquery('simple', %s) LIMIT %s) AS found "
        f"JOIN {CatalogueRecord._meta.db_table} AS r ON r.id = found.object_id::integer "
        f"ORDER BY {POPULAR_FIRST} LIMIT %s",
        [content_type_id(), expression, SCANNED, limit])


def index_ids(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [int(object_id) for (object_id,) in cursor.fetchall()]


def content_type_id():
    return ContentType.objects.get_for_model(CatalogueRecord).pk


# What each kind of match is worth; a query of several words adds up its words' scores.
TITLE_MATCH = 100
TITLE_PINYIN = 90  # the whole title's pinyin or initials, in any reading
TITLE_START = 70  # + up to 10 for the share of the title typed
TITLE_SOUNDS_LIKE = 62  # typed with homophones: 白路原 for 白鹿原
TITLE_NEAR_MISS = 58  # one character wrong, missing or extra: 草防子, 围成
TITLE_CONTAINS = 50  # + up to 10
AUTHOR_PINYIN = 55
AUTHOR = 40
AUTHOR_PART = 30
SUBJECT = 20
PUBLISHER = 15
SHARED_PAIRS = 10  # + up to 30 for the share of the query's character pairs in the title


def score(record, whole, readings, isbn, sounds=frozenset()):
    """The query as a whole, or the best of its ``readings`` (ways of cutting it into words)
    word by word, summed."""
    if isbn and record.isbn == isbn:
        return 1000
    title = record.title_key
    best = field_score(whole, title, record, sounds)
    for parts in readings:
        if len(parts) > 1:
            best = max(best, sum(field_score(part, title, record) for part in parts))
    return best


def field_score(text, title, record, sounds=frozenset()):
    if not text:
        return 0
    if text == title:
        return TITLE_MATCH
    if text.isascii() and text in record.search_pinyin.split():
        return TITLE_PINYIN if text in analysis.all_pinyin_forms(record.title) else AUTHOR_PINYIN
    if text.isascii() and text.isalpha() and (record.title_pinyin.startswith(text)
                                              or record.title_initials.startswith(text)):
        return AUTHOR_PINYIN  # one letter: the beginning of a title's pinyin, like two letters are
    if title.startswith(text):
        return TITLE_START + 10 * len(text) / max(len(title), 1)
    if sounds and len(text) == len(title) and sounds_like_title(sounds, record):
        return TITLE_SOUNDS_LIKE
    if near_miss(text, title):
        return TITLE_NEAR_MISS
    if text in title:
        return TITLE_CONTAINS + 10 * len(text) / max(len(title), 1)
    names = record.author_keys.split("|")
    if text in names:
        return AUTHOR
    if any(text in name for name in names):
        return AUTHOR_PART
    if text in record.subject_keys:
        return SUBJECT
    if text in squeeze(record.publisher):
        return PUBLISHER
    overlap = shared_bigrams(text, title)
    if overlap:
        return SHARED_PAIRS + 30 * overlap
    return 0


def sounds_like_title(sounds, record):
    # Only titles as long as the query (a homophone has as many characters), and the stored
    # pinyin tokens first: computing the readings of each of 500 candidates' titles was most of a
    # Chinese query's time.
    return not sounds.isdisjoint(record.search_pinyin.split()) and not sounds.isdisjoint(
        analysis.all_pinyin_forms(record.title))


def near_miss(text, title):
    """One character wrong, missing or extra, in a query of two characters or more (not a
    fragment: 平凡 is a prefix of 平凡的世界, scored above)."""
    if len(text) < 2 or abs(len(text) - len(title)) > 1 or text == title:
        return False
    if len(text) == len(title):
        return sum(1 for a, b in zip(text, title) if a != b) == 1
    shorter, longer = sorted((text, title), key=len)
    return any(longer[:i] + longer[i + 1:] == shorter for i in range(len(longer)))


def shared_bigrams(text, title):
    """Share of the query's character pairs found in the title (a title typed with a wrong character)."""
    pairs = {text[i:i + 2] for i in range(len(text) - 1)}
    if not pairs:
        return 0
    return sum(1 for pair in pairs if pair in title) / len(pairs)
