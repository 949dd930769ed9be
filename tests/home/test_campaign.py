"""The 书香 campaign page: its blocks render current content in both languages, the home page
features the running campaign, and bad dates are refused."""

from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.utils import timezone

from events.models import EventPage
from home.blocks import next_world_book_day
from home.models import CampaignPage

pytestmark = pytest.mark.django_db


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return BeautifulSoup(response.content, "html.parser")


def section(soup, heading):
    found = [h2 for h2 in soup.find_all("h2") if h2.get_text(strip=True).startswith(heading)]
    assert found, f"no section {heading!r}"
    return found[0].find_parent("section")


def test_the_campaign_page_gathers_what_the_campaign_shows(client):
    soup = soup_of(client, "/reading-month/")
    assert soup.h1.get_text(strip=True) == "书香云溪·全民阅读月"
    campaign = CampaignPage.objects.get(slug="reading-month", locale__language_code="zh-hans")
    # Events within the campaign's dates, soonest first, never past ones.
    titles = [a.get_text(strip=True) for a in section(soup, "阅读月活动").select(".card__title a")]
    expected = (
        EventPage.objects.live()
        .filter(
            locale=campaign.locale,
            end__gte=timezone.now(),
            start__date__lte=campaign.end_date,
            end__date__gte=campaign.start_date,
        )
        .order_by("start", "pk")[:6]
    )
    assert titles == [event.title for event in expected] and titles
    # A category's events.
    clubs = section(soup, "读书会").select(".card__meta")
    assert clubs and all("读书会" in meta.get_text() for meta in clubs)
    # Each section as long as the editor asked for (the catalogue holds more than enough).
    blocks = {block.value.get("heading"): block.value for block in campaign.body if "heading" in block.value}
    assert len(section(soup, "阅读月推荐书单").select("li")) == len(blocks["阅读月推荐书单"]["lists"])
    assert len(section(soup, "新书推荐").select("li")) == blocks["新书推荐"]["count"]
    ranking = section(soup, "借阅排行榜")
    assert len(ranking.select("li")) == blocks["借阅排行榜"]["count"] and "近 30 天" in ranking.get_text()
    year = timezone.localdate().year
    for kind in ("书香家庭", "书香校园", "书香机关"):
        assert section(soup, f"{year} 年度{kind}").select("li")
    assert "李明一家" in section(soup, f"{year} 年度书香家庭").get_text()
    assert len(section(soup, "合作单位").select("li")) == len(blocks["合作单位"]["partners"])
    # The demo counts down to its own reading marathon: a Saturday within the campaign.
    countdown = soup.select_one(".countdown")
    marathon = date.fromisoformat(countdown["data-target"])
    campaign = CampaignPage.objects.get(slug="reading-month", locale__language_code="zh-hans")
    assert marathon.weekday() == 5 and campaign.start_date <= marathon <= campaign.end_date
    assert f"距阅读马拉松还有 {(marathon - timezone.localdate()).days} 天" in countdown.get_text()


def test_the_campaign_page_in_english(client):
    soup = soup_of(client, "/en/reading-month/")
    assert soup.html["lang"] == "en"
    assert soup.h1.get_text(strip=True) == "Reading Yunxi Month"
    assert "The Li Ming family" in soup.get_text()
    lists = section(soup, "Reading lists of the month").select("a")
    assert [a["href"] for a in lists] == [
        "/en/books/children-summer/",
        "/en/books/teens-world-book-day/",
        "/en/books/adults-reading-month/",
    ]
    events = section(soup, "Events of the month").select(".card__title a")
    assert events and all(a["href"].startswith("/en/events/") for a in events)
    assert soup.select_one("meta[property='og:title']")["content"] == "Reading Yunxi Month"


def test_the_home_page_features_the_running_campaign(client):
    banner = soup_of(client, "/").select_one(".campaign-banner")
    assert banner.select_one("a")["href"] == "/reading-month/"
    assert "正在进行" in banner.get_text()
    assert soup_of(client, "/en/").select_one(".campaign-banner a")["href"] == "/en/reading-month/"
    # Once it has ended, the home page stops featuring it.
    CampaignPage.objects.filter(slug="reading-month").update(end_date=timezone.localdate() - timedelta(days=1))
    assert soup_of(client, "/").select_one(".campaign-banner") is None


def test_a_campaign_cannot_end_before_it_starts():
    campaign = CampaignPage(
        title="倒着的活动", slug="backwards", start_date=date(2027, 4, 30), end_date=date(2027, 4, 1)
    )
    with pytest.raises(ValidationError) as error:
        campaign.full_clean()
    assert "end_date" in error.value.message_dict


@pytest.mark.parametrize(
    "today, expected",
    [
        (date(2026, 11, 24), date(2027, 4, 23)),
        (date(2027, 4, 23), date(2027, 4, 23)),
        (date(2027, 4, 24), date(2028, 4, 23)),
        (date(2027, 1, 1), date(2027, 4, 23)),
    ],
)
def test_the_countdown_counts_to_the_next_world_book_day(today, expected):
    assert next_world_book_day(today) == expected


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_a_reader_finds_the_campaigns_survey_on_the_campaign_page(client, prefix):
    """The survey is the campaign's child page and nothing else links to it: the campaign page
    must, or no reader answers it. A survey taken offline is no longer offered."""
    from home.models import SurveyPage

    campaign_url = f"{prefix}/reading-month/"
    survey = SurveyPage.objects.get(
        url_path__endswith="/reading-month/survey/", locale__language_code="en" if prefix else "zh-hans"
    )
    links = section(soup_of(client, campaign_url), "Surveys" if prefix else "读者调查").select("a")
    assert [(a["href"], a.get_text(strip=True)) for a in links] == [(survey.url, survey.title)]
    assert client.get(links[0]["href"]).status_code == 200
    survey.unpublish()
    assert not soup_of(client, campaign_url).select(".campaign-surveys")
