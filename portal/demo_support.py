"""Helpers every app's demo loader uses (see ``load_demo``).

Demo objects are created only where they are missing and never updated afterwards, so loading the
demo twice changes nothing and an editor's changes to demo content survive a second run.
"""

from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource


def english_locale():
    return Locale.objects.get(language_code="en")


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
