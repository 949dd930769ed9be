"""The reader's catalogue through the test client: search page with facets, record page,
typeahead and the API — all ranked by the same search."""

import pytest
from bs4 import BeautifulSoup

from catalog_search.models import CatalogueRecord


def soup_of(client, url, params=None):
    response = client.get(url, params or {})
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def result_titles(soup):
    return [a.get_text(strip=True) for a in soup.select(".book__title a")]


def test_search_page_shows_books_with_availability(client, catalogue):
    soup = soup_of(client, "/catalogue/search/", {"q": "平凡的"})
    assert result_titles(soup)[0] == "平凡的世界"
    first = soup.select_one(".book")
    assert "路遥 著" in first.get_text() and "人民文学出版社" in first.get_text()
    copies = first.select_one(".book__copies").get_text()
    assert "云溪市图书馆（总馆）：在架 1/1" in copies and "东城分馆：暂无可外借" in copies
    english = soup_of(client, "/en/catalogue/search/", {"q": "平凡的"}).select_one(".book .book__copies").get_text()
    assert (
        "Yunxi City Library (Central): 1 of 1 on the shelf" in english
        and "Dongcheng Branch: none to lend now" in english
    )


def test_facets_filter_and_combine(client, catalogue):
    assert "三体" in result_titles(soup_of(client, "/catalogue/search/", {"q": "刘慈欣", "branch": "YSF01"}))
    assert (
        result_titles(soup_of(client, "/catalogue/search/", {"q": "刘慈欣", "branch": "YSF01", "available": "on"}))
        == []
    )
    assert set(result_titles(soup_of(client, "/catalogue/search/", {"q": "余华", "available": "on"}))) == {
        "活着",
        "许三观卖血记",
    }
    only_k = result_titles(soup_of(client, "/catalogue/search/", {"q": "路遥", "clc": "K"}))
    assert only_k == ["路遥传"]
    assert result_titles(soup_of(client, "/catalogue/search/", {"q": "红楼梦", "year_from": "2009"})) == [
        "红楼梦人物论"
    ]
    newest = result_titles(soup_of(client, "/catalogue/search/", {"q": "鲁迅", "sort": "newest"}))
    assert set(newest) == {"朝花夕拾", "呐喊"}


@pytest.mark.parametrize(
    "params",
    [
        {"q": "路遥", "branch": "NOPE"},
        {"q": "路遥", "clc": "Ω"},
        {"q": "路遥", "year_from": "abc"},
        {"q": "路遥", "year_to": "99999"},
        {"q": "路遥", "sort": "random"},
        {"q": "路遥", "page": "-1"},
        {"q": "路遥", "page": "1000000000"},
        {"q": "路遥", "language": "<b>"},
    ],
)
def test_bad_facets_are_named_and_ignored(client, catalogue, params):
    soup = soup_of(client, "/catalogue/search/", params)
    assert "平凡的世界" in result_titles(soup)


def test_no_result_suggests_a_homophone(client, catalogue):
    soup = soup_of(client, "/catalogue/search/", {"q": "平反的世界"})  # 反 for 凡: same sound
    assert "平凡的世界" in soup.get_text()


def test_record_page(client, catalogue):
    soup = soup_of(client, "/catalogue/T0001/")
    assert soup.select_one("h1").get_text(strip=True) == "平凡的世界"
    rows = [tr.get_text(" ", strip=True) for tr in soup.select(".holdings tbody tr")]
    assert any("云溪市图书馆（总馆）" in row and "在架" in row for row in rows)
    assert soup.select_one(".holdings a")["href"].startswith("/branches/")
    assert soup.select_one(".share img")["src"].startswith("data:image/png")
    english = soup_of(client, "/en/catalogue/T0001/")
    assert "On the shelf" in english.select_one(".holdings").get_text()
    assert english.select_one(".holdings a")["href"].startswith("/en/branches/")  # the map in the reader's language
    assert client.get("/catalogue/NO-SUCH-RECORD/").status_code == 404


def test_suggest_is_small_json(client, catalogue):
    data = client.get("/catalogue/suggest/", {"q": "pfd"}).json()
    assert data["suggestions"][0] == {"title": "平凡的世界", "record_id": "T0001", "url": "/catalogue/T0001/"}
    assert client.get("/catalogue/suggest/", {"q": ""}).json()["suggestions"] == []


def test_api_search_uses_the_same_ranking(client, catalogue):
    data = client.get("/api/v2/catalogue/", {"search": "平凡的世界"}).json()
    assert data["items"][0]["title"] == "平凡的世界" and data["items"][1]["title"] == "平凡的世界 第二部"
    assert set(data["items"][0]) >= {"record_id", "title", "authors", "publisher", "year", "isbn"}
    assert data["meta"]["total_count"] == len(data["items"]) or data["meta"]["total_count"] > 0


def test_api_isbn_and_clc_filters(client, catalogue):
    isbn = CatalogueRecord.objects.get(record_id="T0007").isbn
    hyphenated = f"{isbn[:3]}-{isbn[3]}-{isbn[4:8]}-{isbn[8:12]}-{isbn[12]}"
    assert [i["title"] for i in client.get("/api/v2/catalogue/", {"isbn": hyphenated}).json()["items"]] == ["活着"]
    assert client.get("/api/v2/catalogue/", {"isbn": "123"}).status_code == 400
    titles = {i["title"] for i in client.get("/api/v2/catalogue/", {"clc": "K"}).json()["items"]}
    assert titles == {"路遥传", "万历十五年", "人类简史"}


@pytest.mark.parametrize("search", ["", '" OR 1=1 --', "title:*", "NEAR(", "😀", "\x00", "平" * 2000])
def test_api_bad_search_never_fails(client, catalogue, search):
    assert client.get("/api/v2/catalogue/", {"search": search}).status_code == 200
