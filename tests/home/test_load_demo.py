"""``load_demo``: idempotent, never overwrites, ``--if-empty`` leaves a site with content alone."""

import io

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command

from home.models import ArticlePage, HomePage
from portal.models import Branch, LibrarySettings

pytestmark = pytest.mark.django_db


def object_counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"portal", "home", "wagtailcore", "wagtail_localize", "auth"}
    }


def run_demo(*args):
    out = io.StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def test_demo_has_what_the_issue_asks_for():
    assert HomePage.objects.count() == 2  # Chinese and its English translation
    zh_branches = Branch.objects.filter(locale__language_code="zh-hans")
    assert zh_branches.count() >= 8
    assert len({b.branch_type for b in zh_branches}) >= 6
    assert Branch.objects.filter(locale__language_code="en").count() == zh_branches.count()
    assert ArticlePage.objects.filter(locale__language_code="zh-hans", kind="news").count() >= 3
    assert ArticlePage.objects.filter(slug="privacy").count() == 2
    settings = LibrarySettings.objects.get()
    assert settings.privacy_page.slug == "privacy"
    assert get_user_model().objects.filter(username="admin", is_superuser=True).exists()


def test_every_demo_branch_has_hours_facilities_and_coordinates():
    branches = Branch.objects.filter(locale__language_code="zh-hans").with_hours()
    for branch in branches:
        assert branch.has_location and branch.facilities, branch.code
        has_hours = branch.opening_periods.all() or branch.mobile_stops.all() or branch.is_always_open
        assert has_hours, branch.code
    assert sum(branch.is_always_open for branch in branches) == 1
    mobile = [branch for branch in branches if branch.is_mobile]
    assert len(mobile) == 1 and len(mobile[0].mobile_stops.all()) >= 4
    assert any(exception.closed for branch in branches for exception in branch.opening_exceptions.all())


def test_demo_branches_lie_in_one_city():
    located = Branch.objects.exclude(latitude=None)
    assert all(30.5 < b.latitude < 31.0 and 103.9 < b.longitude < 104.3 for b in located)
    for branch in Branch.objects.all():
        branch.full_clean()  # every demo branch passes the admin's own validation


def test_running_twice_changes_nothing():
    before = object_counts()
    output = run_demo()
    assert object_counts() == before
    assert "密码" not in output  # the admin exists: no new password is made or shown


def test_does_not_overwrite_editors_changes(zh_home):
    zh_home.tagline = "编辑改过的标语"
    zh_home.save_revision().publish()
    branch = Branch.objects.get(code="ZG", locale=zh_home.locale)
    branch.phone = "028-11111111"
    branch.save()
    run_demo()
    zh_home.refresh_from_db()
    branch.refresh_from_db()
    assert zh_home.tagline == "编辑改过的标语"
    assert branch.phone == "028-11111111"


def test_if_empty_skips_a_site_with_content():
    before = object_counts()
    assert "跳过" in run_demo("--if-empty")
    assert object_counts() == before


def test_admin_password_is_generated_and_shown_once(monkeypatch):
    monkeypatch.delenv("DEMO_ADMIN_PASSWORD", raising=False)
    get_user_model().objects.filter(username="admin").delete()
    output = run_demo()
    password = output.split("密码：")[1].split()[0]
    assert len(password) >= 12
    assert get_user_model().objects.get(username="admin").check_password(password)


def test_admin_password_from_environment(monkeypatch):
    monkeypatch.setenv("DEMO_ADMIN_PASSWORD", "a-Long-pass-phrase-42")
    get_user_model().objects.filter(username="admin").delete()
    output = run_demo()
    assert "a-Long-pass-phrase-42" not in output
    assert get_user_model().objects.get(username="admin").check_password("a-Long-pass-phrase-42")
