"""The reader's catalogue: ``/catalogue/search/?q=`` (the address every page's search box sends to),
``/catalogue/<record_id>/`` and ``/catalogue/suggest/?q=`` for typeahead."""

import re
from urllib.parse import urlencode

from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from wagtail.models import Locale, Page

from portal import books, branch_map
from portal.i18n import localized_all
from portal.pagination import paginate
from portal.qr import qr_image
from portal.routing import public

from .availability import attach_copies, holdings_of
from .forms import CLC_CLASSES, CatalogueFilterForm
from .models import CatalogueRecord, ReadingListPage
from .search import analysis
from .search.engine import find, search_records, whole_records

RESULTS_PER_PAGE = 10
PAGE_RESULTS = 3
SUGGESTIONS = 8
NOT_A_WORD = re.compile(r"[^\w]+")


def search_terms(query):
    """Words only: punctuation and operators mean something to the full-text engines (FTS5 fails
    on a bare ``=``) and nothing to a reader, so they become spaces."""
    return " ".join(NOT_A_WORD.sub(" ", query).split())


def clean_query(request):
    return analysis.clean_query(request.GET.get("q", ""))


def search(request):
    query = clean_query(request)
    locale = Locale.get_active()
    form = CatalogueFilterForm(request.GET if set(request.GET) - {"q", "page"} else None, locale)
    filters = form.valid_data()
    context = {"query": query, "filter_form": form, "results": None, "pages": [], "suggestions": []}
    if query:
        found = find(query, form.filter(CatalogueRecord.objects.all()), filters, with_holdings=True)
        results = paginate(request, found.records, RESULTS_PER_PAGE)
        results.object_list = whole_records(results.object_list)
        attach_copies(results, lambda record: found.holdings.get(record.pk, []))
        context.update(
            results=results,
            facets=facet_choices(found.facets()),
            extra_query=urlencode({"q": query, **{k: ("1" if v is True else v) for k, v in filters.items()}}),
            pages=page_results(query, locale),
        )
        if not found.records:
            context["suggestions"] = close_matches(query)
    return render(request, "catalog_search/search.html", context)


def facet_choices(counts):
    """The engine's counts as the page's facet links: classes with their names, branches by code."""
    classes = dict(CLC_CLASSES)
    return {
        "clc": [(code, classes[code], count) for code, count in sorted(counts["clc"].items()) if code in classes],
        "branch": sorted(counts["branch"].items()),
    }


def page_results(query, locale):
    """A few of the site's own pages (news, guides, events) that match, below the books."""
    terms = search_terms(query)
    if not terms:
        return []
    # Specific pages, so that each result can show its date: the copies of a weekly club share one
    # title and are told apart by it.
    return list(public(Page.objects.live()).filter(locale=locale).specific().search(terms)[:PAGE_RESULTS])


def close_matches(query):
    """For an empty result: books whose title sounds like the query (同音字, a wrong character)."""
    full, _initials = analysis.pinyin_forms(query)
    if not full or full == analysis.normalise(query).replace(" ", ""):
        return []
    return whole_records(search_records(full)[:3])


def record(request, record_id):
    found = CatalogueRecord.objects.filter(record_id=record_id).first()
    if found is None:
        raise Http404
    holdings = holdings_of([found]).get(found.pk, [])
    branches = localized_all([h.branch for h in holdings])
    rows = sorted(((branches[h.branch_id], h) for h in holdings), key=lambda pair: (pair[0].code, pair[1].call_number))
    url = request.build_absolute_uri(found.get_absolute_url())
    reading_lists = (
        public(ReadingListPage.objects.live())
        .filter(locale=Locale.get_active())
        .filter(items__record=found)
        .distinct()
        .order_by("-year", "title")
    )
    share_qr, share_qr_size = qr_image(url, scale=4)
    return render(
        request,
        "catalog_search/record.html",
        {
            "url": url,
            "reading_lists": reading_lists,
            "events": books.pages_featuring(found.isbn, Locale.get_active()),
            "structured_data": {"@context": "https://schema.org", **found.structured_data(url)},
            "record": found,
            "holdings": rows,
            "map_url": branch_map.url(Locale.get_active()),
            # A PNG, not inline SVG: WeChat recognises a QR code by long-press only in an image.
            "share_qr": share_qr,
            "share_qr_size": share_qr_size,
            "clc_name": dict(CLC_CLASSES).get(found.clc[:1]),
        },
    )


def suggest(request):
    """``{"suggestions": [{"title", "record_id", "url"}]}``: titles as the reader types."""
    query = clean_query(request)
    results = search_records(query)[:SUGGESTIONS] if query else []
    return JsonResponse(
        {
            "query": query,
            "suggestions": [
                {
                    "title": r.title,
                    "record_id": r.record_id,
                    "url": reverse("catalog_search:record", args=[r.record_id]),
                }
                for r in results
            ],
        },
        json_dumps_params={"ensure_ascii": False},
    )
