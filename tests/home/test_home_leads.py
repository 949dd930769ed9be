"""The home page leads with what a reader came for: activities coming up (with whether to sign
up), the running campaign, new books and reading lists, and 活动报名 among the quick links."""

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from catalog_search.blocks import LATEST_LISTS
from catalog_search.models import ReadingListPage
from events.models import EventPage

pytestmark = pytest.mark.django_db


def home(client, url="/"):
    return BeautifulSoup(client.get(url).content, "html.parser")


def test_home_shows_the_next_activities_first(client):
    soup = home(client)
    section = soup.select_one("section.upcoming")
    titles = [a.get_text(strip=True) for a in section.select(".card__title a")]
    coming = (
        EventPage.objects.live()
        .filter(locale__language_code="zh-hans", end__gte=timezone.now())
        .exclude(status="cancelled")
        .order_by("start", "pk")
    )
    assert titles == [event.title for event in coming[:4]]
    assert all(card.select_one(".card__registration") for card in section.select("li.card"))
    assert section.select_one("a[href='/events/']")
    # Before the campaign banner and the news.
    order = [element.get("class", [""])[0] for element in soup.main.find_all("section", recursive=True)]
    assert order.index("upcoming") < order.index("campaign-banner") < order.index("news")


def test_quick_links_lead_to_registration_and_reading_lists(client):
    links = {a.get_text(strip=True): a["href"] for a in home(client).select(".quick-links a")}
    assert links["活动报名"] == "/events/" and links["好书推荐"] == "/books/"
    english = {a.get_text(strip=True): a["href"] for a in home(client, "/en/").select(".quick-links a")}
    assert english["Events"] == "/en/events/" and english["Reading lists"] == "/en/books/"


def test_home_shows_new_books_and_the_newest_reading_lists(client):
    soup = home(client)
    headings = [h2.get_text(strip=True) for h2 in soup.select("main h2")]
    assert "新书推荐" in headings and "推荐书单" in headings
    lists = [h2 for h2 in soup.select("main h2") if h2.get_text(strip=True) == "推荐书单"][0].find_parent("section")
    published = ReadingListPage.objects.live().filter(locale__language_code="zh-hans").count()
    assert len(lists.select("li a")) == min(LATEST_LISTS, published)  # none chosen: the newest
    english = home(client, "/en/")
    assert "Reading lists" in [h2.get_text(strip=True) for h2 in english.select("main h2")]
