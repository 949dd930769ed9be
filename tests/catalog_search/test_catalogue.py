"""The catalogue's foundation: Chinese analysis, the CSV importer and ranked search, on the real
search backend of the test database (SQLite FTS5 here, PostgreSQL full text in CI's second pass)."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from catalog_search.models import CatalogueRecord, Holding, HoldingStatus, parse_authors
from catalog_search.search import analysis, backends
from catalog_search.search import engine as search
from catalog_search.search.engine import search_records
from portal.isbn import normalise_isbn

BOOKS = Path(__file__).parent / "data" / "books.csv"


@pytest.mark.parametrize(
    "typed, isbn13",
    [
        ("978-0-306-40615-7", "9780306406157"),
        ("9780306406157", "9780306406157"),
        ("0-306-40615-2", "9780306406157"),  # ISBN-10 from an old book
        ("ISBN 0 306 40615 2", "9780306406157"),
        ("０３０６４０６１５２", "9780306406157"),  # full-width digits from a phone keyboard
        ("978-0-306-40615-8", None),  # wrong check digit
        ("0-306-40615-3", None),
        ("12345", None),
        ("", None),
    ],
)
def test_isbn_forms(typed, isbn13):
    assert normalise_isbn(typed) == isbn13


def test_chinese_ngrams_traditional_and_pinyin():
    assert analysis.ngram_tokens("紅樓夢") == analysis.ngram_tokens("红楼梦")
    assert analysis.encode("红楼") in analysis.ngram_tokens("红楼梦")
    assert {"pingfandeshijie", "pfdsj", "pingfan"} <= set(analysis.pinyin_tokens("平凡的世界"))
    assert analysis.query_tokens("ping fan de shi jie")[-1] == "pingfandeshijie"
    # Every token is plain ASCII, so every engine's tokenizer keeps it whole.
    assert all(token.isascii() and token.isalnum() for token in analysis.ngram_tokens("哈利·波特 2"))


def test_authors_and_roles():
    assert parse_authors(["路遥 著", "马振骋译", "佚名"]) == [
        {"name": "路遥", "role": "著"},
        {"name": "马振骋", "role": "译"},
        {"name": "佚名", "role": ""},
    ]


def test_import_summary_names_every_rejected_row(catalogue):
    assert "新增 21，更新 0，未变 0，拒绝 2" in catalogue
    assert "第 22 行：缺少记录号" in catalogue and "第 23 行：记录 T9001 缺少题名" in catalogue
    assert "ISBN“978-7-111-11111-0”无效" in catalogue and "出版年“二〇〇〇”无效" in catalogue
    assert "馆藏地代码 ZZ99 不存在" in catalogue
    bad = CatalogueRecord.objects.get(record_id="T9002")
    assert bad.isbn == "" and bad.year is None  # reported, never stored as garbage


def test_the_import_summary_speaks_the_active_language(catalogue, capsys):
    with translation.override("en"):
        call_command("import_catalogue", str(BOOKS))
    out = capsys.readouterr().out
    assert "Created 0, updated 0, unchanged 21, rejected 2" in out
    assert "Rejected: line 22: No record number" in out and "There is no branch with code ZZ99" in out


def test_import_stores_records_and_holdings(catalogue):
    record = CatalogueRecord.objects.get(record_id="T0001")
    assert record.isbn.startswith("9787") and len(record.isbn) == 13 and "-" not in record.isbn
    assert record.authors == [{"name": "路遥", "role": "著"}]
    assert record.subjects == ["长篇小说", "中国", "当代"]
    holdings = {(h.branch.code, h.status) for h in Holding.objects.filter(record=record).select_related("branch")}
    assert holdings == {("ZG", HoldingStatus.ON_SHELF), ("FG01", HoldingStatus.ON_LOAN)}


def test_importing_twice_changes_nothing_and_changes_are_updates(catalogue, capsys, tmp_path):
    call_command("import_catalogue", str(BOOKS))
    assert "新增 0，更新 0，未变 21" in capsys.readouterr().out
    changed = tmp_path / "changed.csv"
    changed.write_text(BOOKS.read_text(encoding="utf-8").replace("林海音 著", "林海音 著;关维兴 绘"), encoding="utf-8")
    call_command("import_catalogue", str(changed))
    assert "新增 0，更新 1，未变 20" in capsys.readouterr().out
    assert CatalogueRecord.objects.get(record_id="T0014").author_names == ["林海音", "关维兴"]
    assert "T0014" in [r.record_id for r in search_records("关维兴")]  # re-indexed
    created = CatalogueRecord.objects.get(record_id="T0014").created_at

    # A new title is found by it, no longer by the old one; the record keeps its first import date.
    retitled = tmp_path / "retitled.csv"
    retitled.write_text(
        changed.read_text(encoding="utf-8").replace("T0001,平凡的世界,", "T0001,平凡的日子,"), encoding="utf-8"
    )
    call_command("import_catalogue", str(retitled))
    assert "新增 0，更新 1，未变 20" in capsys.readouterr().out
    assert top("平凡的日子")[0] == "平凡的日子" and "T0001" not in [
        r.record_id for r in search_records("平凡的世界") if r.title == "平凡的世界"
    ]
    assert CatalogueRecord.objects.get(record_id="T0014").created_at == created

    # Only the loan counts changed (a monthly export): updated, nothing else touched.
    loans = tmp_path / "loans.csv"
    loans.write_text(
        retitled.read_text(encoding="utf-8").replace(
            "|在架;FG01|I247.57/L77|借出,99", "|在架;FG01|I247.57/L77|借出,150"
        ),
        encoding="utf-8",
    )
    call_command("import_catalogue", str(loans))
    assert "新增 0，更新 1，未变 20" in capsys.readouterr().out
    record = CatalogueRecord.objects.get(record_id="T0001")
    assert record.circulation_count == 150 and record.title == "平凡的日子"


def test_bad_files(db, tmp_path):
    before = CatalogueRecord.objects.count()
    with pytest.raises(CommandError, match="无法打开"):
        call_command("import_catalogue", str(tmp_path / "missing.csv"))
    no_title = tmp_path / "header.csv"
    no_title.write_text("record_id,name\nA1,x\n", encoding="utf-8")
    with pytest.raises(CommandError, match="全部被拒绝"):
        call_command("import_catalogue", str(no_title))
    assert CatalogueRecord.objects.count() == before


def top(query, n=5):
    return [record.title for record in search_records(query)[:n]]


@pytest.mark.parametrize(
    "query, expected_first",
    [
        ("平凡的世界", "平凡的世界"),  # the exact title outranks its sequel
        ("平凡的", "平凡的世界"),  # a fragment
        ("平凡 的世界", "平凡的世界"),  # a space in the title
        ("紅樓夢", "红楼梦"),  # traditional characters
        ("红楼梦", "红楼梦"),  # not the book about it
        ("pingfandeshijie", "平凡的世界"),
        ("pfdsj", "平凡的世界"),
        ("hongloumeng", "红楼梦"),
        ("余华", "活着"),  # an author: the most borrowed of his books first
        ("活着 余华", "活着"),  # title + author
        ("三体", "三体"),
    ],
)
def test_search_ranks_what_readers_type(catalogue, query, expected_first):
    assert top(query)[0] == expected_first, top(query)


def test_search_by_isbn_in_every_form(catalogue):
    isbn = CatalogueRecord.objects.get(record_id="T0007").isbn  # 活着
    hyphenated = f"{isbn[:3]}-{isbn[3]}-{isbn[4:8]}-{isbn[8:12]}-{isbn[12]}"
    for typed in (isbn, hyphenated, f"ISBN {isbn}"):
        assert top(typed)[0] == "活着", typed


def test_a_fragment_finds_every_book_that_contains_it(catalogue):
    assert set(top("红楼梦")) >= {"红楼梦", "红楼梦人物论"}
    assert set(top("路遥")) >= {"平凡的世界", "平凡的世界 第二部", "路遥传"}


def test_titles_beginning_with_the_query_are_ranked_however_many_records_match(
    catalogue, client, tmp_path, monkeypatch
):
    """In a large catalogue a common fragment matches tens of thousands of records, more than the
    engine hands over for ranking (and on PostgreSQL more than it scores): the exact title and the
    titles that begin with the query are looked up by title and ranked too. Shrinking the limits
    to 2 stands in for 80,000 matches: the six records imported first mention 长河 everywhere."""

    rows = ["record_id,title,summary"]
    rows += [f"L{number},大地与长河之歌 第{number}卷,长河 长河 长河 长河" for number in range(1, 7)]
    rows += ["L7,长河,一部关于" + "河流与村庄" * 40 + "的小说。", "L8,长河落日,散文集。"]
    path = tmp_path / "rivers.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    call_command("import_catalogue", str(path))
    monkeypatch.setattr(search, "CANDIDATES", 2)
    assert top("长河", 2) == ["长河", "长河落日"]
    assert top("長河", 2) == ["长河", "长河落日"]  # typed in traditional characters
    # Only titles that begin with the query: not those with it in the middle, whatever the facets.
    records = CatalogueRecord.objects.filter(record_id__startswith="L")
    assert [r.title for r in search.title_prefix_matches("长河", records)] == ["长河", "长河落日"]
    assert search.title_prefix_matches("长河落", records.exclude(record_id="L8")) == []
    assert search.title_prefix_matches("", records) == []

    # The API hands over records ordered by id; the title lookups must not keep that order, or
    # the database walks the primary key checking titles instead of using the title index.
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/api/v2/catalogue/", {"search": "长河"}).json()
    assert [item["title"] for item in response["items"]][:2] == ["长河", "长河落日"]
    by_title = [query["sql"] for query in captured if "title_key" in query["sql"].split("WHERE", 1)[-1]]
    orders = [sql.split("ORDER BY", 1)[1] for sql in by_title if "ORDER BY" in sql]
    assert len(by_title) == 2 and not any('"id"' in order for order in orders), by_title


def test_which_titles_beginning_with_the_query_are_ranked_does_not_depend_on_the_engine(
    catalogue, tmp_path, monkeypatch
):
    """When more titles begin with a fragment than are ranked, the ones chosen are those that rank
    first (shorter titles, then more loans, then record id), whatever the engine hands over:
    SQLite and PostgreSQL then show the same top of the list. Limits of 3 stand in for the
    thousands of 家园… titles a city catalogue has."""

    rows = ["record_id,title,circulation_count"]
    rows += [f"J{number},家园的故事 第{number}卷,{number}" for number in range(1, 7)]
    rows += ["J7,家园入门,0", "J8,家园简史,5", "J9,家,1", "J10,我的家园,90"]
    path = tmp_path / "homes.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    call_command("import_catalogue", str(path))
    monkeypatch.setattr(search, "CANDIDATES", 3)
    records = CatalogueRecord.objects.filter(record_id__startswith="J")
    assert [r.record_id for r in search.title_prefix_matches("家园", records)] == ["J8", "J7", "J6"]
    assert top("家", 3) == ["家", "家园简史", "家园入门"]
    # Typed as letters, through the title's pinyin and initials: every title beginning with jiayuan
    # or jy scores the same, so the one borrowed most is looked up first, and ranks first.
    assert [r.record_id for r in search.title_prefix_matches("jiayuan", records)] == ["J6"]
    assert top("jiayuan", 1) == top("jy", 1) == ["家园的故事 第6卷"] and top("j", 1) == ["家"]


def test_without_loan_counts_a_tie_goes_to_the_book_the_library_holds_more_copies_of(catalogue, tmp_path):
    """Many systems export no loan counts. Two titles with the same initials then tie on score and
    loans: the classic the library stocks in three copies ranks above a namesake it holds once,
    whatever their record ids."""
    path = tmp_path / "ties.csv"
    path.write_text(
        "record_id,title,holdings\nK1,水光云影,ZG|I/1|在架\nK2,山谷遗音,ZG|I/2|在架;ZG|I/3|借出;FG01|I/4|在架\n",
        encoding="utf-8",
    )
    call_command("import_catalogue", str(path))
    assert [title for title in top("sgyy") if title in ("水光云影", "山谷遗音")] == ["山谷遗音", "水光云影"]


def test_a_title_whose_whole_pinyin_is_typed_is_ranked_however_many_titles_begin_with_it(
    catalogue, tmp_path, monkeypatch
):
    """biancheng begins thousands of titles (编程入门, 编程与设计 …) and is the whole pinyin of
    边城: when the engine's answer is cut off, the titles whose whole pinyin it is are asked for
    by their own token. The limits shrunk to 2 stand in for a large catalogue."""

    rows = ["record_id,title"] + [f"P{number},编程入门 第{number}版" for number in range(1, 7)] + ["P7,边城"]
    path = tmp_path / "programming.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    call_command("import_catalogue", str(path))
    monkeypatch.setattr(search, "CANDIDATES", 2)
    assert top("biancheng", 1) == ["边城"] and top("bian cheng", 1) == ["边城"] and top("bc", 1) == ["边城"]
    assert top("边诚", 1) == ["边城"]  # typed with a homophone: its pinyin is the title's whole pinyin


def test_an_author_whose_whole_pinyin_is_typed_is_ranked_however_many_names_begin_with_it(
    catalogue, tmp_path, monkeypatch
):
    """han song begins thousands of names in a city catalogue (韩松林, 韩松涛 …): when the engine's
    answer is cut off, the books of authors whose whole name it is are asked for by their own token."""

    rows = ["record_id,title,authors,circulation_count"]
    rows += [f"Y{number},河流的故事 第{number}卷,韩松林 著,{number}" for number in range(1, 7)]
    rows += ["Y7,地铁,韩松 著,0"]
    path = tmp_path / "names.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    call_command("import_catalogue", str(path))
    monkeypatch.setattr(search, "CANDIDATES", 2)
    assert "地铁" in top("han song", 3) and "地铁" in top("hansong", 3)


@pytest.mark.parametrize(
    "query", ["", "   ", "!!!", '" OR 1=1 --', "title:*", "NEAR(", '"unbalanced', "😀📚", "\x00\x07", "平" * 2000]
)
def test_bad_queries_never_fail(catalogue, query):
    assert isinstance(search_records(query), list)


def test_the_database_index_is_asked_directly(catalogue):
    """Wagtail's SQLite backend would score every catalogue row in a correlated subquery, and its
    PostgreSQL backend cannot ask for "any two of these words"."""
    with CaptureQueriesContext(connection) as queries:
        assert top("平凡的世界")[0] == "平凡的世界"
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    assert f"ORDER BY {backends.POPULAR_FIRST} LIMIT 500" in sql  # catalog_search.search.backends' own query
    assert '"score"' not in sql and "_search_rank" not in sql  # Wagtail's own scoring


def test_when_thousands_match_the_most_read_are_kept_on_every_backend(catalogue, tmp_path, monkeypatch):
    """A reader types "ly" meaning 路遥; thousands of names and titles begin l-y. Of more matches
    than are ranked, the ones kept are the most borrowed (then most copies), not whatever sample
    the engine's own relevance (bm25, ts_rank) prefers, so 路遥's most read book is on the first
    screen on SQLite and PostgreSQL alike. A limit of 3 stands in for the thousands; the long
    summaries of 路遥's books are what makes bm25 rank them last."""

    rows = ["record_id,title,authors,circulation_count,summary"]
    rows += [
        f"N{number},城市笔记 第{number}辑,李{'勇云燕阳'[number % 4]}{number},{900 + number},短评。"
        for number in range(1, 9)
    ]
    long = "陕北高原上的青年在时代变迁中寻找出路，" * 30
    rows += [f"N20,人生,路遥 著,2000,{long}", f"N21,早晨从中午开始,路遥 著,1500,{long}"]
    path = tmp_path / "authors.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    call_command("import_catalogue", str(path))
    monkeypatch.setattr(search, "CANDIDATES", 3)
    records = CatalogueRecord.objects.filter(record_id__startswith="N")
    found = [record.record_id for record in search.search_records("ly", records)]
    assert found[:2] == ["N20", "N21"]


