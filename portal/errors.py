"""What readers get when something the site needs is down.

A database that does not answer (restarting, failed over, its connections exhausted) is not a bug
in the page: it is a 503 with ``Retry-After``, which load balancers, crawlers and WeChat's preview
fetcher understand as "come back soon"; the next request connects again by itself
(CONN_HEALTH_CHECKS), no restart needed. An Elasticsearch cluster that does not answer takes
searching away, and nothing else (``SearchUnavailable``)."""

import logging
import sys

import elastic_transport
import elasticsearch
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _

from .middleware import API_PREFIX

logger = logging.getLogger("portal.search")

RETRY_AFTER_SECONDS = 30


def server_error(request):
    # Called by Django inside the ``except`` that caught the error, so it is still at hand.
    error = sys.exc_info()[1]
    unavailable = isinstance(error, (OperationalError, InterfaceError))
    # Rendered without a request or context: nothing on the page may need the database.
    response = HttpResponse(loader.get_template("500.html").render(), status=503 if unavailable else 500)
    if unavailable:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


# What the Elasticsearch client raises when the cluster cannot be reached or refuses the request
# (a missing index after a botched upgrade is as unavailable to readers as a stopped cluster).
SEARCH_BACKEND_ERRORS = (elastic_transport.TransportError, elasticsearch.ApiError)


class SearchUnavailable:
    """Elasticsearch down: every search — the catalogue page, the typeahead, the API's
    ``?search=``, Wagtail's pages API — answers 503 "检索暂不可用" (JSON where JSON was asked
    for), while every page that does not search keeps working. Purchase suggestions do not search
    the engine (catalog_search.purchase.views), so they are still accepted."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, SEARCH_BACKEND_ERRORS):
            return None
        logger.error("search backend unavailable: %s %s", request.get_full_path(), exception)
        message = _("检索暂不可用，请稍后再试。")
        # JSON for the API and for whoever asks for it (the typeahead's fetch sends
        # Accept: application/json): the kernel need not know which app's views answer JSON.
        if request.path.startswith(API_PREFIX) or "application/json" in request.headers.get("Accept", ""):
            response = JsonResponse({"message": str(message)}, status=503)
        else:
            response = render(request, "search_unavailable.html", {"message": message}, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
