"""Two-step login as a member of staff meets it: optional; once an authenticator app is added
(by scanning the code, or typing the key the page shows), the password alone opens no admin page,
not even by a direct address, until the app's current code is given; wrong codes are refused in
Chinese and slow down; a lost phone is dealt with by a command. The codes here are computed as an
authenticator app computes them (RFC 6238) from the key the page shows, not by the server's code."""

import base64
import hashlib
import hmac
import io
import re
import struct
import time

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-editor-password-2026"


def authenticator_code(secret, at=None, offset=0):
    """What an authenticator app shows for ``secret`` (base32, as typed by hand) at ``at``."""
    key = base64.b32decode(secret.replace(" ", "") + "=" * (-len(secret.replace(" ", "")) % 8))
    counter = int((at or time.time()) // 30) + offset
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    start = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[start : start + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


@pytest.fixture
def editor():
    return User.objects.create_superuser("editor-li", "li@library.example.cn", PASSWORD)


def log_in(client=None):
    client = client or Client()
    response = client.post("/admin/login/", {"username": "editor-li", "password": PASSWORD})
    assert response.status_code == 302
    return client


class App:
    """An authenticator app holding the key the page showed; its codes are counted from the moment
    it was set up, so that a test crossing a 30-second boundary asks for the same steps."""

    def __init__(self, secret):
        self.secret, self.started = secret, time.time()

    def code(self, offset=0):
        return authenticator_code(self.secret, self.started, offset)


def enable(client):
    page = BeautifulSoup(client.get("/admin/two-factor/").content, "html.parser")
    app = App(page.select_one("[data-secret]").get_text())
    assert page.select_one("img[src^='data:image/png']")  # the code to scan
    response = client.post("/admin/two-factor/", {"code": app.code()})
    assert response.status_code == 302
    return app


def test_without_an_app_the_password_is_enough(editor):
    client = log_in()
    assert client.get("/admin/").status_code == 200
    assert "两步验证" in client.get("/admin/account/").content.decode()  # offered, not imposed


def test_with_an_app_the_password_alone_opens_nothing(editor):
    app = enable(log_in())
    client = log_in()  # another day, another browser
    for url in ["/admin/", "/admin/pages/", "/admin/events/registrations/", "/admin/two-factor/"]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/admin/two-factor/verify/"), url
    wrong = client.post("/admin/two-factor/verify/", {"code": "000000", "next": "/admin/pages/"})
    assert wrong.status_code == 200 and "验证码不正确" in wrong.content.decode()
    time.sleep(1.1)  # the wait after one wrong code
    # The code that switched the app on was used up; the app's next one is accepted (a used code
    # never is twice: a code read over a shoulder is worth nothing).
    right = client.post("/admin/two-factor/verify/", {"code": app.code(offset=1), "next": "/admin/pages/"})
    assert right.status_code == 302 and right["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200


def test_a_code_is_good_once(editor):
    app = enable(log_in())  # with the app's current code
    response = log_in().post("/admin/two-factor/verify/", {"code": app.code()})
    assert "验证码不正确" in response.content.decode()


def test_guessing_codes_is_slowed_down(editor):
    app = enable(log_in())
    client = log_in()
    for guess in ("111111", "222222", "333333"):
        client.post("/admin/two-factor/verify/", {"code": guess})
    # Even the right code waits now: the wait doubles after each failure.
    response = client.post("/admin/two-factor/verify/", {"code": app.code(offset=1)})
    assert "尝试次数过多" in response.content.decode()
    assert client.get("/admin/").status_code == 302


def test_a_code_from_another_app_or_an_old_code_is_refused(editor):
    app = enable(log_in())
    client = log_in()
    old = app.code(offset=-4)  # two minutes ago
    response = client.post("/admin/two-factor/verify/", {"code": old})
    assert "验证码不正确" in response.content.decode()


def test_the_next_address_cannot_lead_off_the_site(editor):
    app = enable(log_in())
    client = log_in()
    response = client.post(
        "/admin/two-factor/verify/", {"code": app.code(offset=1), "next": "https://evil.example/admin/"}
    )
    assert response["Location"] == "/admin/"


def test_switching_it_off_needs_a_current_code(editor):
    client = log_in()
    app = enable(client)
    refused = client.post("/admin/two-factor/", {"code": "123456"})
    assert "验证码不正确" in refused.content.decode()
    time.sleep(1.1)
    client.post("/admin/two-factor/", {"code": app.code(offset=1)})
    assert log_in().get("/admin/").status_code == 200


def test_a_lost_phone_is_switched_off_by_the_operator(editor):
    enable(log_in())
    output = io.StringIO()
    call_command("remove_two_factor", "editor-li", stdout=output)
    assert "已为 editor-li 关闭两步验证" in output.getvalue()
    assert log_in().get("/admin/").status_code == 200


def test_the_app_shows_the_librarys_name(editor):
    client = log_in()
    client.get("/admin/two-factor/")
    from django_otp.plugins.otp_totp.models import TOTPDevice

    url = TOTPDevice.objects.get(user=editor).config_url
    assert re.search(r"issuer=%E4%BA%91%E6%BA%AA", url)  # 云溪…, the demo library's name


def test_public_pages_cost_nothing_more(client, django_assert_max_num_queries):
    from tests.home.test_query_counts import HOME_PAGE_MAX_QUERIES, warm_up

    warm_up(client, "/")
    with django_assert_max_num_queries(HOME_PAGE_MAX_QUERIES):
        assert client.get("/").status_code == 200
