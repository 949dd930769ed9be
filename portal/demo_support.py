"""Helpers every app's demo loader uses (see ``load_demo``).

Demo objects are created only where they are missing and never updated afterwards, so loading the
demo twice changes nothing and an editor's changes to demo content survive a second run.
"""

from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource


def english_locale():
    return Locale.objects.get(language_code="en")


def child_page(parent, model, slug, make=None, among=None, **fields):
    """(page, created): the ``model`` page with this slug below ``parent`` (or anywhere below
    ``among``), or, when there is none, a new one added below ``parent`` and published: the page
    ``make()`` builds (unsaved, with that slug; it runs only then, so demo pictures are drawn once),
    or ``model(slug=slug, **fields)``. An existing page is never updated: an editor's changes
    survive a second ``load_demo``."""
    make = make or (lambda: model(slug=slug, **fields))
    pages = model.objects.descendant_of(among) if among is not None else model.objects.child_of(parent)
    existing = pages.filter(slug=slug).first()
    if existing is not None:
        return existing, False
    page = make()
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


class Glossary(dict):
    """A demo module's Chinese strings and their English, recorded where the Chinese is written:
    ``ENGLISH = Glossary()``, ``en = ENGLISH.add``, then ``TITLE = en("好书推荐", "Recommended books")``
    and later ``translate(page, ENGLISH)``."""

    def add(self, chinese, english):
        self[chinese] = english
        return chinese


def translate(instance, english):
    """The English translation of ``instance`` (a page or translatable snippet), made through
    wagtail-localize so that editors find it synced in the translation editor.

    ``english`` maps each Chinese source string to its English text; a string without an entry
    falls back to the Chinese source, as wagtail-localize does for an unfinished translation.
    """
    locale = english_locale()
    existing = instance.get_translation_or_none(locale)
    if existing is not None:
        return existing
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    for segment in segments:
        text = english.get(segment.string.data)
        if text:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={"data": text, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
            )
    translation.save_target(publish=True)
    return instance.get_translation(locale)


# Demo dates are computed from the day the demo is loaded, so every text that names a weekday, a
# month or a day is written from those dates too: the Wednesday club falls on a Wednesday whatever
# day the demo was loaded on.
# The demo's 书香 campaign (home.campaign_demo) runs from 5 days before the demo is loaded to 25 days
# after, so that it is current; its opening ceremony (events.demo) and its news (home.demo) agree.
CAMPAIGN_STARTS, CAMPAIGN_ENDS = -5, 25
WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}


def demo_day(today, when):
    """``when`` days after ``today`` (negative: before), or, for a weekday name ("wed"), the first
    such day after today."""
    from datetime import timedelta

    if isinstance(when, int):
        return today + timedelta(days=when)
    return today + timedelta(days=(WEEKDAYS[when] - today.weekday() - 1) % 7 + 1)


def zh_date(day):
    return f"{day.month}月{day.day}日"


MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def en_date(day):
    return f"{day.day} {MONTHS[day.month - 1]}"
