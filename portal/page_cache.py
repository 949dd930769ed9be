"""A page cache for anonymous readers, in the site's cache (Redis when REDIS_URL is set).

Why not a package: wagtail-cache, the maintained Wagtail page cache, declares ``wagtail<8`` and keeps
the list of its keys in one cache entry that every worker reads, changes and writes back (two workers
storing at once lose one's key, which then can no longer be invalidated). Django's own cache
middleware keys pages by the Cookie header as soon as a page touches the session or the CSRF token,
so every reader who once opened a form gets pages of their own. This module keeps to Django's cache
API and adds what a library site needs: invalidation by what a page showed, and pages that expire
when something they say becomes untrue.

What is cached: GET responses with status 200 to readers without a session cookie (editors always
have one), outside the admin, the API, documents and /healthz; never a response that sets a cookie
(a form's CSRF token), is marked private/no-store/no-cache (registration answers, look-ups), or was
rendered for a preview. Pages are keyed by scheme, host, path (which carries the language: /en/…)
and query string, less the tracking parameters WeChat and campaigns add.

How entries go stale:
- **Tags.** While a page renders, the code that reads changing data names it
  (``depends_on("event:12")``); every page depends on ``"site"``. ``changed(tag)`` (after the
  transaction commits) stamps the tag with the time; an entry rendered before that stamp is a miss.
  Publishing, unpublishing, moving or deleting a page, saving a snippet, a setting, an image or a
  document, and importing the catalogue change ``"site"``; a registration changes its event's tag.
- **Moments.** Code that reads the clock says until when its answer holds (``valid_until``): the
  branch's next opening or closing, an event's registration deadline, its end; and every page
  ends at midnight. The entry's lifetime ends there.
- **Lifetime.** ``PORTAL_PAGE_CACHE_SECONDS`` at most; a change missed while the cache did not
  answer is therefore wrong for that long at worst. Tag stamps outlive every entry they can refer to.

One request draws a changed page again; readers who ask for it meanwhile get it as it was
(``X-Page-Cache: stale``), for as long as that drawing takes and never longer than
``RENDERING_SECONDS``. At 9:00 every registration changes its activity's seats left, and without
this every parent reloading the page would render it at once, taking the CPU from the
registrations. A page that has expired (a moment it named has passed) is never served so, and one
that became unfit to keep (unpublished: a 404) is removed at once.

Tags are compared by time, so the clocks of the app servers must agree (NTP) to within
``CLOCK_MARGIN``."""

import contextvars
import hashlib
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone

from .middleware import API_PREFIX

SITE = "site"
# Changed up to this long before rendering began counts as changed after it: app servers' clocks drift.
CLOCK_MARGIN = 1.0
EXCLUDED_PREFIXES = ("/admin/", API_PREFIX, "/documents/", "/healthz", "/django-admin/")
# Added by WeChat to shared links, and by campaign links; the page is the same with or without them.
TRACKING_PARAMETERS = {"from", "isappinstalled", "scene", "subscene", "clicktime", "enterid", "nsukey", "share_source"}
HEADER = "X-Page-Cache"
# A changed page is served as it was to other readers while one request draws it again, for at
# most this long (should that request's worker die, the next reader draws it after this).
RENDERING_SECONDS = 5


def next_midnight():
    """Dates are everywhere on the pages (今天, 正在进行, the countdown to 4·23, this week's
    activities): no page outlives the day it was rendered on, in the site's time zone."""
    today = timezone.localdate()
    return datetime.combine(today + timedelta(days=1), datetime.min.time(), tzinfo=timezone.get_current_timezone())


@dataclass
class Notes:
    """What the page being rendered depends on."""

    tags: set = field(default_factory=lambda: {SITE})
    until: float = field(default_factory=lambda: next_midnight().timestamp())  # a Unix time


_notes = contextvars.ContextVar("page_cache_notes", default=None)


def depends_on(tag):
    """The page being rendered shows data that ``changed(tag)`` announces changes of."""
    notes = _notes.get()
    if notes is not None:
        notes.tags.add(tag)


def valid_until(moment):
    """The page being rendered says something that stops being true at ``moment`` (a datetime)."""
    notes = _notes.get()
    if notes is not None and moment is not None:
        stamp = moment.timestamp() if isinstance(moment, datetime) else float(moment)
        notes.until = min(notes.until, stamp)


def changed(tag=SITE):
    """Pages showing ``tag`` must be rendered again, once the current transaction (if any)
    commits: a page rendered in between would otherwise be stored with the old data."""
    transaction.on_commit(lambda: stamp(tag), robust=True)


def stamp(tag):
    if seconds():
        cache.set(tag_key(tag), time.time(), seconds() + 60)


def seconds():
    return settings.PORTAL_PAGE_CACHE_SECONDS


def tag_key(tag):
    return f"pagecache:tag:{tag}"


