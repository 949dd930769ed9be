from django.utils.translation import get_language
from wagtail.coreutils import get_supported_content_language_variant


def active_locale_filter(prefix="locale"):
    """A filter for objects in the active language, by its code: ``Locale.get_active()`` costs a
    query each time it is called, and a page calls it for every list it shows."""
    return {f"{prefix}__language_code": get_supported_content_language_variant(get_language())}


def localized_all(objects):
    """{pk: the object's translation in the active language, or the object itself} for a list of
    translatable objects of one model, in one query (``obj.localized`` costs one query each)."""
    objects = [obj for obj in objects if obj is not None]
    if not objects:
        return {}
    model = type(objects[0])
    language = get_supported_content_language_variant(get_language())
    if all(in_language(obj, language) for obj in objects):
        # Loaded with their locale (select_related("branch__locale")) and already in the active
        # language, as on every Chinese page: nothing to look up.
        return {obj.pk: obj for obj in objects}
    translations = {
        translation.translation_key: translation
        for translation in model.objects.filter(
            translation_key__in={o.translation_key for o in objects}, **active_locale_filter()
        )
    }
    return {obj.pk: translations.get(obj.translation_key, obj) for obj in objects}


def in_language(obj, language):
    """Whether ``obj`` is known, without a query, to be in ``language``."""
    return type(obj).locale.is_cached(obj) and obj.locale.language_code == language
