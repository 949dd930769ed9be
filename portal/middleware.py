"""Requests no page can answer are answered 400 with a reason, not 500.

Probing tools and broken clients send NUL bytes in paths and parameters (PostgreSQL cannot store or
compare them, so every database lookup with one failed), offsets beyond a 64-bit integer, and API
parameters Wagtail's API code does not check (``find/?id=abc``, ``search_operator=bogus``). Those
are the client's mistakes: a 500 pages the operator and tells the client nothing. A NUL byte in a
path is refused; in a parameter it is dropped, as the search box already drops control characters,
so a query pasted with one still gets its normal page."""

import logging

from django.db import DataError, IntegrityError
from django.http import HttpResponseBadRequest, JsonResponse, QueryDict
from django.utils.translation import gettext as _

logger = logging.getLogger("portal.requests")
API_PREFIX = "/api/"


class RejectMalformedRequests:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            return self.bad_request(request, _("请求中含有无效字符。"))
        if "\x00" in request.META.get("QUERY_STRING", "") or "%00" in request.META.get("QUERY_STRING", ""):
            cleaned = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                cleaned.setlist(key.replace("\x00", ""), [value.replace("\x00", "") for value in values])
            cleaned._mutable = False
            request.GET = cleaned
        return self.get_response(request)

    def process_exception(self, request, exception):
        # Wagtail's API turns parameters into numbers and queries without checking them: an offset
        # beyond 64 bits is a DataError on PostgreSQL and a "datatype mismatch" IntegrityError on
        # SQLite. The API only reads, so on a GET these can only come from what the client sent.
        if (
            request.path.startswith(API_PREFIX)
            and request.method in ("GET", "HEAD")
            and isinstance(exception, (ValueError, OverflowError, DataError, IntegrityError))
        ):
            logger.info("API request refused: %s %s", request.get_full_path(), exception)
            return self.bad_request(request, _("查询参数无效：%(reason)s") % {"reason": exception})
        return None

    @staticmethod
    def bad_request(request, message):
        if request.path.startswith(API_PREFIX):
            return JsonResponse({"message": message}, status=400)
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
