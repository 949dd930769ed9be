from pathlib import Path

import pytest
from django.core.management import call_command

BOOKS = Path(__file__).parent / "data" / "books.csv"


@pytest.fixture
def catalogue(db, capsys):
    """Only the 21 records of data/books.csv (the demo catalogue is removed inside the test's
    transaction, index entries included); returns the import command's output."""
    from catalog_search.models import CatalogueRecord

    CatalogueRecord.objects.all().delete()
    capsys.readouterr()
    call_command("import_catalogue", str(BOOKS))
    return capsys.readouterr().out
