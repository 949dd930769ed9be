"""Staff roles of a 总分馆 library (home.roles), tried the way staff and a curious branch
librarian would: through the admin's own screens and by typing addresses of another branch's
pages and registrations. The demo's staff accounts are the ones a library would make."""

import io

import PIL.Image
import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from wagtail.images.models import Image
from wagtail.models import Collection, GroupPagePermission, Page, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, streamfield

from events.models import EventPage, EventSectionPage, Registration
from events.registration import register
from home import roles
from portal.models import Branch, BranchStaff
from tests.staff import login

pytestmark = pytest.mark.django_db


def section(code):
    return EventSectionPage.objects.get(branch__code=code, locale__language_code="zh-hans")


def events_at(code):
    return list(EventPage.objects.child_of(section(code)).live())


def event_form(branch, title="周六故事会", **overrides):
    data = {
        "title": title,
        "slug": title,
        "summary": "给孩子讲三个故事。",
        "start": "2027-01-16 10:00",
        "end": "2027-01-16 11:00",
        "status": "scheduled",
        "status_note": "",
        "branch": branch.pk,
        "room": "",
        "online_url": "",
        "category": "",
        "audiences": ["children"],
        "organiser": "",
        "partners": "",
        "is_free": "on",
        "fee_note": "",
        "image": "",
        "image_alt": "",
        "body": streamfield([]),
        "book_isbns": "",
        "capacity": "0",
        "waitlist_size": "0",
        "registration_opens": "",
        "registration_closes": "",
        "max_seats_per_person": "1",
        "seo_title": "",
        "search_description": "",
        "share_image": "",
    }
    data.update(overrides)
    return nested_form_data(data)


def test_setup_roles_twice_changes_nothing():
    def state():
        return (
            sorted(Group.objects.values_list("name", flat=True)),
            GroupPagePermission.objects.count(),
            Page.objects.count(),
        )

    before = state()
    call_command("setup_roles", "FG01", "FG02", stdout=None)
    assert state() == before


def test_setup_roles_refuses_an_unknown_branch_code():
    with pytest.raises(Exception, match="FG99"):
        call_command("setup_roles", "FG99")


def test_wagtails_english_default_groups_became_the_roles():
    names = set(Group.objects.values_list("name", flat=True))
    assert {roles.CENTRAL_EDITORS, roles.APPROVERS, roles.BRANCH_LIBRARIANS} <= names
    assert not names & {"Editors", "Moderators"}


def test_a_branch_librarian_edits_their_branch_and_nothing_else(client):
    login(client, "nanhu-guanyuan")
    own, other = events_at("FG02")[0], events_at("FG01")[0]
    assert client.get(reverse("wagtailadmin_pages:edit", args=[own.pk])).status_code == 200
    assert client.get(reverse("wagtailadmin_pages:edit", args=[other.pk])).status_code in (302, 403)
    central = EventPage.objects.get(slug="classics-recitation", locale__language_code="zh-hans")
    assert client.get(reverse("wagtailadmin_pages:edit", args=[central.pk])).status_code in (302, 403)
    other_section = section("FG01")
    add_there = reverse("wagtailadmin_pages:add", args=["events", "eventpage", other_section.pk])
    assert client.get(add_there).status_code in (302, 403)
    assert client.post(add_there, event_form(other_section.branch)).status_code in (302, 403)
    assert not EventPage.objects.filter(title="周六故事会").exists()


def test_a_branch_librarian_cannot_publish_but_submits_for_approval(client):
    login(client, "nanhu-guanyuan")
    own = section("FG02")
    add = reverse("wagtailadmin_pages:add", args=["events", "eventpage", own.pk])
    form = client.get(add)
    assert form.status_code == 200
    assert "action-publish" not in form.content.decode()  # no 发布 button to press
    assert client.post(add, event_form(own.branch, **{"action-publish": "publish"})).status_code == 302
    tried = EventPage.objects.get(title="周六故事会")
    assert not tried.live  # a forged publish only saves a draft

    response = client.post(add, event_form(own.branch, title="周日故事会", **{"action-submit": "submit"}))
    assert response.status_code == 302
    submitted = EventPage.objects.get(title="周日故事会")
    assert not submitted.live
    assert WorkflowState.objects.filter(object_id=str(submitted.pk), status="in_progress").exists()


def test_an_event_in_a_branch_section_is_held_at_that_branch(client):
    login(client, "nanhu-guanyuan")
    own = section("FG02")
    add = reverse("wagtailadmin_pages:add", args=["events", "eventpage", own.pk])
    form = BeautifulSoup(client.get(add).content, "html.parser")
    assert form.find("input", {"name": "branch"})["value"] == str(own.branch.pk)  # the snippet chooser
    elsewhere = Branch.objects.get(code="FG01", locale__language_code="zh-hans")
    response = client.post(add, event_form(elsewhere, **{"action-submit": "submit"}))
    assert response.status_code == 200  # the form again, with the error
    assert "地点只能是南湖分馆" in response.content.decode()
    assert not EventPage.objects.filter(title="周六故事会").exists()


