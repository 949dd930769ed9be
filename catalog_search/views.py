"""/catalogue/search/: the address every page's search box sends to (a public contract).

Until the catalogue itself is imported (catalogue records and the Chinese-aware index are their own
piece of work), this searches the site's published pages in the reader's language and says plainly
that book search is not available yet.
"""

import re
from urllib.parse import urlencode

from django.shortcuts import render
from wagtail.models import Locale, Page

from portal.pagination import paginate

MAX_QUERY_LENGTH = 100
RESULTS_PER_PAGE = 10
NOT_A_WORD = re.compile(r"[^\w]+")


def search_terms(query):
    """Words only: punctuation and operators mean something to the full-text engines (FTS5 fails
    on a bare ``=``) and nothing to a reader, so they become spaces."""
    return " ".join(NOT_A_WORD.sub(" ", query).split())


def search(request):
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
    results = None
    terms = search_terms(query)
    if query:
        pages = Page.objects.live().public().filter(locale=Locale.get_active()).specific()
        results = paginate(request, pages.search(terms) if terms else pages.none(), RESULTS_PER_PAGE)
    return render(
        request,
        "catalog_search/search.html",
        {"query": query, "results": results, "extra_query": urlencode({"q": query})},
    )
