"""The search quality evaluation set: queries readers type for the real books of the demo catalogue
(demo_data/real_books.tsv), each with the records that must appear in the top 5, and recall@5 / MRR
by query kind. The queries are derived from the books by rule — so that every book is asked for in
every way — plus hand-written ones for what rules do not produce.

Kinds: exact title; partial title (the shortest run of characters that names only this book's
title, as a reader who remembers part of it would type); author (all of the author's books, up to
5, must be in the top 5); title + author; full pinyin; pinyin initials; traditional characters;
ISBN-13, hyphenated, with spaces and as ISBN-10 (the number on older books).

The rules only ever ask what the code was built to answer. ``demo_data/reader_queries.tsv`` is
written the other way round, from how readers type: pinyin with spaces anywhere, the other reading
of a polyphonic character (朝花夕拾 as zhao…, 水浒传 as …zhuan), variant characters (钱钟书 for
钱锺书), numbers either way (1984, 三体2, 唐诗300首), publishers, typos (homophones an input
method gives, and wrong characters that look alike) and words around an author (余华的书).
"""

import csv
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from opencc import OpenCC

from portal.isbn import isbn10_check

from ..models import CatalogueRecord
from ..search import analysis
from ..search.engine import search_records

TOP = 5
TARGETS = {"pinyin_initials": 0.85, "typo": 0.90}  # every other kind: 0.95
READER_QUERIES = Path(__file__).parents[1] / "demo_data" / "reader_queries.tsv"
DEFAULT_TARGET = 0.95
HAND_WRITTEN = [
    # (kind, query, titles that must be in the top 5)
    ("partial_title", "平凡 的世界", ["平凡的世界"]),
    ("partial_title", "百年 孤独", ["百年孤独"]),
    ("partial_title", "哈利波特 魔法石", ["哈利·波特与魔法石"]),
    ("partial_title", "三体 黑暗森林", ["三体Ⅱ·黑暗森林"]),
    ("partial_title", "明朝那些事", ["明朝那些事儿", "明朝那些事儿 第二部"]),
    ("partial_title", "红楼", ["红楼梦"]),
    ("author", "罗琳", ["哈利·波特与魔法石", "哈利·波特与密室", "哈利·波特与阿兹卡班的囚徒"]),
    ("title_author", "家 巴金", ["家"]),
    ("exact_title", "1984", []),  # written 一九八四 in the catalogue: must not fail, nothing required
]
CHINESE = re.compile(r"[\u3400-\u9fff]")
_to_traditional = OpenCC("s2t")


@dataclass
class Query:
    kind: str
    text: str
    expected: list  # record ids


def hyphenate(isbn):
    return f"{isbn[:3]}-{isbn[3]}-{isbn[4:8]}-{isbn[8:12]}-{isbn[12]}"


def isbn10(isbn):
    nine = isbn[3:12]
    return nine + isbn10_check(nine).upper()


def shortest_unique_fragment(title, titles):
    """The shortest run of ≥ 2 characters of ``title`` found in no other title (prefixes first)."""
    compact = analysis.normalise(title)
    others = [analysis.normalise(other) for other in titles if other != title]
    for length in range(2, len(compact)):
        for start in range(0, len(compact) - length + 1):
            fragment = compact[start : start + length]
            if len(CHINESE.findall(fragment)) == length and not any(fragment in other for other in others):
                return fragment
    return None


def queries():
    books = list(CatalogueRecord.objects.filter(record_id__startswith="R").order_by("record_id"))
    titles = [book.title for book in books]
    by_author = defaultdict(list)
    for book in books:
        for name in book.author_names[:1]:
            by_author[name].append(book)
    found = []
    for book in books:
        expect = [book.record_id]
        found.append(Query("exact_title", book.title, expect))
        fragment = shortest_unique_fragment(book.title, titles)
        if fragment:
            found.append(Query("partial_title", fragment, expect))
        author = book.author_names[0]
        if author != "佚名":
            found.append(Query("title_author", f"{book.title} {author}", expect))
        full, initials = analysis.pinyin_forms(book.title)
        if full != analysis.normalise(book.title):
            found.append(Query("pinyin_full", full, expect))
            found.append(Query("pinyin_initials", initials, expect))
        traditional = _to_traditional.convert(book.title)
        if traditional != book.title:
            found.append(Query("traditional", traditional, expect))
        found += [
            Query("isbn13", book.isbn, expect),
            Query("isbn_hyphenated", hyphenate(book.isbn), expect),
            Query("isbn_spaces", hyphenate(book.isbn).replace("-", " "), expect),
            Query("isbn10", isbn10(book.isbn), expect),
        ]
    for author, written in sorted(by_author.items()):
        if author != "佚名":
            ranked = sorted(written, key=lambda b: -b.circulation_count)
            found.append(Query("author", author, [b.record_id for b in ranked]))
    ids = {book.title: book.record_id for book in books}
    found += [Query(kind, text, [ids[title] for title in expected]) for kind, text, expected in HAND_WRITTEN]
    return found + reader_queries(ids)


def reader_queries(ids):
    """The queries of reader_queries.tsv, expected titles resolved to the demo's record ids."""
    with open(READER_QUERIES, encoding="utf-8", newline="") as stream:
        return [
            Query(row["kind"], row["query"], [ids[title] for title in row["expected"].split("|")])
            for row in csv.DictReader(stream, delimiter="\t")
        ]


def evaluate(query_list=None):
    """{kind: (queries, recall@5, MRR)}. Recall of a query is the share of its expected records in
    the top 5 (at most 5 are expected); MRR uses the rank of the first expected record."""
    totals = defaultdict(lambda: [0, 0.0, 0.0])
    misses = []
    for query in query_list or queries():
        ranked = [record.record_id for record in search_records(query.text)]
        top = ranked[:TOP]
        expected = query.expected[:TOP]
        recall = sum(1 for rid in expected if rid in top) / len(expected) if expected else 1.0
        first = next((rank for rank, rid in enumerate(ranked, start=1) if rid in expected), None)
        totals[query.kind][0] += 1
        totals[query.kind][1] += recall
        totals[query.kind][2] += 1 / first if first else (1.0 if not expected else 0.0)
        if recall < 1:
            misses.append((query, top))
    return {kind: (n, r / n, m / n) for kind, (n, r, m) in sorted(totals.items())}, misses


def target(kind):
    return TARGETS.get(kind, DEFAULT_TARGET)