def test_the_approver_approves_and_the_activity_goes_live(client):
    waiting = EventPage.objects.get(slug="picture-book-theatre")
    state = WorkflowState.objects.get(object_id=str(waiting.pk), status="in_progress")
    login(client, "shenhe")
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert waiting.title in dashboard  # 待审核 on the approver's dashboard
    task_state = state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[waiting.pk, "approve", task_state.pk])
    assert client.post(url, {"comment": "可以发布。"}).status_code in (200, 302)
    waiting.refresh_from_db()
    assert waiting.live


def test_a_branch_librarian_cannot_approve(client):
    waiting = EventPage.objects.get(slug="picture-book-theatre")
    task_state = WorkflowState.objects.get(object_id=str(waiting.pk), status="in_progress").current_task_state
    login(client, "dongcheng-guanyuan")
    url = reverse("wagtailadmin_pages:workflow_action", args=[waiting.pk, "approve", task_state.pk])
    assert client.post(url, {"comment": "自己批准"}).status_code in (302, 403)
    waiting.refresh_from_db()
    assert not waiting.live


def test_a_branch_librarian_sees_and_checks_in_only_their_branch(client):
    own, other = events_at("FG02")[0], events_at("FG01")[0]
    theirs = register(other, name="赵读者", phone="13911112222", seats=1)
    login(client, "nanhu-guanyuan")
    listing = client.get(reverse("events_registration_events")).content.decode()
    assert own.title in listing and other.title not in listing
    assert client.get(reverse("events_registrations", args=[other.pk])).status_code == 404
    assert client.get(reverse("events_registration_export", args=[other.pk, "csv"])).status_code in (302, 404)
    refused = client.get(reverse("events_registration_export", args=[own.pk, "csv"]))  # no export right
    assert refused.status_code == 302 and refused["Location"] == reverse("wagtailadmin_home")
    change = reverse("events_registration_change", args=[other.pk, theirs.registration.code])
    assert client.post(change, {"action": "cancel"}).status_code == 404
    client.post(reverse("events_check_in"), {"code": theirs.registration.code, "any_day": "on"})
    assert Registration.objects.get(pk=theirs.registration.pk).attended_at is None


def test_saying_which_branches_someone_runs_sets_their_groups(client):
    user = User.objects.get(username="dongcheng-guanyuan")
    staff = BranchStaff.objects.get(user=user)
    nanhu = Branch.objects.get(code="FG02", locale__language_code="zh-hans")
    staff.branches.add(nanhu)
    assert set(user.groups.values_list("name", flat=True)) >= {"分馆馆员：东城分馆", "分馆馆员：南湖分馆"}
    staff.branches.set([nanhu])
    names = set(user.groups.values_list("name", flat=True))
    assert "分馆馆员：东城分馆" not in names and "分馆馆员：南湖分馆" in names
    staff.delete()
    assert not user.groups.filter(name__startswith=roles.BRANCH_GROUP_PREFIX).exists()


def test_a_branch_librarian_uploads_into_their_branch_collection(client):
    login(client, "nanhu-guanyuan")
    picture = io.BytesIO()
    PIL.Image.new("RGB", (40, 30), "teal").save(picture, "PNG")
    upload = SimpleUploadedFile("gushihui.png", picture.getvalue(), content_type="image/png")
    response = client.post(
        reverse("wagtailimages:add"), {"title": "故事会照片", "file": upload, "description": "孩子们在听故事"}
    )
    assert response.status_code == 302
    assert Image.objects.get(title="故事会照片").collection.name == "南湖分馆"
    central = Collection.get_first_root_node()
    assert not Image.objects.filter(collection=central, title="故事会照片").exists()


def test_the_central_editor_publishes_anywhere(client):
    login(client, "zongguan-bianji")
    other = events_at("FG01")[0]
    assert client.get(reverse("wagtailadmin_pages:edit", args=[other.pk])).status_code == 200
    assert other.permissions_for_user(User.objects.get(username="zongguan-bianji")).can_publish()
    assert client.get(reverse("events_registration_export", args=[other.pk, "csv"])).status_code == 200


def test_the_approver_reviews_pages_without_seeing_readers(client):
    origami = EventPage.objects.get(slug="full-origami", locale__language_code="zh-hans")
    login(client, "shenhe")
    assert client.get(reverse("events_registrations", args=[origami.pk])).status_code == 302  # refused
    assert "王女士" not in client.get(reverse("wagtailadmin_home")).content.decode()
