from wagtail.models import Locale


def localized_all(objects):
    """{pk: the object's translation in the active language, or the object itself} for a list of
    translatable objects of one model, in one query (``obj.localized`` costs one query each)."""
    objects = [obj for obj in objects if obj is not None]
    if not objects:
        return {}
    locale = Locale.get_active()
    model = type(objects[0])
    translations = {
        translation.translation_key: translation
        for translation in model.objects.filter(locale=locale, translation_key__in={o.translation_key for o in objects})
    }
    return {obj.pk: translations.get(obj.translation_key, obj) for obj in objects}
