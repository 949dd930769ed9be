"""统计报表 for the annual report, checked against registrations whose figures are known: a month of
2025 with events made here (so the demo's own dates do not matter), each with registrations in
every state a real one passes through."""

import io
from datetime import datetime, timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.contrib.forms.models import FormSubmission

from events.models import EventCategory, EventIndexPage, EventPage, EventStatus, Registration, RegistrationStatus
from home.models import SurveyPage
from portal.models import Branch
from tests.local_time import BEIJING

pytestmark = pytest.mark.django_db
MARCH = {"start": "2025-03-01", "end": "2025-03-31"}


def branch(code):
    return Branch.objects.get(code=code, locale__language_code="zh-hans")


def category(slug):
    return EventCategory.objects.get(slug=slug, locale__language_code="zh-hans")


def held(title, day, place, kind, audiences, registration=True, headcount=None, status=EventStatus.SCHEDULED):
    index = EventIndexPage.objects.get(locale__language_code="zh-hans")
    start = datetime(2025, 3, day, 10, tzinfo=BEIJING)
    event = EventPage(
        title=title,
        slug=f"stat-{day}",
        summary="统计测试",
        start=start,
        end=start + timedelta(hours=2),
        branch=branch(place),
        category=category(kind),
        audiences=audiences,
        status=status,
        registration_required=registration,
        capacity=10 if registration else 0,
        headcount=headcount,
    )
    index.add_child(instance=event)
    return event


def registered(event, seats, status=RegistrationStatus.CONFIRMED, attended=False):
    number = Registration.objects.count()
    return Registration.objects.create(
        event=event,
        code=f"ST{number:06d}",
        name="读者",
        phone=f"139{number:08d}",
        seats=seats,
        status=status,
        consented_at=event.start - timedelta(days=3),
        attended_at=event.start if attended else None,
    )


@pytest.fixture
def march():
    """Four activities in March 2025:
    - 南湖 family workshop: 2+1+1 seats confirmed, 2+1 checked in, 3 cancelled, 1 waiting;
    - 总馆 lecture without registration, 120 people counted at the door;
    - 东城 family reading: 2 confirmed, nobody checked in, but staff counted 5 people;
    - 总馆 recitation, cancelled: not held, so not counted."""
    workshop = held("折纸", 3, "FG02", "family", ["children", "families"])
    registered(workshop, 2, attended=True)
    registered(workshop, 1, attended=True)
    registered(workshop, 1)
    registered(workshop, 3, status=RegistrationStatus.CANCELLED)
    registered(workshop, 1, status=RegistrationStatus.WAITLISTED)
    held("讲座", 8, "ZG", "lecture", ["adults"], registration=False, headcount=120)
    reading = held("共读", 15, "FG01", "family", ["families"], headcount=5)
    registered(reading, 2)
    cancelled = held("诵读", 20, "ZG", "recitation", ["adults"], status=EventStatus.CANCELLED)
    registered(cancelled, 4)
    survey = SurveyPage.objects.get(slug="survey", locale__language_code="zh-hans")
    question = survey.form_fields.get(label=survey.satisfaction_question).clean_name
    for answer, day in [("非常满意", 4), ("满意", 9), ("一般", 16), ("不满意", 40)]:  # the last is in April
        submission = FormSubmission.objects.create(page=survey, form_data={question: answer})
        FormSubmission.objects.filter(pk=submission.pk).update(
            submit_time=datetime(2025, 3, 1, 12, tzinfo=BEIJING) + timedelta(days=day - 1)
        )


def figures(response):
    page = BeautifulSoup(response.content, "html.parser")
    return {element["data-figure"]: element.get_text(strip=True) for element in page.select("[data-figure]")}


def table(response, heading):
    page = BeautifulSoup(response.content, "html.parser")
    rows = page.find("h2", string=heading).find_next("table").select("tbody tr")
    return {
        row.select("td")[0].get_text(strip=True): [cell.get_text(strip=True) for cell in row.select("td")[1:]]
        for row in rows
    }


