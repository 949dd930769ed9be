"""Queries typed the way readers type them, through the API and the search page that readers use
(the demo catalogue: real books among synthetic records). The full set with figures is
demo_data/reader_queries.tsv, run by `make perf`."""

import pytest

from catalog_search.models import CatalogueRecord
from catalog_search.search import analysis
from catalog_search.search.engine import search_records

pytestmark = pytest.mark.django_db


def api_titles(client, query):
    response = client.get("/api/v2/catalogue/", {"search": query})
    assert response.status_code == 200
    return [item["title"] for item in response.json()["items"]]


def page_titles(client, query):
    response = client.get("/catalogue/search/", {"q": query})
    assert response.status_code == 200
    return [record.title for record in response.context["results"].object_list]


@pytest.mark.parametrize(
    "query, title",
    [
        ("hong lou meng", "红楼梦"),
        ("honglou meng", "红楼梦"),
        ("bai lu yuan", "白鹿原"),
        ("ping fan de shi jie", "平凡的世界"),
        ("hong lou meng cao xue qin", "红楼梦"),
        # The reading readers know, not pypinyin's first guess.
        ("zhaohuaxishi", "朝花夕拾"),
        ("zhxs", "朝花夕拾"),
        ("hulanhezhuan", "呼兰河传"),
        ("hlhz", "呼兰河传"),
        # Typed with a homophone or one wrong character: the API finds them as the page does.
        ("围成", "围城"),
        ("纳喊", "呐喊"),
        ("白路原", "白鹿原"),
        ("草防子", "草房子"),
        ("骆驼样子", "骆驼祥子"),
        # Variants and numbers either way.
        ("钱钟书", "围城"),
        ("1984", "一九八四"),
        ("三体2", "三体Ⅱ·黑暗森林"),
        ("三体II", "三体Ⅱ·黑暗森林"),
    ],
)
def test_the_book_comes_first_on_the_api_and_the_page(client, query, title):
    assert api_titles(client, query)[0] == title
    assert page_titles(client, query)[0] == title


def test_an_author_typed_in_pinyin_with_a_space_finds_their_books(client):
    books = {record.title for record in CatalogueRecord.objects.all() if "余华" in record.author_names}
    assert books and set(api_titles(client, "yu hua")[: len(books)]) == books
    assert set(api_titles(client, "余华的书")[: len(books)]) == books  # words after the name


def test_a_title_with_its_own_filler_word_is_still_found_whole():
    CatalogueRecord.objects.create(record_id="T-QUANJI", title="鲁迅全集", authors=[{"name": "鲁迅", "role": "著"}])
    record = CatalogueRecord.objects.get(record_id="T-QUANJI")
    record.prepare_search()
    record.save()
    from wagtail.search.backends import get_search_backend

    get_search_backend().add(record)
    assert search_records("鲁迅全集")[0].record_id == "T-QUANJI"


def test_publishers_are_searchable_below_titles_and_authors(client):
    held = [r for r in CatalogueRecord.objects.filter(publisher="华夏出版社")]
    assert held and set(api_titles(client, "华夏出版社")[: len(held)]) == {r.title for r in held}


def test_a_query_that_matches_nothing_real_answers_nothing_unrelated(client):
    # 四大名著: no title, author or subject holds it; the records that share a character or two
    # with it are noise, and a reader is better served by "nothing found" and the suggestions.
    for title in api_titles(client, "四大名著"):
        key = analysis.squeeze(title)
        assert any(pair in key for pair in ("四大", "大名", "名著")), title


def test_five_letter_pinyin_is_not_taken_for_a_chinese_character():
    assert not analysis.is_single_character("zhang") and not analysis.is_single_character("zhuan")
    assert analysis.is_single_character(analysis.encode("张"))
    assert analysis.query_tiers("zhang") == [[["zhang"]]]


def test_polyphonic_readings_are_bounded():
    title = "长长长长长长长长长长长长长长长长长长长长"  # 长: chang and zhang, twenty times
    assert len(analysis.pinyin_readings(title)) <= analysis.READINGS
    assert len(analysis.pinyin_tokens(title)) <= 4 * analysis.READINGS * len(title)


def test_ties_are_broken_the_same_way_every_time():
    first = [record.record_id for record in search_records("的")]
    again = [record.record_id for record in search_records("的")]
    assert first == again and len(first) > 5
