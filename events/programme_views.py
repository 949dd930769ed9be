"""导入活动安排: upload a spreadsheet, see every row checked, then import it as draft events
(events.programme_import). Nothing is saved until the librarian confirms a file without errors;
the checked table waits in their session in between, so the file is uploaded once."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import programme_import
from .programme_import import UnreadableFile

SESSION_KEY = "events_programme_import"


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("活动安排表（.xlsx 或 .csv）"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )


def can_import(user):
    return user.has_perm("wagtailadmin.access_admin") and user.has_perm("events.view_registration")


def programme_import_view(request):
    if not can_import(request.user):
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None)
    rows = None
    if request.method == "POST" and request.POST.get("confirm"):
        return confirm(request)
    if request.method == "POST" and form.is_valid():
        try:
            table = programme_import.read_table(form.cleaned_data["file"])
        except UnreadableFile as problem:
            form.add_error("file", str(problem))
        else:
            rows = programme_import.check(table, request.user)
            request.session[SESSION_KEY] = table if not any(row.errors for row in rows) else None
    return TemplateResponse(
        request,
        "events/admin/programme_import.html",
        {
            "page_title": _("导入活动安排"),
            "header_icon": "upload",
            "form": form,
            "rows": rows,
            "error_count": sum(bool(row.errors) for row in rows or []),
            "required": programme_import.REQUIRED,
            "optional": programme_import.OPTIONAL,
        },
    )


def confirm(request):
    """Import the table checked at the preview, checked once more: a branch or category may have
    changed in between, and nothing half-checked is ever saved."""
    table = request.session.pop(SESSION_KEY, None)
    if not table:
        messages.error(request, _("没有待导入的活动安排，请重新上传文件。"))
        return redirect("events_programme_import")
    rows = programme_import.check(table, request.user)
    if any(row.errors for row in rows):
        messages.error(request, _("活动安排有错误，未导入。请重新上传文件查看。"))
        return redirect("events_programme_import")
    created = programme_import.import_rows(rows, request.user)
    messages.success(
        request, _("已导入 %(count)d 场活动，均为草稿：请检查后发布或提交审核。") % {"count": len(created)}
    )
    return redirect("wagtailadmin_explore", rows[0].parent.pk)


def template_download(request):
    if not can_import(request.user):
        raise PermissionDenied
    response = HttpResponse(programme_import.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="programme-template.csv"'
    return response
