"""Searching the catalogue the same way on every backend.

The query is analysed like the records were (``analysis``); the search backend finds candidate
records that share tokens with it (``backends`` for the databases, Wagtail's query objects for
Elasticsearch); ``ranking`` orders them in Python, identically whatever the backend. ``find`` is
what the search page, the API and the admin's chooser call."""

import re
from collections import Counter
from dataclasses import dataclass

from wagtail.search.backends import get_search_backend
from wagtail.search.query import And, Or, PlainText

from portal.isbn import normalise_isbn

from ..availability import holdings_of
from ..models import CatalogueRecord, HoldingStatus
from . import analysis
from .backends import beginning_with, candidate_ids, candidates_by
from .candidate import FOR_RANKING, Candidate
from .ranking import TITLE_CONTAINS, score, tie_break

CANDIDATES = 500  # records ranked at most per search (see find_candidates)
# Words readers add after an author's name or a title that no record's title carries: 余华的书,
# 鲁迅作品, 金庸全集. A query ending with one is also tried without it, and the better answer wins
# (鲁迅全集 is a real title, so the whole query is never simply dropped).
FILLER = re.compile(r"(?:的书|写的书|的作品|作品集|作品|全集|文集|选集|的小说|小说集|的诗|诗集|的)$")
squeeze = analysis.squeeze


@dataclass
class Found:
    """One search's answer: the matching records best first (as ranking read them: fetch a page's
    whole with ``whole_records``), and their holdings ({record pk: [Holding with branch]}) when
    they were asked for or a filter needed them."""

    records: list
    holdings: dict

    def facets(self):
        """What the search page's facets count: records by the first letter of their class (中图法),
        and by branch holding a copy."""
        clc = Counter(record.clc[:1] for record in self.records if record.clc[:1])
        branches = Counter(
            code
            for record in self.records
            for code in {holding.branch.code for holding in self.holdings.get(record.pk, [])}
        )
        return {"clc": clc, "branch": branches}


def find(query, records=None, filters=None, with_holdings=False):
    """One search as the search page, the API and the admin's chooser run it: records among
    ``records`` (a queryset the filters a database can apply have narrowed) that match ``query``,
    best first; then the filters only holdings answer, after ranking (``filters["branch"]``: a
    copy in that branch; ``filters["available"]``: a copy on the shelf, there if a branch is
    given), and newest first when ``filters["sort"] == "newest"`` (equal years keep their rank)."""
    filters = filters or {}
    ranked = search_records(query, records)
    needed = with_holdings or filters.get("branch") or filters.get("available")
    holdings = holdings_of(ranked) if needed else {}
    ranked = [record for record in ranked if wanted(holdings.get(record.pk, []), filters)]
    if filters.get("sort") == "newest":
        ranked.sort(key=lambda record: -(record.year or 0))
    return Found(ranked, holdings)


def wanted(holdings, filters):
    branch = filters.get("branch")
    if branch and not any(holding.branch.code == branch for holding in holdings):
        return False
    if filters.get("available") and not any(
        holding.status == HoldingStatus.ON_SHELF and (not branch or holding.branch.code == branch)
        for holding in holdings
    ):
        return False
    return True


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


def find_candidates(tiers, records, whole):
    """(records worth ranking, whether they satisfy the first tier, the primary keys of those the
    title lookups found): up to CANDIDATES of those satisfying the strictest tier of
    analysis.query_tiers that any record satisfies (asking for every record that shares any token
    with the query would make the engine score half the catalogue for a common character); and,
    when there were more matches than that, the titles that are or begin with the query, which
    the engine's own ranking may have left out.

    On SQLite and PostgreSQL the index table is asked directly (``backends.candidate_ids``);
    other backends (Elasticsearch) get the same conditions as Wagtail query objects. (On the
    database backends the facet filters in ``records`` apply to the best matches found, not before
    choosing them.)"""
    backend = get_search_backend()

    def ask(clauses):
        ids = candidate_ids(backend, clauses, CANDIDATES)
        if ids is not None:
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
    ids = [
        record_id
        for field in fields
        for record_id in beginning_with(records, field, whole).values_list("record_id", flat=True)[
            : CANDIDATES // len(fields)
        ]
    ]
    longer = candidates_by(records, "record_id", ids)
    return list(dict.fromkeys(found + [longer[record_id] for record_id in ids if record_id in longer]))


def whole_records(ranked):
    """The records of one page of results, with every field, in one query and in rank order."""
    found = CatalogueRecord.objects.in_bulk([record.pk for record in ranked])
    return [found[record.pk] for record in ranked if record.pk in found]
