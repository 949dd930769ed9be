"""ISBNs in the one form the portal stores and compares: ISBN-13 digits.

Shared by the catalogue importers, catalogue search, purchase suggestions and the books an event
features, so that an ISBN typed anywhere (hyphens, spaces, an ``ISBN`` prefix, full-width digits,
the old 10-digit form) is checked and converted the same way."""

import re
import unicodedata

SEPARATORS = re.compile(r"[\s\-‐‑–—]")


def normalise_isbn(value):
    """ISBN-13 digits for any typed form of a valid ISBN-10 or ISBN-13, or None when ``value``
    is not one (wrong length or check digit)."""
    text = SEPARATORS.sub("", unicodedata.normalize("NFKC", value or "").lower())
    if text.startswith("isbn"):
        text = text[4:].lstrip(":")
    if re.fullmatch(r"\d{9}[\dx]", text):
        if isbn10_check(text[:9]) != text[9]:
            return None
        text = "978" + text[:9]
        return text + isbn13_check(text)
    if re.fullmatch(r"97[89]\d{10}", text) and isbn13_check(text[:12]) == text[12]:
        return text
    return None


def isbn10_check(nine):
    total = sum((10 - i) * int(digit) for i, digit in enumerate(nine))
    check = (11 - total % 11) % 11
    return "x" if check == 10 else str(check)


def isbn13_check(twelve):
    total = sum((3 if i % 2 else 1) * int(digit) for i, digit in enumerate(twelve))
    return str((10 - total % 10) % 10)
