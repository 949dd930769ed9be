"""个人信息操作记录: an administrator sees in one place who exported, checked in or changed whose
registrations and who exported survey answers; staff cannot read the log of each other's work."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from events.models import EventPage
from home.models import SurveyPage
from tests.staff import login

pytestmark = pytest.mark.django_db


def rows(response):
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    return [" ".join(row.get_text(" ", strip=True).split()) for row in page.select("tbody tr")]


def test_exports_check_ins_and_changes_are_listed_with_who_did_them(client):
    origami = EventPage.objects.get(slug="full-origami", locale__language_code="zh-hans")
    editor = login(client, "zongguan-bianji")
    assert editor.get(reverse("events_registration_export", args=[origami.pk, "xlsx"])).status_code == 200
    editor.post(reverse("events_registration_change", args=[origami.pk, "DEMO0002"]), {"action": "cancel"})
    survey = SurveyPage.objects.get(slug="survey", locale__language_code="zh-hans")
    assert login(client, "admin").get(f"/admin/forms/submissions/{survey.pk}/", {"export": "csv"}).status_code == 200
    # An ordinary edit of a page is not personal data: it stays out of this report.
    listed = rows(login(client, "admin").get(reverse("home_personal_data_log")))
    assert any("导出了报名名单" in row and "张敏" in row and origami.title in row for row in listed), listed
    assert any("取消了报名" in row and "张敏" in row for row in listed), listed
    assert any("导出了问卷答复" in row and "admin" in row for row in listed), listed
    assert all(any(word in row for word in ("导出", "签到", "报名", "候补")) for row in listed), listed


def test_only_administrators_read_it(client):
    for username in ("zongguan-bianji", "nanhu-guanyuan", "shenhe"):
        response = login(client, username).get(reverse("home_personal_data_log"))
        assert response.status_code in (302, 403)


def test_the_log_exports_for_the_auditor(client):
    response = login(client, "admin").get(reverse("home_personal_data_log"), {"export": "xlsx"})
    assert response.status_code == 200 and "personal-data-log-" in response["Content-Disposition"]
