import json

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from portal import site_frame, wechat_share
from portal.models import WEEKDAYS

WEEKDAY_LABELS = dict(WEEKDAYS)

register = template.Library()


def _live_translations(page, request=None):
    """{language code: live translation} of ``page``, looked up once per request (the head's
    hreflang links and the language switcher both need it)."""
    memo = getattr(request, "_portal_translations", None) if request is not None else None
    if memo is not None and page.pk in memo:
        return memo[page.pk]
    found = site_frame.live_translations(page)
    if request is not None:
        request._portal_translations = {**(memo or {}), page.pk: found}
    return found


@register.simple_tag(takes_context=True)
def alternate_languages(context):
    """[(hreflang, absolute URL)] of this page in every language it is published in, for
    ``<link rel="alternate">``: search engines then show readers the version in their language."""
    request, page = context.get("request"), context.get("page")
    if request is None or not isinstance(page, Page):
        return []
    translations = _live_translations(page, request)
    if len(translations) < 2:
        return []
    return [
        ("zh-Hans" if code == "zh-hans" else code, translation.get_full_url(request))
        for code, translation in sorted(translations.items())
    ]


@register.simple_tag(takes_context=True)
def frame(context):
    """What the header and footer show of the site (portal.site_frame.Frame)."""
    request = context.get("request")
    return site_frame.for_request(request) if request is not None else site_frame.Frame()


@register.simple_tag
def wechat_share_attributes():
    """The body's attributes that turn WeChat share cards on (portal.wechat_share), or nothing."""
    if not wechat_share.enabled():
        return ""
    return format_html(
        ' data-wechat-share="{}" data-wechat-sdk="{}"', reverse("wechat_share_config"), settings.WECHAT_JS_SDK_URL
    )


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to the same page in every other language: the page's translation where one is live,
    otherwise that language's home page; for views that are not pages, the same URL in that
    language. A language with neither is left out rather than linked to a 404."""
    request = context.get("request")
    page = context.get("page")
    links = []
    if request is None:
        return {"links": links}
    others = [(code, name) for code, name in settings.LANGUAGES if code != get_language()]
    if isinstance(page, Page):
        translations = _live_translations(page, request)
        homes = site_frame.for_request(request).homes
        for code, name in others:
            translation = translations.get(code)
            url = translation.get_url(request) if translation is not None else homes.get(code)
            if url:
                links.append({"code": code, "name": name, "url": url})
    else:
        for code, name in others:
            links.append({"code": code, "name": name, "url": translate_url(request.get_full_path(), code)})
    return {"links": links}


@register.simple_tag
def status_text(branch, now):
    """What a reader needs besides the state: when it next opens or closes (see portal.hours)."""
    status = branch.current_status
    if branch.is_always_open and status.is_open and status.next_change is None:
        return _("24 小时开放")
    if status.next_change is None:
        return _("近期暂无开放安排") if not status.is_open else ""
    day, clock = day_and_time(status.next_change, now)
    if branch.is_mobile:
        if status.is_open:
            return _("正在%(place)s停靠，%(time)s 离开") % {"place": status.place, "time": clock}
        return _("下次到站：%(day)s %(time)s") % {"day": day, "time": clock}
    if status.is_open:
        return _("%(day)s %(time)s 闭馆") % {"day": day, "time": clock}
    return _("%(day)s %(time)s 开馆") % {"day": day, "time": clock}


def day_and_time(moment, now):
    local = timezone.localtime(moment)
    days = (local.date() - timezone.localtime(now).date()).days
    if days == 0:
        day = _("今天")
    elif days == 1:
        day = _("明天")
    else:
        day = _("%(date)s（%(weekday)s）") % {
            "date": formats.date_format(local, "MONTH_DAY_FORMAT"),
            "weekday": WEEKDAY_LABELS[local.weekday()],
        }
    return day, local.strftime("%H:%M")


@register.simple_tag(takes_context=True)
def localized(context, page):
    """``page.localized`` (its translation in the active language, or itself), looking the active
    locale up once per request rather than once per link."""
    if page is None:
        return None
    request = context.get("request")
    if request is not None:
        locale_id = site_frame.for_request(request).locale_id
    else:
        locale_id = Locale.objects.filter(language_code=get_language()).values_list("pk", flat=True).first()
    if locale_id is None or page.locale_id == locale_id:
        return page
    return page.get_translation_or_none(locale_id) or page


@register.simple_tag(takes_context=True)
def settings_privacy_link(context):
    """The URL of the privacy notice in the reader's language, or "" when none is set."""
    from portal.models import LibrarySettings

    request = context.get("request")
    if request is None:
        return ""
    privacy = LibrarySettings.for_request(request).privacy_page
    if privacy is None:
        return ""
    return localized(context, privacy).get_url(request)


@register.simple_tag
def jsonld(data):
    """A schema.org JSON-LD script. ``<`` is escaped so text from editors can never close the
    script element."""
    text = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')


@register.filter
def enumerate_list(items):
    """少儿、亲子家庭 in Chinese, Children, Families in English: the list separator of the language."""
    from django.utils.translation import pgettext

    return pgettext("list separator", "、").join(str(item) for item in items)


@register.filter
def in_brackets(text):
    """（春节闭馆） in Chinese, (Spring Festival) in English: the brackets of the language."""
    from django.utils.translation import pgettext

    return pgettext("brackets around a remark", "（%(text)s）") % {"text": text}


ENGLISH_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
CHINESE_WEEKDAYS = "一二三四五六日"


@register.filter
def reader_date(moment, with_time=True):
    """A date as readers of each language write it, in Shanghai time: 12月9日 周三 19:00 and
    Wed 9 December, 7 pm; the year only when it is not this year (2027年1月5日 周二 …)."""
    from django.utils import timezone

    if moment is None:
        return ""
    local = timezone.localtime(moment) if hasattr(moment, "hour") else moment
    this_year = timezone.localdate().year == local.year
    if get_language() == "en":
        day = f"{ENGLISH_WEEKDAYS[local.weekday()]} {local.day} {formats.date_format(local, 'F')}"
        day += "" if this_year else f" {local.year}"
        return f"{day}, {reader_time(local)}" if with_time and hasattr(local, "hour") else day
    day = f"{'' if this_year else f'{local.year}年'}{local.month}月{local.day}日 周{CHINESE_WEEKDAYS[local.weekday()]}"
    return f"{day} {reader_time(local)}" if with_time and hasattr(local, "hour") else day


@register.filter
def reader_time(moment):
    """19:00 in Chinese; 7 pm or 7.30 pm in English."""
    from django.utils import timezone

    local = timezone.localtime(moment) if getattr(moment, "tzinfo", None) else moment
    if get_language() != "en":
        return f"{local:%H:%M}"
    hour = local.hour % 12 or 12
    minutes = f".{local:%M}" if local.minute else ""
    return f"{hour}{minutes} {'am' if local.hour < 12 else 'pm'}"
