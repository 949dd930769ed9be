"""Books an event reads or discusses: named by ISBN on the event, shown with their copies on the
event page, and the event shown on the book's catalogue page (the two apps meet through
portal.books, never importing each other)."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError

from events.models import EventPage
from portal.isbn import isbn10_check

pytestmark = pytest.mark.django_db

ORDINARY_WORLD = "9787856208958"  # 平凡的世界 in the demo catalogue, R00001
LU_YAO_BIOGRAPHY = "9787163512243"  # 路遥传, R00004


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def event(slug, language="zh-hans"):
    return EventPage.objects.get(slug=slug, locale__language_code=language)


@pytest.mark.parametrize(
    "url, heading",
    [
        ("/events/weekly-reading-club/", "相关图书"),
        ("/en/events/weekly-reading-club/", "Books"),
    ],
)
def test_an_event_lists_its_books_with_their_copies(client, url, heading):
    soup = soup_of(client, url)
    section = soup.find(id="books-heading").parent
    assert section.h2.get_text(strip=True) == heading
    links = [(a.get_text(strip=True), a["href"]) for a in section.select(".book__title a")]
    prefix = "/en" if url.startswith("/en/") else ""
    assert links == [("平凡的世界", f"{prefix}/catalogue/R00001/"), ("路遥传", f"{prefix}/catalogue/R00004/")]
    assert len(section.select(".book__copies")) == 2


def test_an_event_without_books_has_no_book_section(client):
    assert soup_of(client, "/events/classics-recitation/").find(id="books-heading") is None


@pytest.mark.parametrize(
    "url, title",
    [
        ("/catalogue/R00001/", "周三夜读会：《平凡的世界》"),
        ("/en/catalogue/R00001/", "Wednesday night reading club: Ordinary World"),
    ],
)
def test_the_book_page_lists_the_events_that_feature_it(client, url, title):
    section = soup_of(client, url).find(id="events-heading").parent
    assert title in [a.get_text(strip=True) for a in section.select("a")]


def test_the_next_events_come_first_then_those_that_ended(client):
    from django.utils import timezone

    from events.models import EventIndexPage

    club = event("weekly-reading-club")
    ended = EventPage(
        title="上月的《平凡的世界》读书会",
        slug="last-month-club",
        summary="已经结束。",
        start=club.start - timezone.timedelta(days=30),
        end=club.end - timezone.timedelta(days=30),
        book_isbns=ORDINARY_WORLD,
    )
    EventIndexPage.objects.get(locale=club.locale).add_child(instance=ended)
    ended.save_revision().publish()
    items = soup_of(client, "/catalogue/R00001/").find(id="events-heading").parent.select("li")
    dates = [li.select_one(".meta").get_text(strip=True)[:10] for li in items]
    assert dates[0] == f"{timezone.localtime(club.start):%Y-%m-%d}"  # the next meeting of the weekly club
    assert dates[:-1] == sorted(dates[:-1])
    assert "上月的" in items[-1].get_text() and "已结束" in items[-1].get_text()


def test_a_past_lecture_about_the_book_is_listed_as_ended(client):
    section = soup_of(client, "/catalogue/R00005/").find(id="events-heading").parent  # 红楼梦
    item = next(li for li in section.select("li") if "《红楼梦》里的日常生活" in li.get_text())
    assert "已结束" in item.get_text()


def test_a_book_no_event_features_has_no_event_section(client):
    assert soup_of(client, "/catalogue/R00002/").find(id="events-heading") is None


def test_isbns_are_checked_and_stored_as_isbn_13_like_the_importer_does():
    page = event("classics-recitation")
    ten = ORDINARY_WORLD[3:12] + isbn10_check(ORDINARY_WORLD[3:12]).upper()
    page.book_isbns = f"ISBN {ten[0]}-{ten[1:6]}-{ten[6:9]}-{ten[9]}\r\n978 7163 512243，{ORDINARY_WORLD}\n\n"
    page.full_clean()
    assert page.book_isbns == f"{ORDINARY_WORLD}\n{LU_YAO_BIOGRAPHY}"  # the ISBN-10 converted, the repeat dropped


@pytest.mark.parametrize(
    "typed, named",
    [
        ("12345", "12345"),
        (f"{ORDINARY_WORLD[:-1]}0", f"{ORDINARY_WORLD[:-1]}0"),  # a wrong check digit
        (f"{ORDINARY_WORLD}\n平凡的世界", "平凡的世界"),  # a title where an ISBN belongs
        ("' OR 1=1 --", "' OR 1=1 --"),
    ],
)
def test_a_wrong_isbn_is_refused_with_its_name(typed, named):
    page = event("classics-recitation")
    page.book_isbns = typed
    with pytest.raises(ValidationError) as refused:
        page.full_clean()
    message = " ".join(refused.value.message_dict["book_isbns"])
    assert named in message and "ISBN" in message


def test_editors_are_told_about_books_the_catalogue_lacks(admin_client):
    from catalog_search.models import CatalogueRecord

    page = event("weekly-reading-club")
    CatalogueRecord.objects.filter(isbn=LU_YAO_BIOGRAPHY).delete()
    messages = [str(m) for m in admin_client.get(f"/admin/pages/{page.pk}/edit/").context["messages"]]
    assert any(LU_YAO_BIOGRAPHY in m and ORDINARY_WORLD not in m for m in messages)


def test_more_books_cost_no_more_queries(client):
    from catalog_search.models import CatalogueRecord
    from tests.home.test_query_counts import count_queries

    isbns = list(CatalogueRecord.objects.exclude(isbn="").order_by("record_id").values_list("isbn", flat=True)[:8])
    page = event("classics-recitation")
    EventPage.objects.filter(pk=page.pk).update(book_isbns=isbns[0])
    one = count_queries(client, page.url)
    EventPage.objects.filter(pk=page.pk).update(book_isbns="\n".join(isbns))
    assert count_queries(client, page.url) == one
    assert len(soup_of(client, page.url).select(".book__title")) == len(isbns)
