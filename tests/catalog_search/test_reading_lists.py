"""好书推荐: reading lists rendered in both languages, their JSON-LD and share tags, the record
page naming the lists that feature a book, a deleted record, the editor's chooser, rankings and
the query count of a long list."""

import json
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from catalog_search import rankings
from catalog_search.models import CatalogueRecord, ReadingListIndexPage, ReadingListItem, ReadingListPage

pytestmark = pytest.mark.django_db


def soup_of(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, f"{url} answered {response.status_code}"
    return BeautifulSoup(response.content, "html.parser")


def jsonld(soup, kind):
    for script in soup.select("script[type='application/ld+json']"):
        data = json.loads(script.string)
        if data.get("@type") == kind:
            return data
    raise AssertionError(f"no {kind} JSON-LD")


@pytest.mark.parametrize(
    "url, lang, h1, first_book, recommendation",
    [
        ("/books/children-summer/", "zh-CN", "暑假少儿书单：和书一起长大", "草房子", "油麻地的童年，纯净又动人。"),
        (
            "/en/books/children-summer/",
            "en",
            "Summer list for children: growing up with books",
            "草房子",
            "A childhood in Youmadi, pure and moving.",
        ),
    ],
)
def test_a_reading_list_renders_in_both_languages(client, url, lang, h1, first_book, recommendation):
    soup = soup_of(client, url)
    assert soup.html["lang"] == lang
    assert soup.h1.get_text(strip=True) == h1
    books = soup.select("li.book")
    chosen = ReadingListPage.objects.get(slug="children-summer", locale__language_code="zh-hans").items
    assert len(books) == chosen.count()
    first = books[0]
    assert first.select_one(".book__title").get_text(strip=True) == first_book
    assert first.select_one(".book__recommendation").get_text(strip=True) == recommendation
    record = CatalogueRecord.objects.get(record_id=first["data-record-id"])
    link = first.select_one(".book__title a")["href"]
    assert link == ("/en" if lang == "en" else "") + f"/catalogue/{record.record_id}/"
    # Live availability, per branch in the page's language.
    assert first.select_one(".book__copies").get_text(strip=True)
    assert soup.select_one("meta[property='og:title']")["content"] == h1
    assert soup.select_one("meta[property='og:description']")["content"]


def test_a_reading_list_carries_an_item_list_of_books(client):
    soup = soup_of(client, "/books/adults-reading-month/")
    data = jsonld(soup, "ItemList")
    chosen = ReadingListPage.objects.get(slug="adults-reading-month", locale__language_code="zh-hans").items.count()
    assert data["numberOfItems"] == chosen == len(data["itemListElement"])
    first = data["itemListElement"][0]
    assert first["position"] == 1 and first["item"]["@type"] == "Book" and first["item"]["name"] == "平凡的世界"
    assert first["item"]["isbn"] and first["item"]["author"][0]["name"] == "路遥"
    assert first["item"]["url"].endswith(
        f"/catalogue/{CatalogueRecord.objects.get(record_id__startswith='R', title='平凡的世界').record_id}/"
    )


def test_the_record_page_names_the_lists_and_shares_as_a_book(client):
    record = CatalogueRecord.objects.get(record_id__startswith="R", title="三体")
    soup = soup_of(client, f"/catalogue/{record.record_id}/")
    assert "4·23 青少年书单：打开世界的窗" in soup.select_one("#lists-heading").find_parent("section").get_text()
    book = jsonld(soup, "Book")
    assert book["name"] == "三体" and book["isbn"] == record.isbn
    assert soup.select_one("meta[property='og:type']")["content"] == "book"
    english = soup_of(client, f"/en/catalogue/{record.record_id}/")
    assert "World Book Day list for teens" in english.select_one("#lists-heading").find_parent("section").get_text()


def test_the_index_filters_by_audience_and_year(client):
    titles = lambda soup: [a.get_text(strip=True) for a in soup.select(".card__title a")]  # noqa: E731
    published = ReadingListPage.objects.live().filter(locale__language_code="zh-hans").count()
    assert len(titles(soup_of(client, "/books/"))) == published
    assert titles(soup_of(client, "/books/?audience=teens")) == ["4·23 青少年书单：打开世界的窗"]
    assert titles(soup_of(client, f"/books/?year={timezone.localdate().year}&audience=adults")) == [
        "读书月成人书单：在故事里看见中国"
    ]
    assert titles(soup_of(client, "/books/?audience=children&year=" + str(timezone.localdate().year))) == [
        "暑假少儿书单：和书一起长大"
    ]
    # Bad values: the page still answers, says what was ignored, and lists everything.
    soup = soup_of(client, "/books/?audience=aliens&year=abc&page=999999999")
    assert soup.select_one(".form-error") and len(titles(soup)) == published
    assert len(titles(soup_of(client, "/en/books/?audience=children"))) == 1


def test_a_record_deleted_from_the_catalogue_leaves_the_rest_and_tells_editors(client, admin_client):
    page = ReadingListPage.objects.get(slug="children-summer", locale__language_code="zh-hans")
    left = page.items.count() - 1
    gone = page.items.order_by("sort_order").first()
    title = gone.record.title
    gone.record.delete()
    soup = soup_of(client, "/books/children-summer/")
    assert len(soup.select("li.book")) == left and title not in soup.select_one(".book-list").get_text()
    # The English translation loses the same book.
    assert len(soup_of(client, "/en/books/children-summer/").select("li.book")) == left
    edit = admin_client.get(f"/admin/pages/{page.pk}/edit/")
    assert edit.status_code == 200
    assert f"《{title}》" in edit.content.decode()
    assert "/admin/catalogue-record-chooser/" in edit.content.decode()  # books are chosen by searching


def test_thirty_books_cost_no_more_queries_than_a_few(client):
    page = ReadingListPage.objects.get(slug="adults-reading-month", locale__language_code="zh-hans")

    def queries():
        client.get("/books/adults-reading-month/")  # the cover's renditions are made on the first view
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/books/adults-reading-month/").status_code == 200
        return len(captured)

    few = queries()
    chosen = set(page.items.values_list("record_id", flat=True))
    extra = list(CatalogueRecord.objects.exclude(pk__in=chosen).filter(holdings__isnull=False).distinct()[:22])
    for number, record in enumerate(extra, start=100):
        ReadingListItem.objects.create(page=page, record=record, sort_order=number, recommendation=f"推荐 {number}")
    page.save_revision().publish()
    assert len(soup_of(client, "/books/adults-reading-month/").select("li.book")) == len(chosen) + len(extra)
    many = queries()
    assert many == few, f"{few} queries for {len(chosen)} books, {many} for {len(chosen) + len(extra)}"
    assert many <= 30


def test_the_chooser_searches_like_readers_do(admin_client):
    response = admin_client.get("/admin/catalogue-record-chooser/results/", {"q": "pfdsj"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "平凡的世界" in html and "路遥" in html
    for bad in ["", "\x00", '" OR 1=1 --', "平" * 500]:
        assert admin_client.get("/admin/catalogue-record-chooser/results/", {"q": bad}).status_code == 200


def test_new_arrivals_and_the_borrowing_ranking():
    now = timezone.now()
    old = CatalogueRecord.objects.filter(record_id__startswith="R").order_by("pk")[0]
    CatalogueRecord.objects.filter(pk=old.pk).update(created_at=now - timedelta(days=400))
    arrivals = rankings.new_arrivals(days=90, count=1000)
    assert old not in arrivals and arrivals
    assert all(a.created_at >= b.created_at for a, b in zip(arrivals, arrivals[1:]))
    assert all(record.clc.startswith("I") for record in rankings.new_arrivals(90, 50, clc="I"))

    ranking = rankings.borrowing_ranking(count=10)
    counts = [record.circulation_count for record in ranking]
    borrowed = CatalogueRecord.objects.filter(circulation_count__gt=0).count()
    assert len(ranking) == min(10, borrowed) and counts == sorted(counts, reverse=True)
    top = CatalogueRecord.objects.order_by("-circulation_count").first()
    assert ranking[0].circulation_count == top.circulation_count
    # A book borrowed more moves up; one never borrowed is never ranked.
    last = ranking[-1]
    CatalogueRecord.objects.filter(pk=last.pk).update(circulation_count=top.circulation_count + 1)
    assert rankings.borrowing_ranking(count=10)[0].pk == last.pk
    history = rankings.borrowing_ranking(5, clc="K")
    assert history and all(r.clc.startswith("K") for r in history)
    CatalogueRecord.objects.update(circulation_count=0)
    assert rankings.borrowing_ranking(count=10) == []


def test_index_page_lives_under_home_only():
    assert ReadingListIndexPage.objects.filter(slug="books").count() == 2  # Chinese and English
