"""Everything that differs between the search backends and the databases, in one place: the
catalogue's search reads Wagtail's index table directly on SQLite and PostgreSQL, and writes it
in bulk when importing; Elasticsearch is asked through Wagtail's own query objects.

Reading. Wagtail's SQLite backend scores every row through a correlated subquery, and its
PostgreSQL backend cannot express "any two of these words"; one FTS5 MATCH, or one tsquery over the
GIN index, takes milliseconds, and keeps the most borrowed matches (POPULAR_FIRST), the same on
both.

Writing. Wagtail's database backends (modelsearch) index a batch record by record in Python — on
PostgreSQL they build and compile a Django expression per field per record (2.6 s per 1,000
records); on SQLite they update existing entries one query each — and then rescan the whole index
table to refresh title norms, on every batch, so an import slows down as the catalogue grows.
This writes exactly the same index entries with one statement per batch: on PostgreSQL an
``INSERT … SELECT FROM unnest() ON CONFLICT DO UPDATE`` that lets PostgreSQL compute the weighted
tsvectors itself; on SQLite an ``INSERT … ON CONFLICT DO UPDATE`` (Wagtail's own triggers keep its
FTS5 table in step). Records saved one at a time (in the admin) still go through Wagtail's own
path; tests compare the rows both ways write.

Catalogue records have no search field called ``title``, so everything lands in the ``body``
column (as with Wagtail's own indexing), and title norms, computed from ``title``, do not apply.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models.expressions import RawSQL
from django.db.models.functions import Length
from django.utils.encoding import force_str
from modelsearch.index import SearchField
from wagtail.search.models import IndexEntry

from ..models import CatalogueRecord, Holding, LoanCountChange
from .candidate import FOR_RANKING, Candidate

# How many matching index rows are read at most. A three-character fragment can match 80,000 of a
# million records; reading them all (and joining each to its record) is what made such a search
# take 200–500 ms on PostgreSQL. Up to this many, every match is read and the most borrowed kept
# (POPULAR_FIRST), the same on every backend; beyond it, the titles that begin with the query
# (title_prefix_matches) and whole-pinyin tokens stand in for the rest: they are what ranks first.
SCANNED = 5000


def database_backend(backend):
    """ "sqlite" or "postgresql" for Wagtail's database search backends, None for the others. By
    class name: one database backend's module cannot even be imported on another database."""
    return {"SQLiteSearchBackend": "sqlite", "PostgresSearchBackend": "postgresql"}.get(type(backend).__name__)


def candidate_ids(backend, clauses, limit):
    """The primary keys of up to ``limit`` records matching any of ``clauses`` (lists of tokens
    all of which must match), most borrowed first; None when ``backend`` is not a database one."""
    ask = {"sqlite": sqlite_candidate_ids, "postgresql": postgres_candidate_ids}.get(database_backend(backend))
    return ask(clauses, limit) if ask else None


def candidates_by(records, field, values):
    """{value of ``field``: Candidate} of ``records`` whose ``field`` is one of ``values``."""
    if connection.vendor == "postgresql":
        # One array parameter: a list of 500 placeholders costs psycopg about 6 ms to parse.
        cast = "integer" if field == "id" else "text"
        values = RawSQL(f"SELECT unnest(%s::{cast}[])", [list(values)])
    position = FOR_RANKING.index(field)
    return {
        row[position]: Candidate(row) for row in records.filter(**{f"{field}__in": values}).values_list(*FOR_RANKING)
    }


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
    expression = (
        "{title body} : ("
        + " OR ".join("(" + " AND ".join(f'"{token}"' for token in clause) + ")" for clause in clauses)
        + ")"
    )
    table = IndexEntry._meta.db_table
    # CROSS JOIN and a materialised CTE keep SQLite's planner driving from the full-text match
    # (otherwise it may probe the FTS table once per index row: seconds instead of milliseconds).
    return index_ids(
        f"WITH found AS MATERIALIZED (SELECT entry.object_id FROM {table}_fts AS fts "
        f"CROSS JOIN {table} AS entry ON entry.id = fts.rowid "
        f"WHERE {table}_fts MATCH %s AND entry.content_type_id = %s LIMIT %s) "
        f"SELECT found.object_id FROM found JOIN {CatalogueRecord._meta.db_table} AS r "
        f"ON r.id = CAST(found.object_id AS INTEGER) ORDER BY {POPULAR_FIRST} LIMIT %s",
        [expression, content_type_id(), SCANNED, limit],
    )


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
        [content_type_id(), expression, SCANNED, limit],
    )


