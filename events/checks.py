from django.conf import settings
from django.core.checks import Error, register
from django.utils.module_loading import import_string


@register()
def notification_backends_import(app_configs, **kwargs):
    """A mistyped NOTIFICATION_BACKENDS stops start-up instead of failing at the first registration."""
    errors = []
    for path in settings.PORTAL_NOTIFICATION_BACKENDS:
        try:
            import_string(path)
        except ImportError as error:
            errors.append(Error(f"NOTIFICATION_BACKENDS: 无法导入 {path}（{error}）", id="events.E001"))
    return errors
