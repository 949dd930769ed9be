"""Links a reader can share: a page an editor makes with a Chinese title gets a pinyin address
(/news/dongjidushuhuibaomingkaishi/), not 40 percent-encoded bytes per word, and it can still be
changed."""

import pytest
from django.contrib.auth.models import User
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home.models import ArticleIndexPage, ArticlePage
from portal.slugs import pinyin_slug

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "title, slug",
    [
        ("冬季读书会报名开始", "dongjidushuhuibaomingkaishi"),
        ("周三夜读会：《平凡的世界》", "zhousanyeduhui-pingfandeshijie"),
        ("2026年读书月 Book Week", "2026-niandushuyue-book-week"),
        ("重庆路分馆", "chongqinglufenguan"),  # the reading a reader says, not zhong
        ("！？", ""),
    ],
)
def test_pinyin_slugs(title, slug):
    assert pinyin_slug(title) == slug


def test_a_long_title_gives_a_slug_a_reader_can_still_read():
    slug = pinyin_slug("关于二〇二六年寒假期间总馆及各分馆开放时间调整和少儿阅览室临时闭馆的公告")
    assert len(slug) <= 60 and slug.isascii() and not slug.endswith("-")


@pytest.fixture
def editor_client(client):
    client.force_login(User.objects.create_superuser("editor", "editor@example.cn", "pw-2026-editor"))
    return client


def add_article(client, title, slug):
    news = ArticleIndexPage.objects.get(slug="news", locale__language_code="zh-hans")
    return client.post(
        f"/admin/pages/add/home/articlepage/{news.pk}/",
        nested_form_data(
            {
                "title": title,
                "slug": slug,
                "kind": "news",
                "date": "2026-12-03",
                "summary": "冬季读书会开始报名。",
                "image_alt": "",
                "body": streamfield([("paragraph", rich_text("<p>欢迎参加。</p>"))]),
                "action-publish": "publish",
            }
        ),
    )


def test_an_editor_publishing_a_chinese_title_gets_a_pinyin_address(editor_client, client):
    # Wagtail's page editor fills the slug in from the title as the editor types: in Chinese.
    response = add_article(editor_client, "冬季读书会报名开始", "冬季读书会报名开始")
    assert response.status_code == 302, response.content.decode()[:2000]
    page = ArticlePage.objects.get(title="冬季读书会报名开始")
    assert page.slug == "dongjidushuhuibaomingkaishi" and page.url == "/news/dongjidushuhuibaomingkaishi/"
    assert client.get("/news/dongjidushuhuibaomingkaishi/").status_code == 200


def test_a_second_page_with_the_same_title_gets_its_own_address(editor_client):
    for _ in range(2):
        assert add_article(editor_client, "冬季读书会报名开始", "冬季读书会报名开始").status_code == 302
    slugs = sorted(ArticlePage.objects.filter(title="冬季读书会报名开始").values_list("slug", flat=True))
    assert slugs == ["dongjidushuhuibaomingkaishi", "dongjidushuhuibaomingkaishi-2"]


def test_a_slug_the_editor_chose_in_latin_letters_is_kept(editor_client):
    add_article(editor_client, "冬季读书会报名开始", "winter-club")
    assert ArticlePage.objects.get(title="冬季读书会报名开始").slug == "winter-club"
