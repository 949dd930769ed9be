"""Help editors get while writing: a lead picture without alternative text is refused with a hint
of what to write; previews open at phone width, where most readers are."""

import pytest
from django.contrib.auth.models import User
from wagtail.images.models import Image
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from events.models import EventPage
from home.models import ArticleIndexPage

pytestmark = pytest.mark.django_db


def add_article(client, **fields):
    news = ArticleIndexPage.objects.get(slug="news", locale__language_code="zh-hans")
    data = {
        "title": "新书到馆",
        "slug": "xinshu-daoguan",
        "kind": "news",
        "date": "2026-12-03",
        "summary": "一批新书上架。",
        "image": "",
        "image_alt": "",
        "body": streamfield([("paragraph", rich_text("<p>欢迎借阅。</p>"))]),
        "action-publish": "publish",
        **fields,
    }
    return client.post(f"/admin/pages/add/home/articlepage/{news.pk}/", nested_form_data(data))


def test_a_picture_without_alternative_text_is_refused(client):
    client.force_login(User.objects.get(username="zongguan-bianji"))
    picture = Image.objects.first()
    refused = add_article(client, image=picture.pk)
    assert refused.status_code == 200 and "选了图片就请填写替代文字" in refused.content.decode()
    accepted = add_article(client, image=picture.pk, image_alt="新书展架上的二十本新书")
    assert accepted.status_code == 302
    assert add_article(client, slug="wu-tupian").status_code == 302  # no picture, nothing to describe


def test_previews_open_at_phone_width():
    event = EventPage.objects.filter(locale__language_code="zh-hans").first()
    assert event.default_preview_size == "mobile"
