"""荐购 for readers: ``/catalogue/purchase-suggestions/`` (the form) and ``…/status/?code=`` (what
became of it). Every answer carries ``data-suggestion-status`` = held | received | invalid |
limited | found | unknown on one element, like the registration pages."""

from django.db.models import prefetch_related_objects
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache

from portal.ratelimit import client_ip, limited

from ..availability import attach_copies
from ..models import CatalogueRecord, SuggestionRequest
from ..models.suggestions import suggest
from ..search import analysis
from ..search.engine import whole_records
from .forms import PurchaseSuggestionForm, SuggestionStatusForm

HELD_SHOWN = 5


# Both pages carry what a reader typed or their reference code: never stored by a browser, a proxy
# or the page cache (Cache-Control: no-store, private).
@never_cache
def suggestion_form(request):
    if request.method != "POST":
        # ?title= from the search page's "not found" link fills the form in.
        initial = {name: request.GET.get(name, "")[:100] for name in ("title", "author", "isbn")}
        return render(
            request, "catalog_search/suggest_purchase.html", {"form": PurchaseSuggestionForm(initial=initial)}
        )
    form = PurchaseSuggestionForm(request.POST)
    if form.is_bot:
        return render(
            request,
            "catalog_search/suggest_purchase.html",
            {"form": PurchaseSuggestionForm(), "status": "invalid"},
            status=400,
        )
    if limited("suggest_per_ip", client_ip(request)):
        return render(request, "catalog_search/suggest_purchase.html", {"form": form, "status": "limited"}, status=429)
    if not form.is_valid():
        return render(request, "catalog_search/suggest_purchase.html", {"form": form, "status": "invalid"}, status=400)
    data = form.cleaned_data
    held = held_records(data["title"], data["author"], data["isbn"])
    if held:
        attach_copies(held, lambda record: record.holdings.all())
        return render(request, "catalog_search/suggestion_result.html", {"status": "held", "records": held})
    created = suggest(
        title=data["title"],
        author=data["author"],
        isbn=data["isbn"],
        reason=data["reason"],
        phone=data["phone"],
        email=data["email"],
        language=get_language() or "zh-hans",
    )
    return render(
        request,
        "catalog_search/suggestion_result.html",
        {"status": "received", "request_code": created.code, "suggestion": created.suggestion},
    )


def held_records(title, author, isbn):
    """The library's records of this book: the same ISBN, or else the same title (by the same
    author, when the reader named one) — but when the reader gave an ISBN, a record with another
    ISBN is another edition, which the reader may well want bought. With holdings and branches."""
    if isbn:
        found = list(CatalogueRecord.objects.filter(isbn=isbn).prefetch_related("holdings__branch")[:HELD_SHOWN])
        if found:
            return found
    title_key = analysis.squeeze(title)
    author_key = analysis.squeeze(author)
    # The title's key, from the records' table (indexed): no search engine involved, so a
    # suggestion is accepted even while Elasticsearch is down.
    candidates = CatalogueRecord.objects.filter(title_key=title_key).order_by("-circulation_count", "record_id")
    same = [
        record
        for record in candidates[:100]
        if not (isbn and record.isbn)
        and (
            not author_key
            or any(author_key in name or name in author_key for name in record.author_keys.split("|") if name)
        )
    ]
    records = whole_records(same[:HELD_SHOWN])
    prefetch_related_objects(records, "holdings__branch")
    return records


@never_cache
def suggestion_status(request):
    if "code" not in request.GET:
        return render(request, "catalog_search/suggestion_status.html", {"form": SuggestionStatusForm()})
    form = SuggestionStatusForm(request.GET)
    if limited("lookup_per_ip", client_ip(request)):
        return render(request, "catalog_search/suggestion_status.html", {"form": form, "status": "limited"}, status=429)
    if not form.is_valid():
        return render(request, "catalog_search/suggestion_status.html", {"form": form, "status": "invalid"}, status=400)
    found = SuggestionRequest.objects.select_related("suggestion").filter(code=form.cleaned_data["code"]).first()
    if found is None:
        return render(request, "catalog_search/suggestion_status.html", {"form": form, "status": "unknown"}, status=404)
    return render(
        request,
        "catalog_search/suggestion_status.html",
        {"form": form, "status": "found", "found": found, "suggestion": found.suggestion.status_for_readers()},
    )
