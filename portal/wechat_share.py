"""Share cards inside WeChat (微信 JS-SDK), when the library gives its official account's AppID
and secret (``WECHAT_APP_ID``, ``WECHAT_APP_SECRET``).

A page shared in WeChat shows a card with a title, a line of text and a picture only if the page
tells WeChat's JS-SDK what to show, and the SDK only listens to a page whose address is signed
with the account's ``jsapi_ticket``. So, inside WeChat's browser, ``static/js/wechat.js`` loads
the SDK, asks ``/wechat/share-config/?url=…`` for a signature of the page's address and hands the
page's own Open Graph title, description and picture to the SDK.

The ticket comes from WeChat's API with an access token; both last two hours and WeChat limits
how often they may be asked for (2,000 tokens a day), so the ticket is kept in the site's cache
until shortly before it expires, and shared by every worker. When WeChat cannot be reached or
refuses (a wrong secret, the server's address not on the account's IP whitelist), the answer is
``{"enabled": false}``, the failure is logged and remembered for a minute, and the page is what it
is without the card: nothing else depends on it.

WeChat's own documentation gives the signature algorithm and an example (tests/portal/test_wechat_share.py
checks it); the account must list the site's domain as its JS 接口安全域名.
"""

import hashlib
import json
import logging
import secrets
import time
import urllib.error
import urllib.parse
import urllib.request

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache

logger = logging.getLogger("portal.wechat")

TICKET_KEY = "wechat:jsapi_ticket"
FAILED_KEY = "wechat:failed"
EARLY = 300  # seconds before WeChat's expiry that a ticket is renewed
FAILURE_PAUSE = 60  # seconds before WeChat is asked again after a failure
TIMEOUT = 3  # seconds for each call to WeChat's API: a reader is waiting for the card, not the page
JS_APIS = ["updateAppMessageShareData", "updateTimelineShareData"]


class WeChatError(Exception):
    pass


def enabled():
    return bool(settings.WECHAT_APP_ID and settings.WECHAT_APP_SECRET)


def signature(ticket, nonce, timestamp, url):
    """WeChat's JS-SDK signature: SHA-1 of the four values in this order, as ``key=value`` pairs
    joined by ``&``; the URL without its ``#`` fragment."""
    text = f"jsapi_ticket={ticket}&noncestr={nonce}&timestamp={timestamp}&url={url.split('#')[0]}"
    return hashlib.sha1(text.encode()).hexdigest()


def call(path, **params):
    address = f"{settings.WECHAT_API_BASE.rstrip('/')}{path}?{urllib.parse.urlencode(params)}"
    try:
        with urllib.request.urlopen(address, timeout=TIMEOUT) as response:
            answer = json.loads(response.read().decode("utf-8"))
    except (OSError, ValueError) as error:
        raise WeChatError(f"{path}: {error}") from error
    if answer.get("errcode"):
        # The secret never reaches the log; WeChat's message names what is wrong (40164: this
        # server's address is not on the account's IP whitelist).
        raise WeChatError(f"{path}: {answer.get('errcode')} {answer.get('errmsg', '')}")
    return answer


def fetch_ticket():
    token = call(
        "/cgi-bin/token",
        grant_type="client_credential",
        appid=settings.WECHAT_APP_ID,
        secret=settings.WECHAT_APP_SECRET,
    )
    if "access_token" not in token:
        raise WeChatError("/cgi-bin/token: no access_token in the answer")
    ticket = call("/cgi-bin/ticket/getticket", access_token=token["access_token"], type="jsapi")
    if "ticket" not in ticket:
        raise WeChatError("/cgi-bin/ticket/getticket: no ticket in the answer")
    return ticket["ticket"], int(ticket.get("expires_in", 7200))


def jsapi_ticket():
    """The account's ticket from the cache, or fetched from WeChat; None when WeChat failed (and
    for FAILURE_PAUSE afterwards, so that readers do not each wait for a timeout)."""
    ticket = cache.get(TICKET_KEY)
    if ticket or cache.get(FAILED_KEY):
        return ticket
    try:
        ticket, lifetime = fetch_ticket()
    except WeChatError as error:
        logger.warning("WeChat share cards are off for a minute: %s", error)
        cache.set(FAILED_KEY, True, FAILURE_PAUSE)
        return None
    cache.set(TICKET_KEY, ticket, max(lifetime - EARLY, 60))
    return ticket


@never_cache
def share_config(request):
    """``/wechat/share-config/?url=<this page's address>``: what ``wx.config`` needs, or
    ``{"enabled": false}``. Only addresses of this site are signed."""
    url = request.GET.get("url", "")[:2000]
    if not enabled():
        return JsonResponse({"enabled": False})
    if urllib.parse.urlsplit(url).scheme not in ("http", "https") or not url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return JsonResponse({"enabled": False, "error": "url: 只能签名本站的网址"}, status=400)
    ticket = jsapi_ticket()
    if not ticket:
        return JsonResponse({"enabled": False})
    nonce, timestamp = secrets.token_urlsafe(12), int(time.time())
    return JsonResponse(
        {
            "enabled": True,
            "appId": settings.WECHAT_APP_ID,
            "timestamp": timestamp,
            "nonceStr": nonce,
            "signature": signature(ticket, nonce, timestamp, url),
            "jsApiList": JS_APIS,
        }
    )
