"""The error page when something broke. A database that does not answer (restarting, failed over,
its connections exhausted) is not a bug in the page: it is a 503 with ``Retry-After``, which load
balancers, crawlers and WeChat's preview fetcher understand as "come back soon"; the next request
connects again by itself (CONN_HEALTH_CHECKS), no restart needed."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader

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
