"""WeChat share cards, against a fake of WeChat's API on loopback (WeChat itself cannot be reached
from here): the ticket is fetched once and kept, pages of this site only are signed, and a
WeChat that refuses or does not answer turns the cards off without touching the page."""

import hashlib
import json
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache

from portal import wechat_share

pytestmark = pytest.mark.django_db

APP_ID, SECRET = "wx1234567890abcdef", "0123456789abcdef0123456789abcdef"


class FakeWeChat(BaseHTTPRequestHandler):
    """WeChat's two calls as its documentation describes them, answers included."""

    calls = []
    refuse = None  # an errcode to answer every call with (40164: the caller's IP is not whitelisted)

    def do_GET(self):  # noqa: N802 (http.server's name)
        address = urlsplit(self.path)
        params = {name: values[0] for name, values in parse_qs(address.query).items()}
        type(self).calls.append(address.path)
        if self.refuse:
            answer = {"errcode": self.refuse, "errmsg": "invalid ip 10.0.0.1, not in whitelist"}
        elif address.path == "/cgi-bin/token":
            good = params == {"grant_type": "client_credential", "appid": APP_ID, "secret": SECRET}
            answer = (
                {"access_token": "TOKEN-1", "expires_in": 7200}
                if good
                else {"errcode": 40013, "errmsg": "invalid appid"}
            )
        elif address.path == "/cgi-bin/ticket/getticket" and params == {"access_token": "TOKEN-1", "type": "jsapi"}:
            answer = {"errcode": 0, "errmsg": "ok", "ticket": "TICKET-1", "expires_in": 7200}
        else:
            answer = {"errcode": 40001, "errmsg": "invalid credential"}
        body = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_wechat():
    FakeWeChat.calls, FakeWeChat.refuse = [], None
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeWeChat)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    cache.delete_many([wechat_share.TICKET_KEY, wechat_share.FAILED_KEY])
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def account(settings, fake_wechat):
    settings.WECHAT_APP_ID, settings.WECHAT_APP_SECRET, settings.WECHAT_API_BASE = APP_ID, SECRET, fake_wechat
    return FakeWeChat


def config_for(client, url):
    return client.get("/wechat/share-config/", {"url": url}, HTTP_HOST="testserver")


def test_the_signature_is_wechats():
    """The example in WeChat's JS-SDK documentation (附录1-JS-SDK使用权限签名算法)."""
    assert (
        wechat_share.signature(
            "sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg",
            "Wm3WZYTPz0wzccnW",
            1414587457,
            "http://mp.weixin.qq.com?params=value",
        )
        == "0f9de62fce790f9a083d5c99e95740ceb90c27ed"
    )
    # What follows # is never part of the signed address.
    assert wechat_share.signature("t", "n", 1, "http://a/b?c=d#e") == wechat_share.signature(
        "t", "n", 1, "http://a/b?c=d"
    )


def test_without_an_account_nothing_changes(client):
    body = BeautifulSoup(client.get("/events/").content, "html.parser").body
    assert not body.has_attr("data-wechat-share")
    assert config_for(client, "http://testserver/events/").json() == {"enabled": False}
    assert "res.wx.qq.com" not in client.get("/events/")["Content-Security-Policy"]


def test_a_page_is_signed_with_the_ticket_wechat_gave_and_the_ticket_is_kept(client, account):
    body = BeautifulSoup(client.get("/events/").content, "html.parser").body
    assert body["data-wechat-share"] == "/wechat/share-config/"
    assert body["data-wechat-sdk"].startswith("https://res.wx.qq.com/")
    page = "http://testserver/events/classics-recitation/?from=singlemessage"
    answer = config_for(client, page + "#top")
    assert answer.status_code == 200 and answer["Cache-Control"].startswith("max-age=0")
    config = answer.json()
    assert config["enabled"] and config["appId"] == APP_ID and abs(config["timestamp"] - time.time()) < 60
    expected = hashlib.sha1(
        f"jsapi_ticket=TICKET-1&noncestr={config['nonceStr']}&timestamp={config['timestamp']}&url={page}".encode()
    ).hexdigest()
    assert config["signature"] == expected
    assert account.calls == ["/cgi-bin/token", "/cgi-bin/ticket/getticket"]
    for _ in range(5):
        assert config_for(client, page).json()["enabled"]
    assert len(account.calls) == 2  # WeChat allows 2,000 tokens a day: every reader shares one ticket
    assert "APP_SECRET" not in json.dumps(config) and SECRET not in json.dumps(config)


def test_only_this_sites_addresses_are_signed(client, account):
    for url in ["https://evil.example/events/", "//evil.example/", "javascript:alert(1)", "/events/", ""]:
        answer = config_for(client, url)
        assert answer.status_code == 400 and answer.json()["enabled"] is False, url
    assert account.calls == []


def test_when_wechat_refuses_the_cards_are_off_for_a_minute_and_pages_are_unchanged(client, account, caplog):
    account.refuse = 40164
    assert config_for(client, "http://testserver/events/").json() == {"enabled": False}
    assert "40164" in caplog.text and SECRET not in caplog.text
    assert client.get("/events/").status_code == 200
    config_for(client, "http://testserver/events/")
    assert account.calls == ["/cgi-bin/token"]  # not asked again at once
    account.refuse = None
    cache.delete(wechat_share.FAILED_KEY)  # the minute has passed
    assert config_for(client, "http://testserver/events/").json()["enabled"]


def test_a_wrong_secret_is_a_refusal(client, account, settings):
    settings.WECHAT_APP_SECRET = "not-the-secret"
    assert config_for(client, "http://testserver/").json() == {"enabled": False}


def test_when_wechat_does_not_answer_readers_do_not_wait(client, settings):
    with socket.socket() as closed:  # a port nobody listens on
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    settings.WECHAT_APP_ID, settings.WECHAT_APP_SECRET = APP_ID, SECRET
    settings.WECHAT_API_BASE = f"http://127.0.0.1:{port}"
    cache.delete_many([wechat_share.TICKET_KEY, wechat_share.FAILED_KEY])
    started = time.monotonic()
    assert config_for(client, "http://testserver/").json() == {"enabled": False}
    assert time.monotonic() - started < wechat_share.TIMEOUT + 1


def test_with_an_account_the_policy_lets_wechats_sdk_in_and_nothing_else():
    script = (
        "import os; os.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings.test'; "
        "from django.conf import settings; "
        "print(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['script-src'])"
    )
    found = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin", "WECHAT_APP_ID": APP_ID, "WECHAT_APP_SECRET": SECRET},
    )
    assert found.stdout.strip() == "[\"'self'\", 'https://res.wx.qq.com']"
