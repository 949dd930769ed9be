"""The Branch snippet: validation of coordinates and facilities, and its admin in Chinese."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from wagtail.models import Locale

from portal.models import Branch, BranchType

pytestmark = pytest.mark.django_db


def make_branch(**fields):
    defaults = dict(
        name="测试分馆",
        code="T01",
        branch_type=BranchType.BRANCH,
        latitude=Decimal("30.66"),
        longitude=Decimal("104.06"),
        locale=Locale.get_default(),
    )
    return Branch(**{**defaults, **fields})


def errors_of(branch):
    with pytest.raises(ValidationError) as caught:
        branch.full_clean()
    return caught.value.message_dict


def test_valid_branch_passes():
    make_branch().full_clean()


def test_swapped_coordinates_are_named_as_swapped():
    errors = errors_of(make_branch(latitude=Decimal("116.397"), longitude=Decimal("39.909")))
    assert "填反" in errors["latitude"][0]
    urumqi_swapped = errors_of(make_branch(latitude=Decimal("87.617"), longitude=Decimal("43.826")))["latitude"][0]
    assert "填反" in urumqi_swapped
    assert "纬度约 3–54" in urumqi_swapped and "经度约 73–136" in urumqi_swapped  # the bounds it checks


def test_the_southernmost_islands_are_in_china():
    # 永兴岛 (三沙市) and 曾母暗沙: real service points may sit far south of the mainland.
    make_branch(latitude=Decimal("16.834"), longitude=Decimal("112.338")).full_clean()
    make_branch(latitude=Decimal("3.97"), longitude=Decimal("112.28")).full_clean()


def test_out_of_range_coordinates():
    errors = errors_of(make_branch(latitude=Decimal("-95"), longitude=Decimal("200")))
    assert "-90" in errors["latitude"][0]
    assert "-180" in errors["longitude"][0]


def test_half_a_coordinate_pair_is_refused():
    errors = errors_of(make_branch(longitude=None))
    assert "longitude" in errors


def test_branch_without_coordinates_is_allowed():
    make_branch(latitude=None, longitude=None).full_clean()


def test_unknown_facility_is_refused():
    errors = errors_of(make_branch(facilities=["children", "swimming_pool"]))
    assert "swimming_pool" in errors["facilities"][0]


def test_code_is_unique_per_language():
    errors = errors_of(make_branch(code="ZG"))
    assert errors


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.get(username="admin")
    client.force_login(user)
    return client


def test_admin_speaks_chinese_by_default(admin_client):
    response = admin_client.get("/admin/snippets/portal/branch/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="zh-hans"' in html
    assert "跳到主要内容" in html  # Wagtail's own strings, in Chinese
    assert "云溪市图书馆（总馆）" in html and "服务网点" in html


def branch_form(fields, **children):
    """POST data for the branch editor: the fields plus each inline panel's rows."""
    data = {"locale": Locale.get_default().pk, **fields}
    for relation in ("opening_periods", "opening_exceptions", "mobile_stops"):
        rows = children.get(relation, [])
        data.update(
            {
                f"{relation}-TOTAL_FORMS": len(rows),
                f"{relation}-INITIAL_FORMS": 0,
                f"{relation}-MIN_NUM_FORMS": 0,
                f"{relation}-MAX_NUM_FORMS": 1000,
            }
        )
        for number, row in enumerate(rows):
            data.update({f"{relation}-{number}-{name}": value for name, value in row.items()})
            data[f"{relation}-{number}-ORDER"] = number
    return data


def test_admin_refuses_swapped_coordinates_with_a_clear_message(admin_client):
    response = admin_client.post(
        "/admin/snippets/portal/branch/add/",
        branch_form(
            {
                "name": "新分馆",
                "code": "NEW1",
                "branch_type": "branch",
                "latitude": "116.40",
                "longitude": "39.90",
                "facilities": ["children"],
            }
        ),
    )
    assert response.status_code == 200  # the form again, with the error
    assert "纬度和经度填反了" in response.content.decode()
    assert not Branch.objects.filter(code="NEW1").exists()


