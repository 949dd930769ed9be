"""A QR code of any page of the site, for posters and screens (/qr/?path=/events/…/).

Only a path on this site is encoded, joined to the site's public address (the Wagtail Site, set
from WAGTAILADMIN_BASE_URL, as every absolute link is), so that a code printed from an internal
address still works for readers, and the view cannot make codes that send people elsewhere. The code is a PNG, which WeChat recognises by a long
press, with the address written under it for those who cannot scan.
"""

import segno
from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.models import Site

MAX_PATH = 500


def site_path(value):
    """``value`` if it is a path of this site (``/…``, not ``//host``), else None."""
    value = (value or "").strip()
    if not value.startswith("/") or value.startswith("//") or "\\" in value or len(value) > MAX_PATH:
        return None
    if any(ord(char) < 32 for char in value):
        return None
    return value


def qr_image(url, scale=8):
    """(a PNG data URI of ``url``'s QR code, its width in pixels)."""
    code = segno.make(url, error="m")
    return code.png_data_uri(scale=scale, border=2), code.symbol_size(scale=scale, border=2)[0]


def page_qr(request):
    path = site_path(request.GET.get("path"))
    if path is None:
        return render(request, "portal/page_qr.html", {"error": _("只能为本站的页面生成二维码。")}, status=400)
    site = Site.find_for_request(request)
    url = (site.root_url if site else request.build_absolute_uri("/").rstrip("/")) + path
    image, size = qr_image(url)
    return render(request, "portal/page_qr.html", {"url": url, "qr": image, "qr_size": size})
