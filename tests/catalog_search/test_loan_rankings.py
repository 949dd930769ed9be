"""借阅排行榜 over a period: library systems export running loan totals; each import records how it
moved them, and a ranking over the last N days adds up the moves inside the period."""

import csv
import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from catalog_search import rankings
from catalog_search.models import CatalogueRecord, LoanCountChange

from .conftest import BOOKS

pytestmark = pytest.mark.django_db


def import_with_loans(tmp_path, loans, audiences=None):
    """Import data/books.csv with some loan counts raised: {record_id: loans added}, and with an
    ``audience`` column when ``audiences`` ({record_id: value}) is given."""
    rows = list(csv.DictReader(io.StringIO(BOOKS.read_text(encoding="utf-8"))))
    for row in rows:
        if row["record_id"] in loans:
            row["circulation_count"] = str(int(row["circulation_count"]) + loans[row["record_id"]])
        if audiences is not None:
            row["audience"] = audiences.get(row["record_id"], "")
    path = tmp_path / "loans.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    call_command("import_catalogue", str(path))


def ranked(**options):
    return [(record.record_id, record.loans) for record in rankings.borrowing_ranking(10, **options)]


def test_the_first_import_has_no_period_to_rank(catalogue):
    assert ranked(days=30) == []  # its counts are totals from before the portal knew the books
    assert ranked()[0] == ("T0001", 99)


def test_a_period_ranks_the_loans_inside_it_not_the_totals(catalogue, tmp_path):
    import_with_loans(tmp_path, {"T0020": 20, "T0001": 5, "T0003": 1})
    assert ranked(days=30) == [("T0020", 20), ("T0001", 5), ("T0003", 1)]
    assert ranked()[0] == ("T0001", 104)  # the running total still puts 平凡的世界 first

    # A second import the same day: one change per book per day, from the day's first count.
    import_with_loans(tmp_path, {"T0020": 20, "T0001": 60, "T0003": 1})
    assert ranked(days=30) == [("T0001", 60), ("T0020", 20), ("T0003", 1)]
    assert LoanCountChange.objects.filter(record__record_id="T0001").count() == 1

    assert ranked(days=30, clc="K") == [("T0003", 1)]
    later = timezone.localdate() + timedelta(days=31)
    assert ranked(days=30, today=later) == []  # the period has moved past that import
    assert ranked(days=90, today=later)[0] == ("T0001", 60)


def test_an_unchanged_import_records_nothing(catalogue, tmp_path):
    import_with_loans(tmp_path, {})
    assert not LoanCountChange.objects.exists()


def test_the_ranking_block_names_its_period(client, catalogue, tmp_path):
    import_with_loans(tmp_path, {"T0020": 30})
    from catalog_search.blocks import BorrowingRankingBlock

    block = BorrowingRankingBlock()
    html = block.render(block.to_python({"heading": "借阅排行榜", "days": "30", "period": "", "count": 5, "clc": ""}))
    assert "近 30 天" in html and "草房子" in html and "借阅 30 次" in html
    html = block.render(
        block.to_python({"heading": "借阅排行榜", "days": "", "period": "2026年", "count": 5, "clc": ""})
    )
    assert "2026年" in html and "借阅 99 次" in html


def test_changes_older_than_a_year_are_forgotten_on_the_next_import(catalogue, tmp_path):
    import_with_loans(tmp_path, {"T0001": 5})
    LoanCountChange.objects.update(counted_on=timezone.localdate() - timedelta(days=LoanCountChange.KEPT_DAYS + 1))
    import_with_loans(tmp_path, {"T0001": 5})  # the same counts: nothing new to record
    assert not LoanCountChange.objects.exists()


def test_rankings_and_new_arrivals_for_one_audience(client, catalogue, tmp_path, capsys):
    audiences = {
        "T0020": "少儿",
        "T0014": "children",
        "T0010": "少儿",
        "T0001": "成人",
        "T0013": "青少年",
        "T0003": "老年",
    }
    import_with_loans(tmp_path, {"T0020": 30}, audiences)
    out = capsys.readouterr().out
    assert "新增 0，更新 5，未变 16" in out  # T0003's unknown audience is left blank: unchanged
    assert "读者对象“老年”未知，已留空" in out
    assert CatalogueRecord.objects.get(record_id="T0003").audience == ""

    assert ranked(audience="children") == [("T0020", 110), ("T0010", 90), ("T0014", 86)]
    assert ranked(audience="children", days=30) == [("T0020", 30)]
    assert ranked(audience="teens") == [("T0013", 87)] and ranked(audience="adults") == [("T0001", 99)]
    assert {record.record_id for record in rankings.new_arrivals(90, 10, audience="children")} == {
        "T0010",
        "T0014",
        "T0020",
    }

    from catalog_search.blocks import BorrowingRankingBlock

    block = BorrowingRankingBlock()
    html = block.render(
        block.to_python(
            {"heading": "少儿借阅排行榜", "days": "", "period": "", "count": 5, "clc": "", "audience": "children"}
        )
    )
    assert "草房子" in html and "小王子" in html and "平凡的世界" not in html
    assert "读者对象" in client.get("/catalogue/T0020/").content.decode()

    # The library system is the source: a file without the column clears what an earlier one said.
    call_command("import_catalogue", str(BOOKS))
    assert "更新 5" in capsys.readouterr().out
    assert not CatalogueRecord.objects.exclude(audience="").exists()
