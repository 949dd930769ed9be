"""Every page type renders in both languages through the test client, with the right headings,
language, switcher links and share tags."""

import re

import pytest
from bs4 import BeautifulSoup

from home.models import ArticleIndexPage, ArticlePage

pytestmark = pytest.mark.django_db


def get_html(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, f"{url} answered {response.status_code}"
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize(
    "url, lang, h1",
    [
        ("/", "zh-CN", "云溪市图书馆"),
        ("/en/", "en", "Yunxi City Library"),
        ("/news/", "zh-CN", "新闻动态"),
        ("/en/news/", "en", "News"),
        ("/news/reading-month-opens/", "zh-CN", "“书香云溪”全民阅读月正式启动"),
        ("/en/news/reading-month-opens/", "en", "Reading Yunxi Month opens"),
        ("/privacy/", "zh-CN", "隐私政策"),
        ("/en/privacy/", "en", "Privacy notice"),
    ],
)
def test_page_types_render_in_both_languages(client, url, lang, h1):
    soup = get_html(client, url)
    assert soup.html["lang"] == lang
    assert soup.h1.get_text(strip=True) == h1
    # The frame every page shares: skip link, search box, footer with the privacy link.
    assert soup.select_one("a.skip-link[href='#main']")
    assert soup.select_one("main#main")
    assert soup.select_one("form[role=search] input[name=q]")
    assert soup.select_one(".site-footer a[href$='privacy/']")


def test_english_pages_use_english_frame(client):
    soup = get_html(client, "/en/")
    assert soup.select_one(".site-name").get_text(strip=True) == "Yunxi City Library"
    assert soup.select_one("a.skip-link").get_text(strip=True) == "Skip to main content"
    assert soup.select_one("form[role=search]")["action"] == "/en/catalogue/search/"
    assert soup.select_one(".site-footer a[href='/en/privacy/']").get_text(strip=True) == "Privacy notice"


def test_chinese_frame(client):
    soup = get_html(client, "/")
    assert soup.select_one("a.skip-link").get_text(strip=True) == "跳到主要内容"
    assert soup.select_one("form[role=search]")["action"] == "/catalogue/search/"
    assert soup.select_one(".site-footer").get_text().count("演示ICP备00000000号-1") == 1


@pytest.mark.parametrize(
    "url, target",
    [
        ("/", "/en/"),
        ("/en/", "/"),
        ("/news/two-new-reading-rooms/", "/en/news/two-new-reading-rooms/"),
        ("/en/privacy/", "/privacy/"),
        ("/catalogue/search/?q=%E9%98%85%E8%AF%BB", "/en/catalogue/search/?q=%E9%98%85%E8%AF%BB"),
    ],
)
def test_language_switcher_leads_to_the_same_page(client, url, target):
    soup = get_html(client, url)
    links = soup.select(".language-switcher a")
    assert [a["href"] for a in links] == [target]
    get_html(client, target)  # and the link resolves


def test_switcher_falls_back_to_translated_home_page(client, zh_home):
    news = ArticleIndexPage.objects.get(locale=zh_home.locale)
    untranslated = ArticlePage(title="仅有中文的通知", slug="zh-only", body=[])
    news.add_child(instance=untranslated)
    untranslated.save_revision().publish()
    soup = get_html(client, "/news/zh-only/")
    assert [a["href"] for a in soup.select(".language-switcher a")] == ["/en/"]


def test_share_tags(client):
    soup = get_html(client, "/news/reading-month-opens/")
    assert soup.select_one("meta[property='og:title']")["content"] == "“书香云溪”全民阅读月正式启动"
    assert "六十余场活动" in soup.select_one("meta[property='og:description']")["content"]
    assert soup.select_one("link[rel=canonical]")["href"].endswith("/news/reading-month-opens/")


def test_home_lists_latest_news_newest_first(client):
    soup = get_html(client, "/")
    titles = [a.get_text(strip=True) for a in soup.select(".news .card__title a")]
    assert titles[:2] == ["“书香云溪”全民阅读月正式启动", "总馆少儿阅览室改造完成，重新开放"]
    assert soup.select_one(".news .more a")["href"] == "/news/"


def test_main_menu_lists_pages_shown_in_menus(client):
    soup = get_html(client, "/en/")
    assert [a.get_text(strip=True) for a in soup.select(".main-nav a")] == [
        "Branches",
        "News",
        "Reader's guide",
        "Events",
        "Recommended books",
        "Reading Yunxi Month",
    ]


def test_article_index_pagination_tolerates_bad_page_numbers(client, zh_home):
    news = ArticleIndexPage.objects.get(locale=zh_home.locale)
    for number in range(12):
        article = ArticlePage(title=f"测试新闻 {number}", slug=f"test-{number}", body=[])
        news.add_child(instance=article)
        article.save_revision().publish()
    for page in ["-1", "abc", "1000000000", "2"]:
        soup = get_html(client, f"/news/?page={page}")
        assert soup.select(".card"), page
    assert soup.select_one(".pagination a[rel=prev]")["href"] == "?page=1"


def test_unknown_url_gives_chinese_404(client):
    soup = get_html(client, "/no-such-page/", status=404)
    assert soup.html["lang"] == "zh-CN"
    assert soup.h1.get_text(strip=True) == "页面未找到"
    assert re.search(r"[\u4e00-\u9fff]", soup.title.get_text())


def test_unknown_english_url_gives_english_404(client):
    soup = get_html(client, "/en/no-such-page/", status=404)
    assert soup.h1.get_text(strip=True) == "Page not found"


def test_draft_pages_are_not_public(client, zh_home):
    news = ArticleIndexPage.objects.get(locale=zh_home.locale)
    draft = ArticlePage(title="草稿", slug="draft", body=[], live=False)
    news.add_child(instance=draft)
    get_html(client, "/news/draft/", status=404)


def test_server_error_page_is_chinese_and_needs_no_database(rf, django_assert_num_queries):
    from django.views.defaults import server_error

    with django_assert_num_queries(0):
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "服务暂时不可用" in response.content.decode()


def test_sitemap_lists_pages_in_both_languages(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    body = response.content.decode()
    assert "/news/reading-month-opens/" in body
    assert "/en/news/reading-month-opens/" in body


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
