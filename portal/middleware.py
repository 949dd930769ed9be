"""Requests no page can answer are answered 400 with a reason, not 500.

Probing tools and broken clients send NUL bytes in paths and parameters (PostgreSQL cannot store or
compare them, so every database lookup with one failed), offsets beyond a 64-bit integer, and API
parameters Wagtail's API code does not check (``find/?id=abc``, ``search_operator=bogus``). Those
are the client's mistakes: a 500 pages the operator and tells the client nothing."""

import logging

from django.db import DataError, IntegrityError
from django.http import HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext as _

logger = logging.getLogger("portal.requests")
API_PREFIX = "/api/"


class RejectMalformedRequests:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any("\x00" in key or "\x00" in value
                                         for key, values in request.GET.lists() for value in values):
            return self.bad_request(request, _("请求中含有无效字符。"))
        return self.get_response(request)

    def process_exception(self, request, exception):
        # Wagtail's API turns parameters into numbers and queries without checking them: an offset
        # beyond 64 bits is a DataError on PostgreSQL and a "datatype mismatch" IntegrityError on
        # SQLite. The API only reads, so on a GET these can only come from what the client sent.
        if (request.path.startswith(API_PREFIX) and request.method in ("GET", "HEAD")
                and isinstance(exception, (ValueError, OverflowError, DataError, IntegrityError))):
            logger.info("API request refused: %s %s", request.get_full_path(), exception)
            return self.bad_request(request, _("查询参数无效：%(reason)s") % {"reason": exception})
        return None

    @staticmethod
    def bad_request(request, message):
        if request.path.startswith(API_PREFIX):
            return JsonResponse({"message": message}, status=400)
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
