"""/catalogue/search/ (the header's search box) answers every input with a normal page."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db

BAD_QUERIES = [
    "",
    "   ",
    "阅" * 2000,
    "!!!，。？",
    '" OR 1=1 --',
    "title:*",
    "NEAR(",
    '"unbalanced',
    "📚🙂",
    "\x00\x07控制字符",
    "<script>alert(1)</script>",
]


@pytest.mark.parametrize("query", BAD_QUERIES)
def test_bad_queries_give_a_normal_page(client, query):
    response = client.get("/catalogue/search/", {"q": query})
    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content


@pytest.mark.parametrize("page", ["-1", "0", "abc", "1000000000"])
def test_bad_page_numbers(client, page):
    response = client.get("/catalogue/search/", {"q": "阅读", "page": page})
    assert response.status_code == 200


def test_finds_published_pages_in_the_readers_language(client):
    soup = BeautifulSoup(client.get("/en/catalogue/search/", {"q": "reading rooms"}).content, "html.parser")
    titles = [a.get_text(strip=True) for a in soup.select(".result-list a")]
    assert "Two new city reading rooms open" in titles
    assert all("阅" not in title for title in titles)


def test_empty_search_explains_what_to_type(client):
    soup = BeautifulSoup(client.get("/catalogue/search/").content, "html.parser")
    assert "拼音首字母" in soup.select_one("main").get_text()
