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
        name="测试分馆", code="T01", branch_type=BranchType.BRANCH,
        latitude=Decimal("30.66"), longitude=Decimal("104.06"), locale=Locale.get_default(),
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


def test_admin_refuses_swapped_coordinates_with_a_clear_message(admin_client):
    response = admin_client.post(
        "/admin/snippets/portal/branch/add/",
        {"name": "新分馆", "code": "NEW1", "branch_type": "branch", "latitude": "116.40",
         "longitude": "39.90", "facilities": ["children"], "locale": Locale.get_default().pk},
    )
    assert response.status_code == 200  # the form again, with the error
    assert "纬度和经度填反了" in response.content.decode()
    assert not Branch.objects.filter(code="NEW1").exists()


def test_admin_creates_a_branch(admin_client):
    response = admin_client.post(
        "/admin/snippets/portal/branch/add/",
        {"name": "新分馆", "code": "NEW2", "branch_type": "reading_room", "latitude": "30.60",
         "longitude": "104.10", "facilities": ["children", "wifi"], "locale": Locale.get_default().pk},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    branch = Branch.objects.get(code="NEW2")
    assert branch.facilities == ["children", "wifi"]
    assert [str(label) for label in branch.facility_labels()] == ["少儿阅览", "无线网络"]
