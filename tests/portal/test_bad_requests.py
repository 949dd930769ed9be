"""What a scanner or a broken client sends gets a 400 with a reason, never a 500: the requests
that answered 500 when a hostile client was pointed at the site (PostgreSQL cannot compare text
with NUL bytes; Wagtail's API does not check its numbers and operators)."""

import pytest
from django.test import Client

from events.models import Registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


@pytest.mark.parametrize(
    "url",
    [
        "/catalogue/R0%0001/",
        "/api/v2/pages/?offset=99999999999999999999",
        "/api/v2/catalogue/?offset=99999999999999999999",
        "/api/v2/pages/find/?id=abc",
        "/api/v2/pages/?search=a&search_operator=bogus",
    ],
)
def test_malformed_requests_are_a_400_with_a_reason(client, url):
    response = client.get(url)
    assert response.status_code == 400, url
    if url.startswith("/api/"):
        assert response.json()["message"]
    else:
        assert "无效" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/catalogue/search/?q=a%00b",
        "/catalogue/search/?clc=I%00",
        "/events/?category=%00",
        "/api/v2/catalogue/?search=a%00",
        "/api/v2/catalogue/?clc=I%00",
        "/api/v2/pages/?locale=zh%00",
        "/api/v2/pages/?search=a%00",
        "/api/v2/pages/find/?html_path=/%00",
    ],
)
def test_a_nul_byte_in_a_parameter_is_dropped_not_a_500(client, url):
    # The page the parameter without its NUL gives: a list, a 404, or find/'s redirect to the home page.
    assert client.get(url).status_code in (200, 302, 404), url


@pytest.mark.parametrize("charset", ["gbk", "latin-1", "utf-16"])
@pytest.mark.parametrize(
    "url", ["/events/weekly-reading-club/register/", "/admin/login/", "/catalogue/purchase-suggestions/"]
)
def test_a_form_posted_in_another_charset_is_a_400_and_changes_nothing(client, charset, url):
    before = Registration.objects.count()
    response = client.post(
        url,
        "name=%D5%C5&phone=13912345678&seats=1&consent=on&username=a&password=b",
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
    )
    assert response.status_code == 400
    assert Registration.objects.count() == before


def test_ordinary_requests_are_untouched(client):
    assert client.get("/api/v2/pages/?offset=1&limit=1").status_code == 200
    assert client.get("/catalogue/search/?q=红楼梦").status_code == 200
