from .reading_lists import Audience, Occasion, ReadingListIndexPage, ReadingListItem, ReadingListPage
from .records import AUTHOR_ROLES, CatalogueRecord, Holding, HoldingStatus, parse_authors

__all__ = [
    "AUTHOR_ROLES", "Audience", "CatalogueRecord", "Holding", "HoldingStatus", "Occasion", "ReadingListIndexPage",
    "ReadingListItem", "ReadingListPage", "parse_authors",
]
