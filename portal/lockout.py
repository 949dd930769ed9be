"""What a locked-out login sees (django-axes calls ``locked_out``): a page in the staff's language
saying why and for how long, with status 429, instead of axes' English one-liner."""

from django.conf import settings
from django.http import HttpResponse
from django.utils.html import escape
from django.utils.translation import gettext as _


def locked_out(request, response=None, credentials=None):
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    message = _("登录失败次数过多，该账号已在本设备上暂时锁定。请 %(minutes)s 分钟后再试，或联系管理员解锁。") % {
        "minutes": minutes
    }
    title = _("登录已锁定")
    html = (
        f'<!DOCTYPE html><html lang="zh-hans"><meta charset="utf-8"><meta name="viewport" '
        f'content="width=device-width, initial-scale=1"><title>{escape(title)}</title>'
        f'<p data-login-locked style="font-family:sans-serif;margin:2rem">{escape(message)}</p></html>'
    )
    return HttpResponse(html, status=429)