def test_looser_conditions_only_when_the_strict_one_finds_nothing(catalogue):
    # Every character and pair of the query: a title match.
    assert top("平凡的世界", 3)[0] == "平凡的世界"
    # One wrong character (时 for 世): no record has every pair, two of them still find the book.
    assert "平凡的世界" in top("平凡的时界")
    # The tiers themselves: every token; what sounds like it; any two words; any word.
    tiers = analysis.query_tiers("平凡的时界")
    assert len(tiers) == 4 and len(tiers[0]) == 1 and ["pingfandeshijie"] in tiers[1]
    assert all(len(clause) == 2 for clause in tiers[2]) and all(len(clause) == 1 for clause in tiers[3])
    assert analysis.query_tiers("pfdsj") == [[["pfdsj"]]]
    assert analysis.query_tiers("ISBN 978-0-306-40615-7")[0] == [["9780306406157"]]


def test_a_title_written_with_a_dot_is_found_without_it(catalogue):
    assert top("哈利波特")[0] == "哈利·波特与魔法石"
    # 哈利·波特 is indexed as 哈利波特 too, so every pair of the reader's 哈利波特 is in the index.
    assert analysis.encode("利波") in analysis.document_tokens("哈利·波特与魔法石").split()
    assert analysis.encode("利波") not in analysis.ngram_tokens("哈利·波特与魔法石")


