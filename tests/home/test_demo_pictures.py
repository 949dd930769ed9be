"""Pictures as a reader meets them: every demo activity, campaign, branch, news item and reading
list has one, served as WebP renditions with srcset, sizes, width and height (no layout shift),
lazy below the fold, with alternative text that says what the picture says; and share cards get
an og:image. The demo draws them itself, with or without a Chinese font on the machine."""

import re

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from catalog_search.models import ReadingListPage
from events.models import EventPage
from home.models import ArticlePage, CampaignPage
from portal import demo_images
from portal.models import Branch

pytestmark = pytest.mark.django_db


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def test_every_demo_page_that_can_have_a_picture_has_one_with_alternative_text():
    for event in EventPage.objects.filter(locale__language_code="zh-hans", lecturepage__isnull=True):
        assert event.image and event.image_alt, event.title
    for article in ArticlePage.objects.filter(locale__language_code="zh-hans", kind="news"):
        assert article.image and article.image_alt, article.title
    for page in ReadingListPage.objects.filter(locale__language_code="zh-hans"):
        assert page.cover_image and page.cover_alt
    for branch in Branch.objects.filter(locale__language_code="zh-hans"):
        assert branch.photo and branch.photo_alt
    campaign = CampaignPage.objects.get(slug="reading-month", locale__language_code="zh-hans")
    assert campaign.hero_image and campaign.hero_alt


def test_a_poster_says_the_date_the_page_says():
    for event in EventPage.objects.filter(
        locale__language_code="zh-hans",
        lecturepage__isnull=True,
        slug__in=["classics-recitation", "picture-book-time", "full-origami"],
    ):
        assert demo_images.when(timezone.localtime(event.start)) in event.image_alt


@pytest.mark.parametrize(
    "url",
    [
        "/events/classics-recitation/",
        "/news/reading-month-opens/",
        "/books/children-summer/",
        "/branches/ZG/",
        "/en/events/classics-recitation/",
    ],
)
def test_pictures_are_webp_renditions_sized_for_the_phone(client, url):
    soup = soup_of(client, url)
    picture = soup.select_one("main img[srcset]")
    assert picture is not None, url
    sources = [part.split()[0] for part in picture["srcset"].split(",")]
    assert len(sources) >= 2 and all(source.endswith(".webp") for source in sources)
    assert picture["sizes"] and picture["width"] and picture["height"] and picture["alt"]


def test_english_pages_describe_pictures_in_english(client):
    picture = soup_of(client, "/en/events/classics-recitation/").select_one("main img[srcset]")
    assert picture["alt"].startswith("Poster: Recitation: the four seasons in Tang poems")


def test_cards_have_lazy_thumbnails(client):
    thumbnails = soup_of(client, "/events/").select("li.card img.card__image")
    assert thumbnails and all(img["loading"] == "lazy" and img["alt"] == "" for img in thumbnails)
    assert soup_of(client, "/news/").select("li.card img.card__image[loading=lazy]")


@pytest.mark.parametrize("url", ["/", "/events/weekly-reading-club/", "/reading-month/", "/news/reading-month-opens/"])
def test_share_cards_have_a_picture(client, url):
    image = soup_of(client, url).select_one('meta[property="og:image"]')
    assert image is not None and re.match(r"https?://[^/]+/media/images/.+\.(jpg|png|webp)$", image["content"])


def test_without_a_chinese_font_the_demo_still_draws_pictures(monkeypatch):
    monkeypatch.setattr(demo_images, "font", lambda size: None)
    for picture in (
        demo_images.poster("周三夜读会", ["每周三 19:00"]),
        demo_images.building("南湖分馆"),
        demo_images.cover("暑假少儿书单"),
    ):
        assert picture.size[0] >= 600 and len(picture.getcolors(maxcolors=65536) or [0, 0]) >= 2  # drawn, not blank
