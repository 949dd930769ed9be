"""Reference codes readers are given (报名码 for a registration, 查询码 for a purchase suggestion):
read aloud at the door or over the phone and typed on phones, so one alphabet without the
characters people confuse (0/O, 1/I/L), and one way to read back what a reader typed."""

import re
import secrets

from django.db import IntegrityError, transaction

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
ATTEMPTS = 5


def new_code(length):
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def create_with_unique_code(manager, length, **fields):
    """``manager.create(code=…, **fields)`` with a fresh random code. A clash (one in 31⁸ ≈ 8.5 ×
    10¹¹ per existing code for eight characters) is left to the unique index and retried, rather
    than checked by a query first, which would not prevent a race anyway."""
    for attempt in range(ATTEMPTS):
        try:
            with transaction.atomic():
                return manager.create(code=new_code(length), **fields)
        except IntegrityError:
            if attempt == ATTEMPTS - 1:  # not a clash of codes: something else is wrong
                raise


def normalise(typed):
    """A code as a reader types or reads it out: spaces and hyphens dropped, small letters raised."""
    return re.sub(r"[\s\-]", "", typed).upper()