def test_bulk_index_writes_what_wagtail_writes(catalogue):
    """The importer's fast path (catalog_search.search.backends) and Wagtail's own add_bulk give the
    same index entry, column for column (on SQLite, the FTS5 table Wagtail's triggers fill too)."""
    from wagtail.search.backends import get_search_backend
    from wagtail.search.models import IndexEntry

    backend = get_search_backend()
    assert backends.writes_directly(backend)
    records = list(CatalogueRecord.objects.order_by("record_id"))
    table = IndexEntry._meta.db_table

    def entries(records):
        ids = [str(record.pk) for record in records]
        if connection.vendor == "postgresql":
            sql = (
                f"SELECT object_id, title::text, autocomplete::text, body::text, title_text, body_text, "
                f"title_norm FROM {table} WHERE object_id = ANY(%s) ORDER BY object_id"
            )
            params = [ids]
        else:
            sql = (
                f"SELECT entry.object_id, entry.title, entry.autocomplete, entry.body, entry.title_norm, fts.body "
                f"FROM {table} AS entry JOIN {table}_fts AS fts ON fts.rowid = entry.id "
                f"WHERE entry.object_id IN ({', '.join(['%s'] * len(ids))}) ORDER BY entry.object_id"
            )
            params = ids
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def written_both_ways(records):
        backend.add_bulk(CatalogueRecord, records)
        by_wagtail = entries(records)
        IndexEntry.objects.filter(object_id__in=[str(r.pk) for r in records]).delete()
        backends.add_records(backend, records)
        assert entries(records) == by_wagtail
        return by_wagtail

    by_wagtail = written_both_ways(records)
    assert len(by_wagtail) == len(records) and all(row[3] for row in by_wagtail)
    # Writing them again updates in place (no duplicates), and search finds them.
    backends.add_records(backend, records)
    assert entries(records) == by_wagtail
    assert top("平凡的世界")[0] == "平凡的世界"
    # A batch of one record with empty fields (no ISBN, subjects or summary) is written whole too.
    lone = CatalogueRecord(record_id="LONE", title="孤本")
    lone.prepare_search()
    lone.save()
    assert len(written_both_ways([lone])) == 1
    assert top("孤本")[0] == "孤本"


