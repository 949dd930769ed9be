"""The English catalogue is complete, compiled, and covers every string in our code.

Chinese is the source language (the msgids); English is the translation. ``make messages`` (GNU
gettext) regenerates the catalogue; these tests catch a string added without running it, a missing
translation and a stale compiled .mo, on machines without gettext too.
"""

import re
from pathlib import Path

import polib
import pytest

PROJECT = Path(__file__).resolve().parents[2]
PO = PROJECT / "portal/locale/en/LC_MESSAGES/django.po"
SOURCES = ["portal", "home", "events", "catalog_search", "templates"]
PYTHON_STRING = re.compile(r"""\b_\(\s*"((?:[^"\\]|\\.)+)"\s*[,)]""")
TEMPLATE_STRING = re.compile(r"""{%\s*translate\s+"([^"]+)"|{%\s*translate\s+'([^']+)'""")


@pytest.fixture(scope="module")
def catalogue():
    return polib.pofile(str(PO))


def test_every_entry_is_translated(catalogue):
    assert [e.msgid for e in catalogue.untranslated_entries()] == []
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []


def test_compiled_catalogue_matches_source(catalogue):
    compiled = polib.mofile(str(PO.with_suffix(".mo")))
    as_dict = lambda entries: {  # noqa: E731
        (e.msgctxt, e.msgid): (e.msgstr or tuple(sorted(e.msgstr_plural.items()))) for e in entries if not e.obsolete
    }
    assert as_dict(compiled) == as_dict(catalogue), "run: make messages (or compilemessages)"


def source_strings():
    for folder in SOURCES:
        for path in (PROJECT / folder).rglob("*"):
            if "migrations" in path.parts or path.suffix not in {".py", ".html"}:
                continue
            text = path.read_text(encoding="utf-8")
            if path.suffix == ".py":
                found = PYTHON_STRING.findall(text)
            else:
                found = [a or b for a, b in TEMPLATE_STRING.findall(text)]
            for msgid in found:
                if re.search(r"[\u4e00-\u9fff]", msgid):
                    yield path.relative_to(PROJECT), msgid


def test_every_string_in_the_code_is_in_the_catalogue(catalogue):
    known = {e.msgid for e in catalogue}
    missing = [f"{path}: {msgid}" for path, msgid in source_strings() if msgid not in known]
    assert missing == [], "run: make messages\n" + "\n".join(missing)