def index_ids(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [int(object_id) for (object_id,) in cursor.fetchall()]


def content_type_id():
    return ContentType.objects.get_for_model(CatalogueRecord).pk


def writes_directly(backend):
    return database_backend(backend) is not None


def add_records(backend, records):
    """Insert or update the index entries of ``records`` (saved CatalogueRecords)."""
    if not records:
        return
    fields = [field for field in CatalogueRecord.get_search_fields() if isinstance(field, SearchField)]
    values = [[force_str(field.get_value(record)) for field in fields] for record in records]
    object_ids = [force_str(record.pk) for record in records]
    content_type = content_type_id()
    if database_backend(backend) == "postgresql":
        write_postgres(backend, fields, content_type, object_ids, values)
    else:
        write_sqlite(content_type, object_ids, values)


UPDATE_ON_CONFLICT = (
    "ON CONFLICT (content_type_id, object_id) DO UPDATE SET title = excluded.title, title_norm = 1.0, "
    "autocomplete = excluded.autocomplete, body = excluded.body"
)


SEPARATOR = "\x1f"  # ASCII unit separator


def write_postgres(backend, fields, content_type, object_ids, values):
    from modelsearch.backends.database.postgres.weights import get_weight

    # Wagtail's plain-text mirror and vectors leave empty fields out; an empty field's vector is
    # empty anyway, so only the mirror needs them dropped. Control characters carry no words.
    stripped = [[value.replace(SEPARATOR, " ").strip() for value in row] for row in values]
    body_text = [" ".join(value for value in row if value) for row in stripped]
    vectors = " || ".join(
        f"setweight(to_tsvector(%s::regconfig, t.f{number}), '{get_weight(field.boost)}')"
        for number, field in enumerate(fields)
    )
    names = ", ".join(["object_id", *(f"f{number}" for number in range(len(fields))), "body_text"])
    # Each column travels as one string that PostgreSQL splits: psycopg quotes a list element by
    # element in Python, which held an import of 30,000 records to 2,096 records/s (2,288 now).
    # The separator cannot occur in the values; each string starts with one, dropped by [2:],
    # because a lone '' would split into no values at all.
    arrays = ", ".join([f"(string_to_array(%s, '{SEPARATOR}'))[2:]"] * (len(fields) + 2))
    sql = (
        f"INSERT INTO {IndexEntry._meta.db_table} "
        "(content_type_id, object_id, title, autocomplete, body, title_norm, title_text, body_text) "
        f"SELECT %s, t.object_id, to_tsvector(''), to_tsvector(''), {vectors}, 1.0, '', t.body_text "
        f"FROM unnest({arrays}) AS t({names}) "
        f"{UPDATE_ON_CONFLICT}, title_text = excluded.title_text, body_text = excluded.body_text"
    )
    columns = [object_ids, *zip(*stripped), body_text]
    params = [
        content_type,
        *([backend.config] * len(fields)),
        *(SEPARATOR + SEPARATOR.join(column) for column in columns),
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def write_sqlite(content_type, object_ids, values):
    # Wagtail's SQLite indexer joins every non-title search field with a space, empty ones too.
    rows = [(content_type, object_id, "", "", " ".join(row)) for object_id, row in zip(object_ids, values)]
    sql = (
        f"INSERT INTO {IndexEntry._meta.db_table} (content_type_id, object_id, title, autocomplete, body, title_norm) "
        f"VALUES (%s, %s, %s, %s, %s, 1.0) {UPDATE_ON_CONFLICT}"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def refresh_planner_statistics():
    """PostgreSQL's advice after a bulk load: ANALYZE. Until its statistics know that nearly every
    index row is a catalogue record, the planner scans the content-type index beside the full-text
    one, and a search of a freshly imported million records takes 90 ms instead of 4. Autovacuum
    would get there in time, where it is on; readers search the morning after the import. (About
    1.5 s at 10⁶ records. SQLite plans these queries well without statistics.)

    The records' table is also vacuumed when the import is not inside a transaction (VACUUM cannot
    be): that marks its pages all-visible, so that the ranked title lookups read their index alone
    (catalog_search.search.engine.title_prefix_matches) instead of visiting 80,000 rows for a common
    fragment until autovacuum gets round to it."""
    if connection.vendor != "postgresql":
        return
    tables = [model._meta.db_table for model in (CatalogueRecord, Holding, LoanCountChange, IndexEntry)]
    with connection.cursor() as cursor:
        if not connection.in_atomic_block:
            cursor.execute("VACUUM (ANALYZE) " + connection.ops.quote_name(CatalogueRecord._meta.db_table))
        cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(table) for table in tables))
