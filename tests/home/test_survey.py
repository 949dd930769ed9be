"""Reader surveys built with Wagtail's form builder: answered through real posts in both languages,
the satisfaction rate computed from the answers, and the answers exported to CSV and XLSX."""

import csv
import io

import openpyxl
import pytest
from bs4 import BeautifulSoup

from home.models import SurveyPage

pytestmark = pytest.mark.django_db

ZH = "/reading-month/survey/"
EN = "/en/reading-month/survey/"


def survey(language="zh-hans"):
    return SurveyPage.objects.get(slug="survey", locale__language_code=language)


def answer(client, url, satisfaction, events=(), comment=""):
    page = survey("en" if url.startswith("/en/") else "zh-hans")
    names = {field.label: field.clean_name for field in page.form_fields.all()}
    satisfaction_name, events_name, comment_name = (
        field.clean_name for field in page.form_fields.order_by("sort_order")
    )
    assert len(names) == 3
    return client.post(url, {satisfaction_name: satisfaction, events_name: list(events), comment_name: comment})


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_survey_renders_in_both_languages(client):
    for url, heading, choice in [
        (ZH, "阅读月读者满意度调查", "非常满意"),
        (EN, "Reading month satisfaction survey", "Very satisfied"),
    ]:
        soup = BeautifulSoup(client.get(url).content, "html.parser")
        assert soup.h1.get_text(strip=True) == heading
        assert choice in [label.get_text(strip=True) for label in soup.select("fieldset label")]


def test_answers_are_stored_and_a_missing_answer_is_named(client):
    response = answer(client, ZH, "满意", events=["读书会", "讲座"], comment="希望周末多办亲子活动")
    assert response.status_code == 200
    assert BeautifulSoup(response.content, "html.parser").select_one("[data-survey-status=received]")
    submission = survey().get_submissions().get()
    assert "满意" in submission.form_data.values() and ["读书会", "讲座"] in submission.form_data.values()

    response = answer(client, ZH, "")  # the satisfaction question is required
    soup = BeautifulSoup(response.content, "html.parser")
    assert (
        response.status_code == 200 and soup.select_one(".field-error") and not soup.select_one("[data-survey-status]")
    )
    response = answer(client, ZH, "<script>不存在的选项</script>")
    assert BeautifulSoup(response.content, "html.parser").select_one(".field-error")
    assert survey().get_submissions().count() == 1


def test_the_satisfaction_rate_counts_satisfied_answers(client, admin_client):
    for choice in ["非常满意"] * 10 + ["满意"] * 9 + ["一般"]:
        answer(client, ZH, choice)
    assert survey().satisfaction() == (19, 20)
    edit = admin_client.get(f"/admin/pages/{survey().pk}/edit/").content.decode()
    assert "95%" in edit and "19 / 20" in edit
    # The English survey counts its own answers, in English.
    answer(client, EN, "Very satisfied")
    answer(client, EN, "Dissatisfied")
    assert survey("en").satisfaction() == (1, 2)


def test_answers_export_to_csv_and_xlsx(client, admin_client):
    answer(client, ZH, "满意", events=["读书会"], comment="很好，谢谢")
    answer(client, ZH, "一般", comment="停车不方便")
    url = f"/admin/forms/submissions/{survey().pk}/"
    assert admin_client.get(url).status_code == 200

    response = admin_client.get(url, {"export": "csv"})
    assert response.status_code == 200
    content = body(response)
    assert content.startswith("\ufeff".encode())  # Excel on Chinese Windows needs the BOM to read UTF-8
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert "您对本次阅读月活动满意吗？" in rows[0] and len(rows) == 3
    assert {"满意", "一般"} <= {cell for row in rows[1:] for cell in row}

    response = admin_client.get(url, {"export": "xlsx"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(body(response))).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert "意见和建议" in values[0] and len(values) == 3
    assert any("停车不方便" == value for row in values[1:] for value in row)


def test_readers_cannot_read_the_answers(client):
    response = client.get(f"/admin/forms/submissions/{survey().pk}/", {"export": "csv"})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_answers_are_deleted_after_the_retention_period(client, settings):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    answer(client, ZH, "满意", comment="旧的答卷")
    answer(client, ZH, "非常满意", comment="新的答卷")
    old = next(s for s in survey().get_submissions() if "旧的答卷" in s.form_data.values())
    type(old).objects.filter(pk=old.pk).update(submit_time=timezone.now() - timedelta(days=401))
    settings.PORTAL_SURVEY_RETENTION_DAYS = 400
    call_command("purge_survey_submissions", dry_run=True)
    assert survey().get_submissions().count() == 2
    call_command("purge_survey_submissions")
    assert ["新的答卷" in s.form_data.values() for s in survey().get_submissions()] == [True]
