"""The demo read as a reader reads it: dates are computed from the day the demo was loaded, and
every weekday, month, day and countdown its texts name must agree with them (a 周三夜读会 on a
Wednesday, a reading month whose news gives the campaign's own dates, a Spring Festival notice
that names the days the branches are really closed), and no page says the same thing twice."""

import re
from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from events.models import EventPage
from home.models import ArticlePage, CampaignPage
from portal.demo_support import demo_day, en_date, zh_date
from portal.models import Branch, OpeningException

pytestmark = pytest.mark.django_db

CHINESE_WEEKDAYS = "一二三四五六日"
ENGLISH_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def days_named(title):
    """The weekdays a title promises (周三 → {2}, 周末/Weekend → {5, 6}), or None."""
    found = re.search(rf"(?:周|星期)([{CHINESE_WEEKDAYS}天])", title)
    if found:
        return {CHINESE_WEEKDAYS.index(found.group(1).replace("天", "日"))}
    english = [number for number, name in enumerate(ENGLISH_WEEKDAYS) if name in title]
    if english:
        return set(english)
    if "周末" in title or "weekend" in title.lower():
        return {5, 6}
    return None


@pytest.mark.parametrize("offset", range(7))
def test_a_weekday_of_the_demo_is_that_weekday_whatever_day_it_is_loaded(offset):
    today = date(2026, 11, 30) + timedelta(days=offset)  # Monday to Sunday
    for name, number in [("wed", 2), ("sat", 5)]:
        day = demo_day(today, name)
        assert day.weekday() == number and 1 <= (day - today).days <= 7


def test_every_event_named_after_a_weekday_falls_on_it():
    named = 0
    for event in EventPage.objects.all():
        promised = days_named(event.title)
        if promised is None:
            continue
        named += 1
        weekday = timezone.localtime(event.start).weekday()
        assert weekday in promised, f"{event.title} ({event.locale.language_code}) is on weekday {weekday}"
    assert named >= 4  # the club and its weekly copies, the picture-book time, in both languages


def test_the_reading_month_news_gives_the_campaigns_own_dates(client):
    campaign = CampaignPage.objects.get(slug="reading-month", locale__language_code="zh-hans")
    news = ArticlePage.objects.get(slug="reading-month-opens", locale__language_code="zh-hans")
    assert news.date == campaign.start_date
    page = BeautifulSoup(client.get(news.url).content, "html.parser").main.get_text()
    assert zh_date(campaign.start_date) in page and zh_date(campaign.end_date) in page
    year = campaign.start_date.year
    for month, day in re.findall(r"(\d{1,2})月(\d{1,2})日", page):
        named = date(year if int(month) >= campaign.start_date.month else year + 1, int(month), int(day))
        assert campaign.start_date <= named <= campaign.end_date, f"{month}月{day}日 is outside the campaign"
    english = BeautifulSoup(client.get("/en/news/reading-month-opens/").content, "html.parser").main.get_text()
    assert en_date(campaign.start_date) in english and en_date(campaign.end_date) in english
    assert "April" not in english or campaign.start_date.month == 4


def test_the_opening_ceremony_is_on_the_first_day_of_the_campaign():
    campaign = CampaignPage.objects.get(slug="reading-month", locale__language_code="zh-hans")
    opening = EventPage.objects.get(slug="reading-month-opening", locale__language_code="zh-hans")
    assert timezone.localtime(opening.start).date() == campaign.start_date


def test_the_spring_festival_notice_names_the_days_the_branches_close(client):
    closing = OpeningException.objects.filter(reason="春节闭馆").first()
    notice = ArticlePage.objects.get(slug="spring-festival-hours", locale__language_code="zh-hans")
    text = BeautifulSoup(client.get(notice.url).content, "html.parser").main.get_text()
    assert zh_date(closing.start_date) in text and zh_date(closing.end_date) in text
    assert zh_date(closing.end_date + timedelta(days=1)) in text  # open again the next day
    assert notice.date <= timezone.localdate()


@pytest.mark.parametrize(
    "slug", ["weekly-reading-club", "full-origami", "lantern-riddles", "poetry-week-postponed", "photo-exhibition"]
)
def test_an_event_page_says_each_thing_once(client, slug):
    event = EventPage.objects.get(slug=slug, locale__language_code="zh-hans")
    main = BeautifulSoup(client.get(event.url).content, "html.parser").main.get_text()
    assert main.count(event.summary) == 1
    if event.status_note:
        assert main.count(event.status_note) == 1
    assert main.count("名额已满，可登记候补。") <= 1


def test_each_branch_note_has_its_own_english(client):
    from portal.demo import BRANCHES, ENGLISH_TEXT

    assert "" not in ENGLISH_TEXT
    village = Branch.objects.get(code="NJ01", locale__language_code="en")
    assert village.opening_hours == "Kept by volunteers of the village committee"
    central = Branch.objects.get(code="ZG", locale__language_code="en")
    assert "children's room" in central.opening_hours
    assert all(note == "" or note in ENGLISH_TEXT for *_, note in BRANCHES)


def test_english_pages_use_english_brackets_and_separators(client):
    from bs4 import BeautifulSoup as Soup

    club = Soup(client.get("/en/events/weekly-reading-club/").content, "html.parser")
    place = club.select_one(".event-facts dd:nth-of-type(2)").get_text(" ", strip=True)
    assert "Yunxi City Library (Central), Third-floor multipurpose hall" in place
    branch = Soup(client.get("/en/branches/ZG/").content, "html.parser").main.get_text()
    assert "（" not in branch and "）" not in branch
    assert "Coming up here" in branch
    assert "Upcoming" in Soup(client.get("/en/events/").content, "html.parser").select_one("nav.tabs").get_text()


def test_titles_name_the_page_once(client):
    from bs4 import BeautifulSoup as Soup

    def title(url):
        return Soup(client.get(url).content, "html.parser").title.get_text()

    assert title("/") == "云溪市图书馆"
    assert title("/en/") == "Yunxi City Library"
    assert len({title("/events/"), title("/events/past/"), title("/events/calendar/")}) == 3
    assert title("/events/past/") == "往期活动 · 活动报名 · 云溪市图书馆"
    for url in ["/", "/en/", "/catalogue/search/"]:
        soup = Soup(client.get(url).content, "html.parser")
        assert soup.select_one('meta[name="description"]')["content"].strip(), url


def test_copies_of_a_weekly_club_found_by_site_search_are_told_apart_by_date(client):
    from bs4 import BeautifulSoup as Soup

    soup = Soup(client.get("/catalogue/search/", {"q": "平凡的世界"}).content, "html.parser")
    results = [" ".join(li.get_text().split()) for li in soup.select(".site-results li")]
    clubs = [text for text in results if text.startswith("周三夜读会")]
    assert len(clubs) >= 2 and len(set(clubs)) == len(clubs)


def test_the_share_code_of_a_record_is_an_image_wechat_can_recognise(client):
    from bs4 import BeautifulSoup as Soup

    soup = Soup(client.get("/catalogue/R00001/").content, "html.parser")
    share = soup.select_one("section.share")
    image = share.select_one("img")
    assert image["src"].startswith("data:image/png;base64,") and image["alt"]
    assert image["width"] == image["height"] and int(image["width"]) >= 100
    assert "长按" in share.get_text() and "扫一扫" not in share.get_text()