def test_admin_creates_a_branch(admin_client):
    response = admin_client.post(
        "/admin/snippets/portal/branch/add/",
        branch_form(
            {
                "name": "新分馆",
                "code": "NEW2",
                "branch_type": "reading_room",
                "latitude": "30.60",
                "longitude": "104.10",
                "facilities": ["children", "wifi"],
            },
            opening_periods=[
                {"weekday": 1, "opens": "09:00", "closes": "12:00"},
                {"weekday": 1, "opens": "13:00", "closes": "17:00"},
                {"weekday": 5, "opens": "20:00", "closes": "01:00", "closes_next_day": "on"},
            ],
            opening_exceptions=[
                {"start_date": "2027-02-05", "end_date": "2027-02-07", "closed": "on", "reason": "春节闭馆"}
            ],
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    branch = Branch.objects.get(code="NEW2")
    assert branch.facilities == ["children", "wifi"]
    assert [str(label) for label in branch.facility_labels()] == ["少儿阅览", "无线网络"]
    assert branch.opening_periods.count() == 3
    assert branch.opening_exceptions.get().reason == "春节闭馆"


NEW_BRANCH = {"name": "新分馆", "code": "NEW3", "branch_type": "branch"}


@pytest.mark.parametrize(
    "children, message",
    [
        ({"opening_periods": [{"weekday": 1, "opens": "17:00", "closes": "09:00"}]}, "勾选“次日闭馆”"),
        ({"opening_periods": [{"weekday": 1, "opens": "09:00", "closes": "09:00"}]}, "不能等于开馆时间"),
        (
            {
                "opening_periods": [
                    {"weekday": 1, "opens": "09:00", "closes": "12:00"},
                    {"weekday": 1, "opens": "11:00", "closes": "17:00"},
                ]
            },
            "重叠",
        ),
        # Sunday night into Monday morning overlaps Monday's early opening.
        (
            {
                "opening_periods": [
                    {"weekday": 6, "opens": "20:00", "closes": "02:00", "closes_next_day": "on"},
                    {"weekday": 0, "opens": "01:00", "closes": "05:00"},
                ]
            },
            "重叠",
        ),
        (
            {"opening_exceptions": [{"start_date": "2027-02-07", "end_date": "2027-02-05", "closed": "on"}]},
            "结束日期早于开始日期",
        ),
        (
            {"opening_exceptions": [{"start_date": "2027-02-05", "end_date": "2027-02-05"}]},
            "请填写这几天的开馆和闭馆时间",
        ),
        (
            {"mobile_stops": [{"weekday": 2, "arrives": "10:00", "departs": "09:00", "stop_name": "甲"}]},
            "离站时间必须晚于到站时间",
        ),
        (
            {
                "mobile_stops": [
                    {"weekday": 2, "arrives": "09:00", "departs": "11:00", "stop_name": "甲"},
                    {"weekday": 2, "arrives": "10:30", "departs": "12:00", "stop_name": "乙"},
                ]
            },
            "不能同时在两处",
        ),
    ],
)
def test_admin_refuses_bad_hours_with_a_clear_message(admin_client, children, message):
    response = admin_client.post("/admin/snippets/portal/branch/add/", branch_form(NEW_BRANCH, **children))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Branch.objects.filter(code="NEW3").exists()


def test_hours_are_copied_to_translations():
    source = Branch.objects.get(code="ZG", locale=Locale.get_default())
    english = source.get_translation(Locale.objects.get(language_code="en"))
    period = source.opening_periods.first()
    period.closes = period.closes.replace(hour=20)
    period.save()
    source.save()
    assert sorted(english.opening_periods.values_list("weekday", "closes")) == sorted(
        source.opening_periods.values_list("weekday", "closes")
    )
    assert english.opening_exceptions.count() == source.opening_exceptions.count()


def test_an_english_closure_reason_is_copied_with_the_hours():
    source = Branch.objects.get(code="ZG", locale=Locale.get_default())
    closure = source.opening_exceptions.first()
    closure.reason, closure.reason_en = "设备检修", "Maintenance"
    closure.save()
    source.save()
    english = source.get_translation(Locale.objects.get(language_code="en"))
    assert list(english.opening_exceptions.values_list("reason", "reason_en")) == [("设备检修", "Maintenance")]