def page_key(request):
    query = [
        (name, value)
        for name, value in parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)
        if name not in TRACKING_PARAMETERS and not name.startswith("utm_")
    ]
    address = f"{request.scheme}://{request.get_host()}{request.path}?{urlencode(sorted(query))}"
    return "pagecache:page:" + hashlib.sha256(address.encode()).hexdigest()


def cacheable_request(request):
    return (
        request.method in ("GET", "HEAD")
        and seconds() > 0
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(EXCLUDED_PREFIXES)
    )


def cacheable_response(request, response):
    control = response.get("Cache-Control", "").lower()
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not getattr(request, "is_preview", False)
        and not any(word in control for word in ("private", "no-store", "no-cache"))
    )


class PageCacheMiddleware:
    """Serves and stores anonymous pages (see the module's docstring). Sits outside the session,
    CSRF and locale middleware, so that it sees the cookies they set before deciding to store."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not cacheable_request(request):
            return self.get_response(request)
        key = page_key(request)
        entry, stamps = entry_and_stamps(key)
        if entry is not None and not changed_since(entry["started"], stamps):
            return response_from(entry, "hit")
        changed_entry = entry is not None
        if changed_entry and not cache.add(rendering_key(key), 1, RENDERING_SECONDS):
            # Another worker is drawing this page again right now (a registration changed its
            # seats a moment ago): the readers who reload it meanwhile get it as it was, instead
            # of all drawing it at once while the registrations wait for the CPU.
            return response_from(entry, "stale")
        try:
            return self.render_and_store(request, key, delete_if_not_stored=changed_entry)
        finally:
            if changed_entry:
                cache.delete(rendering_key(key))

    def render_and_store(self, request, key, delete_if_not_stored):
        started = time.time()
        notes = Notes()
        token = _notes.set(notes)
        try:
            response = self.get_response(request)
        finally:
            _notes.reset(token)
        if cacheable_response(request, response) and store(key, response, started, notes):
            return response
        response.headers.setdefault(HEADER, "skip")
        if delete_if_not_stored:
            # What the page became is not to be kept (unpublished: a 404; an error): the old
            # entry must not be served as "stale" to anyone any more.
            cache.delete(key)
        return response


def store(key, response, started, notes):
    """Keeps the response; False when what it shows stops being true too soon to keep it."""
    lifetime = min(seconds(), int(notes.until - time.time()))
    if lifetime <= 0:
        return False
    response[HEADER] = "miss"
    headers = [(name, value) for name, value in response.items() if name != HEADER]
    cache.set(
        key,
        {
            "started": started,
            "tags": sorted(notes.tags),
            "status": response.status_code,
            "headers": headers,
            "content": response.content,
        },
        lifetime,
    )
    return True


def changed_since(started, stamps):
    """Whether any of the tags' ``stamps`` (None: never changed) is later than ``started``."""
    return any(stamp is not None and stamp >= started - CLOCK_MARGIN for stamp in stamps)


# Page key → the tags its entry named when this process last read it. Only a guess of which stamps
# to fetch together with the entry, so that a hit costs one round trip to Redis instead of two (the
# entry, then its tags' stamps); the entry's own tags are always the ones checked. Emptied when full.
_tags_seen = {}
TAGS_SEEN_MAX = 10_000


def entry_and_stamps(key):
    """(the stored entry or None, the stamps of the tags it names)."""
    guessed = _tags_seen.get(key, (SITE,))
    found = cache.get_many([key, *(tag_key(tag) for tag in guessed)])
    entry = found.get(key)
    if not isinstance(entry, dict):
        return None, []
    tags = tuple(entry["tags"])
    if tags != guessed:
        unguessed = [tag_key(tag) for tag in tags if tag not in guessed]
        if unguessed:
            found.update(cache.get_many(unguessed))
        if len(_tags_seen) >= TAGS_SEEN_MAX:
            _tags_seen.clear()
        _tags_seen[key] = tags
    return entry, [found.get(tag_key(tag)) for tag in tags]


def response_from(entry, how):
    response = HttpResponse(entry["content"], status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    response[HEADER] = how
    return response


def rendering_key(key):
    """Held (``cache.add``) by the one request that draws a changed page again."""
    return key + ":rendering"


def kept(key, build, keep=None):
    """``build()``, kept in the cache until anything on the site changes (the ``"site"`` tag) or
    the page cache's lifetime ends; built every time while the page cache is off, since only then
    do edits stamp the tag in a cache every worker shares. ``keep(value)`` may say a value is not
    worth keeping."""
    if not seconds():
        return build()
    found = cache.get_many([key, tag_key(SITE)])
    entry = found.get(key)
    if isinstance(entry, dict) and not changed_since(entry["started"], [found.get(tag_key(SITE))]):
        return entry["value"]
    started = time.time()
    value = build()
    if keep is None or keep(value):
        cache.set(key, {"started": started, "value": value}, seconds())
    return value
