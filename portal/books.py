"""Books shared between apps that may not import each other (docs/design.md: imports flow one way).

The catalogue (catalog_search) owns the books; an event points at the books it reads by ISBN.
Two Wagtail hooks join them, each answered by the app that owns the data:

- ``describe_books``: ``fn(isbns)`` → ``{isbn: record}`` for those the catalogue holds; a record
  has ``title``, ``authors_display`` and ``get_absolute_url()``. Registered by catalog_search.
- ``pages_featuring_book``: ``fn(isbn, locale)`` → live pages in that locale that feature the
  book, in the order a reader wants them (for events: the next first, then those that ended).
  Registered by events.
"""

from wagtail import hooks

DESCRIBE_BOOKS = "describe_books"
PAGES_FEATURING_BOOK = "pages_featuring_book"


def describe(isbns):
    """The catalogue's records for ``isbns``, in the given order; ISBNs it lacks are left out."""
    if not isbns:
        return []
    found = {}
    for describe_books in hooks.get_hooks(DESCRIBE_BOOKS):
        found.update(describe_books(isbns))
    return [found[isbn] for isbn in isbns if isbn in found]


def missing(isbns):
    """The ISBNs the catalogue does not hold, for a warning to editors."""
    held = {record.isbn for record in describe(isbns)}
    return [isbn for isbn in isbns if isbn not in held]


def pages_featuring(isbn, locale):
    if not isbn:
        return []
    pages = []
    for pages_featuring_book in hooks.get_hooks(PAGES_FEATURING_BOOK):
        pages.extend(pages_featuring_book(isbn, locale))
    return pages
