"""Fixed-window rate limits in the cache (local memory, or Redis shared by every worker).

With local memory each gunicorn worker counts on its own, so the effective limit is the limit
times the number of workers: set ``REDIS_URL`` in production."""

import hashlib
import hmac
import logging

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger("portal.ratelimit")


def client_ip(request):
    """The reader's address. Behind the reverse proxy (``BEHIND_PROXY``), the last address in
    X-Forwarded-For, the one the proxy appended; the header is ignored otherwise, since a client
    could write anything there."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if settings.PORTAL_BEHIND_PROXY and forwarded:
        return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def over_limit(scope, identity, limit, window_seconds):
    """Count one hit for ``identity`` in ``scope``; True once it exceeds ``limit`` in the window.

    A cache that cannot be reached (Redis restarting) lets the request through and logs it: a rate
    limit guards the site, it must never be the reason the site is down."""
    if not limit:
        return False
    key = f"ratelimit:{scope}:{keyed_digest(identity)}"
    try:
        if cache.add(key, 1, timeout=window_seconds):
            return False
        try:
            return cache.incr(key) > limit
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=window_seconds)
            return False
    except Exception:
        logger.warning("rate limit %s not applied: the cache did not answer", scope, exc_info=True)
        return False


def keyed_digest(identity):
    """A phone number or address as it may appear in a cache key: an HMAC under the site's secret
    key. A plain hash of an 11-digit number is reversed in seconds by hashing every number."""
    return hmac.new(settings.SECRET_KEY.encode(), identity.encode(), hashlib.sha256).hexdigest()[:32]


def limited(scope, identity):
    """``over_limit`` with the limit and window configured for ``scope`` in PORTAL_RATE_LIMITS."""
    limit, window = settings.PORTAL_RATE_LIMITS[scope]
    return over_limit(scope, identity, limit, window)