def test_the_months_figures(client, march):
    client.force_login(User.objects.get(username="admin"))
    response = client.get(reverse("home_statistics"), MARCH)
    assert figures(response) == {
        "events": "3",
        "registered": "6",
        "attended": "3",
        "participants": "128",
        "no-show": "50%",
        "satisfaction": "67%",
    }
    by_branch = table(response, "按网点")
    assert by_branch["南湖分馆"] == ["1", "", "4", "3", "3", "25%"]
    assert by_branch["东城分馆"][-1] == "100%" and by_branch["东城分馆"][-2] == "5"
    assert by_branch["云溪市图书馆（总馆）"][0] == "1"  # the cancelled recitation is not counted
    by_audience = table(response, "按面向人群")
    assert by_audience["亲子家庭"][0] == "2" and by_audience["少儿"][0] == "1"


def test_filters_narrow_the_figures(client, march):
    client.force_login(User.objects.get(username="admin"))
    response = client.get(reverse("home_statistics"), {**MARCH, "category": "family", "audience": "children"})
    assert figures(response)["events"] == "1"
    response = client.get(reverse("home_statistics"), {**MARCH, "branch": "FG01"})
    assert figures(response)["participants"] == "5"


def test_a_branch_librarian_counts_only_their_branch(client, march):
    client.force_login(User.objects.get(username="nanhu-guanyuan"))
    response = client.get(reverse("home_statistics"), MARCH)
    assert figures(response)["events"] == "1"
    assert set(table(response, "按网点")) == {"南湖分馆"}


def test_the_spreadsheet_holds_the_same_figures(client, march):
    client.force_login(User.objects.get(username="admin"))
    response = client.get(reverse("home_statistics"), {**MARCH, "format": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content))
    header, total = list(workbook["合计"].values)
    assert dict(zip(header, total)) == {
        "名称": "合计",
        "活动场次": 3,
        "需报名场次": 2,
        "报名人数": 4,
        "报名人次": 6,
        "签到人次": 3,
        "参与人次": 128,
        "爽约率": 0.5,
    }
    satisfaction = list(workbook["读者满意度"].values)
    assert satisfaction[1][1:3] == (2, 3)


@pytest.mark.parametrize(
    "query, error",
    [
        ({"start": "2025-03-31", "end": "2025-03-01"}, "结束日期不能早于开始日期"),
        ({"start": "2025-02-30", "end": "2025-03-01"}, "有效的日期"),
        ({"start": "2000-01-01", "end": "2025-03-01"}, "最长五年"),
        ({"start": "2025-03-01", "end": "2025-03-31", "branch": "FG99"}, "FG99"),
    ],
)
def test_bad_ranges_are_explained(client, query, error):
    client.force_login(User.objects.get(username="admin"))
    response = client.get(reverse("home_statistics"), query)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not figures(response)


def test_readers_and_staff_without_the_right_cannot_see_it(client):
    assert client.get(reverse("home_statistics")).status_code == 302  # to the login page
    client.force_login(User.objects.create_user("nobody-stat", password="x", is_staff=False))
    assert client.get(reverse("home_statistics")).status_code in (302, 403)


def test_a_years_report_takes_the_same_queries_whatever_the_number_of_events(
    client, march, django_assert_max_num_queries
):
    client.force_login(User.objects.get(username="admin"))
    year = {"start": "2025-01-01", "end": "2025-12-31"}
    client.get(reverse("home_statistics"), year)  # warm: the admin's own per-user caches
    with django_assert_max_num_queries(25) as few:
        client.get(reverse("home_statistics"), year)
    for day in (21, 22, 23, 24, 25):
        registered(held(f"加场{day}", day, "FG02", "family", ["children"]), 1, attended=True)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("home_statistics"), year)


def test_the_form_opens_on_this_year_in_the_date_pickers(client):
    client.force_login(User.objects.get(username="admin"))
    page = BeautifulSoup(client.get(reverse("home_statistics")).content, "html.parser")
    year = timezone.localdate().year
    # A type=date input shows its value only in ISO form.
    assert page.find("input", {"name": "start"})["value"] == f"{year}-01-01"
    assert page.find("input", {"name": "end"})["value"] == f"{year}-12-31"


def test_each_tables_longest_bar_is_full_width(client, march):
    client.force_login(User.objects.get(username="admin"))
    page = BeautifulSoup(client.get(reverse("home_statistics"), MARCH).content, "html.parser")
    for table in page.select(".stat-table"):
        widths = [int(bar["style"].split("width:")[1].strip(" %;")) for bar in table.select(".stat-bar")]
        # 亲子家庭 counts two events while no branch has more than one: bars are per table.
        assert max(widths) == 100 and all(width <= 100 for width in widths), widths
