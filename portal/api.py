"""The branches' endpoint of the Wagtail API v2 (``/api/v2/branches/``); the router that serves it
with Wagtail's pages and the catalogue is config.api."""

from django.utils.functional import cached_property
from rest_framework.exceptions import ValidationError
from wagtail.api.v2.views import BaseAPIViewSet
from wagtail.models import Locale

from .models import Branch


class BranchesAPIViewSet(BaseAPIViewSet):
    """``/api/v2/branches/``: every branch with its open-now status at the time of the request.
    ``?locale=en`` gives English names and addresses (default: the default language)."""

    name = "branches"
    model = Branch
    known_query_parameters = BaseAPIViewSet.known_query_parameters.union(["locale"])
    meta_fields = ["detail_url"]  # "type" is the branch's type here, not the API's model name
    listing_default_fields = [
        "id",
        "code",
        "name",
        "type",
        "address",
        "lat",
        "lng",
        "facilities",
        "open_now",
        "next_change",
    ]
    nested_default_fields = ["id", "code", "name"]

    def get_queryset(self):
        return Branch.objects.filter(locale=self.locale).with_hours().order_by("code")

    @cached_property
    def locale(self):
        code = self.request.GET.get("locale")
        if not code:
            return Locale.get_default()
        try:
            return Locale.objects.get(language_code=code)
        except Locale.DoesNotExist:
            raise ValidationError({"message": f"unknown locale {code!r}"}) from None
