"""The site's public address, from ``WAGTAILADMIN_BASE_URL``.

Wagtail builds every absolute link from the default Site record — canonical links, og:url,
JSON-LD, the API's ``html_url``, the link in a reader's 报名成功 message — and a fresh database
says ``localhost:80``. So ``migrate`` (and ``load_demo``) copy the host and port of
``WAGTAILADMIN_BASE_URL`` into the default Site whenever the variable is set, or whenever the
Site still carries Wagtail's placeholder. Changing the address is then one variable and one
``migrate``; the check ``portal.W001`` (``check --deploy``) warns while it still says localhost.
"""

import os
from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0"}
PLACEHOLDER = ("localhost", 80)  # what Wagtail's own migration creates


def base_url_address():
    """(hostname, port) of WAGTAILADMIN_BASE_URL, or None when it cannot be read."""
    parts = urlsplit(settings.WAGTAILADMIN_BASE_URL or "")
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        return None
    try:
        port = parts.port
    except ValueError:
        return None
    return parts.hostname, port or (443 if parts.scheme == "https" else 80)


def apply_base_url(**_signal_arguments):
    """Give the default Site the address of WAGTAILADMIN_BASE_URL (see the module docstring).
    Returns the Site changed, or None."""
    from wagtail.models import Site

    address = base_url_address()
    site = Site.objects.filter(is_default_site=True).first()
    if address is None or site is None or (site.hostname, site.port) == address:
        return None
    if "WAGTAILADMIN_BASE_URL" not in os.environ and (site.hostname, site.port) != PLACEHOLDER:
        return None  # an address an administrator chose is not replaced by the default
    site.hostname, site.port = address
    site.save(update_fields=["hostname", "port"])
    return site


@checks.register(checks.Tags.security, deploy=True)
def check_public_address(app_configs, **kwargs):
    address = base_url_address()
    if address is None or address[0] in LOCAL_HOSTS:
        return [
            checks.Warning(
                f"WAGTAILADMIN_BASE_URL is {settings.WAGTAILADMIN_BASE_URL!r}: links in pages, the API and "
                "readers' messages would point there.",
                hint="Set WAGTAILADMIN_BASE_URL to the site's public address, e.g. https://lib.example.cn, "
                "then run manage.py migrate.",
                id="portal.W001",
            )
        ]
    return []
