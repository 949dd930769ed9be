from django.core.paginator import Paginator


def paginate(request, items, per_page):
    """The requested page of ``items``; a missing, malformed or out-of-range ``?page=`` gives the
    nearest real page instead of an error (shared links outlive the lists they point to)."""
    return Paginator(items, per_page).get_page(request.GET.get("page"))