def test_a_large_batch_is_analysed_by_worker_processes_exactly_as_in_the_importer(catalogue, tmp_path, monkeypatch):
    """Batches of PARALLEL_FROM records or more go to spawned worker processes: the search fields
    they compute are the ones the importer would compute itself, and the books are found."""
    from catalog_search.importers import analyser
    from catalog_search.tools import synthetic

    pools = []
    real_prepare = analyser.Analyser.prepare

    def watched(self, records, *args, **kwargs):
        real_prepare(self, records, *args, **kwargs)
        pools.append(self.pool is not None)

    monkeypatch.setattr(analyser.Analyser, "prepare", watched)
    monkeypatch.setattr(analyser.os, "cpu_count", lambda: 2)  # the parallel path, whatever this machine has
    path = tmp_path / "synthetic.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        synthetic.write_csv(stream, synthetic.records(analyser.PARALLEL_FROM + 50, seed=7))
    call_command("import_catalogue", str(path))
    assert pools == [True]
    imported = CatalogueRecord.objects.filter(
        record_id__in=[row["record_id"] for row in synthetic.records(analyser.PARALLEL_FROM + 50, seed=7)]
    )
    assert imported.count() >= analyser.PARALLEL_FROM
    for record in imported:
        expected = analysis.record_tokens(record.analysis_input())
        assert {name: getattr(record, name) for name in expected} == expected
    some = imported.order_by("pk")[17]
    assert some.pk in [r.pk for r in search_records(some.title)[:5]]


