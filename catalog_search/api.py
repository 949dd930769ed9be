"""``/api/v2/catalogue/``: records with ``record_id``, ``title``, ``authors``, ``publisher``, ``year``
and ``isbn`` (docs/design.md). ``?search=`` runs the same analysis and ranking as the search page;
``?isbn=`` (any typed form) and ``?clc=`` (a class or its prefix, e.g. ``I247``) filter."""

from rest_framework.exceptions import ValidationError
from wagtail.api.v2.views import BaseAPIViewSet

from portal.isbn import normalise_isbn

from .models import CatalogueRecord
from .search.analysis import clean_query
from .search.engine import find, whole_records


class Ranked(list):
    """Search results in rank order, shaped like a queryset for the API's pagination: the slice
    a response shows is fetched whole (ranking reads only a few fields of each candidate)."""

    model = CatalogueRecord

    def count(self):
        return len(self)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return whole_records(super().__getitem__(index))
        return whole_records([super().__getitem__(index)])[0]


class CatalogueAPIViewSet(BaseAPIViewSet):
    name = "catalogue"
    model = CatalogueRecord
    known_query_parameters = BaseAPIViewSet.known_query_parameters.union(["search", "isbn", "clc"])
    listing_default_fields = ["id", "record_id", "title", "authors", "publisher", "year", "isbn", "clc"]
    nested_default_fields = ["id", "record_id", "title"]

    def get_queryset(self):
        # The API asks twice per request (listing and serializer); a search runs once.
        if not hasattr(self, "_records"):
            self._records = self.find_records()
        return self._records

    def find_records(self):
        records = CatalogueRecord.objects.order_by("id")
        params = self.request.GET
        if params.get("isbn") is not None:
            isbn = normalise_isbn(params["isbn"])
            if isbn is None:
                raise ValidationError({"message": "isbn: 不是有效的 ISBN-10 或 ISBN-13"})
            records = records.filter(isbn=isbn)
        if params.get("clc"):
            records = records.filter(clc__startswith=params["clc"].strip()[:50])
        if params.get("search") is not None:
            query = clean_query(params["search"])
            return Ranked(find(query, records).records if query else [])
        return records
