from .reading_lists import Audience, Occasion, ReadingListIndexPage, ReadingListItem, ReadingListPage
from .records import AUTHOR_ROLES, CatalogueRecord, Holding, HoldingStatus, LoanCountChange, parse_authors
from .suggestions import PurchaseSuggestion, SuggestionRequest, SuggestionStatus

__all__ = [
    "AUTHOR_ROLES",
    "Audience",
    "CatalogueRecord",
    "Holding",
    "HoldingStatus",
    "LoanCountChange",
    "Occasion",
    "PurchaseSuggestion",
    "ReadingListIndexPage",
    "ReadingListItem",
    "ReadingListPage",
    "SuggestionRequest",
    "SuggestionStatus",
    "parse_authors",
]