def test_the_next_batch_is_analysed_while_one_is_written_and_not_when_nothing_changed(catalogue, tmp_path, monkeypatch):
    """A catalogue of several batches: each batch after the first is analysed by the workers while
    the one before is written, and the records get exactly the search fields the importer would
    compute itself, also for a record the next batch names again with another title. The same file
    imported again (every record unchanged) analyses nothing ahead after its first batch."""
    from catalog_search.importers import analyser, loader
    from catalog_search.tools import synthetic

    monkeypatch.setattr(analyser.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(loader, "BATCH", analyser.PARALLEL_FROM + 10)
    started = []
    real_start = analyser.Analyser.start

    def watched(self, inputs):
        ahead = real_start(self, inputs)
        started.append(ahead is not None)
        return ahead

    monkeypatch.setattr(analyser.Analyser, "start", watched)
    rows = list(synthetic.records(3 * loader.BATCH, seed=9))
    # The second batch's first record again, retitled, in the third batch: the later row wins.
    again = dict(rows[loader.BATCH], title="平凡的世界（修订本）")
    rows.insert(2 * loader.BATCH + 5, again)
    path = tmp_path / "synthetic.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        synthetic.write_csv(stream, rows)
    call_command("import_catalogue", str(path))
    assert started == [True, True, False]  # batches 2, 3 and 4 (one row) were analysed ahead
    imported = CatalogueRecord.objects.filter(record_id__in=[row["record_id"] for row in rows])
    assert imported.count() == len({row["record_id"] for row in rows})
    for record in imported:
        expected = analysis.record_tokens(record.analysis_input())
        assert {name: getattr(record, name) for name in expected} == expected, record.record_id
    assert imported.get(record_id=again["record_id"]).title == "平凡的世界（修订本）"
    assert imported.get(record_id=again["record_id"]).pk in [r.pk for r in search_records("平凡的世界（修订本）")[:5]]

    started.clear()
    call_command("import_catalogue", str(path))
    assert started == []  # the first batch was unchanged: nothing is analysed ahead


def test_workers_that_cannot_start_mean_analysis_in_the_importer(catalogue, tmp_path, monkeypatch):
    """A script piped into ``manage.py shell`` has a main module no spawned process can import:
    the workers die at start, and the import still completes, analysed in the importer."""
    import sys

    from catalog_search.importers import analyser
    from catalog_search.tools import synthetic

    workers_after = []
    real_prepare = analyser.Analyser.prepare

    def watched(self, records, *args, **kwargs):
        real_prepare(self, records, *args, **kwargs)
        workers_after.append(self.workers)

    monkeypatch.setattr(analyser.Analyser, "prepare", watched)
    monkeypatch.setattr(analyser.os, "cpu_count", lambda: 2)
    main = sys.modules["__main__"]
    monkeypatch.setattr(main, "__spec__", None, raising=False)
    monkeypatch.setattr(main, "__file__", str(tmp_path / "<stdin>"), raising=False)
    path = tmp_path / "synthetic.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        synthetic.write_csv(stream, synthetic.records(analyser.PARALLEL_FROM, seed=8))
    call_command("import_catalogue", str(path))
    assert workers_after == [1]  # the workers were tried, failed, and the importer analysed
    record = CatalogueRecord.objects.exclude(record_id__startswith="T").order_by("pk").first()
    assert record.search_title == analysis.record_tokens(record.analysis_input())["search_title"] != ""


def test_an_import_refreshes_postgresqls_planner_statistics(catalogue):
    """Without ANALYZE after a bulk load, PostgreSQL plans a search of a freshly imported million
    records with the content-type index too: 90 ms instead of 4 (autovacuum may be off or late)."""
    if connection.vendor != "postgresql":
        pytest.skip("planner statistics are PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [CatalogueRecord._meta.db_table])
        (estimated,) = cursor.fetchone()
    assert estimated == CatalogueRecord.objects.count() > 0
