"""Staff screens in the Wagtail admin, through the test client: branch-limited access, masked
phones, counts, exports (logged), add / cancel / move, check-in messages, delete protection."""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission, User
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import PageLogEntry

from events.models import EventPage, Registration, RegistrationStatus
from events.registration import register, seats_by_status
from portal.models import Branch, BranchStaff

pytestmark = pytest.mark.django_db


def event(slug):
    return EventPage.objects.get(slug=slug, locale__language_code="zh-hans").specific


def staff_user(username, *perms, branches=()):
    """A non-superuser with admin access, the given events permissions and branches."""
    user = User.objects.create_user(username, password="x")
    group = Group.objects.create(name=f"group-{username}")
    codenames = ["access_admin", *perms]
    group.permissions.set(Permission.objects.filter(codename__in=codenames))
    user.groups.add(group)
    if branches:
        assignment = BranchStaff.objects.create(user=user)
        assignment.branches.set(Branch.objects.filter(code__in=branches, locale__language_code="zh-hans"))
    return user


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.get(username="admin"))
    return client


@pytest.fixture
def nanhu_staff(client):
    """Runs 南湖分馆 (FG02), where the full origami workshop is held."""
    user = staff_user("nanhu", "view_registration", "change_registration", branches=["FG02"])
    client.force_login(user)
    return client


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_event_list_with_counts(admin_client):
    page = soup(admin_client.get(reverse("events_registration_events")))
    origami = EventPage.objects.get(slug="full-origami", locale__language_code="zh-hans")
    row = next(tr for tr in page.select("tbody tr") if origami.title in tr.get_text())
    cells = [td.get_text(strip=True) for td in row.select("td")]
    confirmed, waitlisted = seats_by_status(origami)
    # Confirmed and waitlisted seats, each of its capacity.
    assert cells[3:5] == [f"{confirmed} / {origami.capacity}", f"{waitlisted} / {origami.waitlist_size}"]


def test_registration_list_masks_phones(admin_client):
    origami = event("full-origami")
    page = soup(admin_client.get(reverse("events_registrations", args=[origami.pk])))
    text = page.get_text()
    assert "138****0001" in text and "13800000001" not in text
    assert "王女士" in text
    waitlisted = soup(admin_client.get(reverse("events_registrations", args=[origami.pk]) + "?status=waitlisted"))
    assert [tr["data-code"] for tr in waitlisted.select("tbody tr")] == ["DEMO0004", "DEMO0005"]


def test_branch_staff_see_only_their_branches(nanhu_staff):
    listed = soup(nanhu_staff.get(reverse("events_registration_events"))).get_text()
    assert "亲子折纸工作坊" in listed and "经典诵读会" not in listed
    elsewhere = event("classics-recitation")  # at the central library
    assert nanhu_staff.get(reverse("events_registrations", args=[elsewhere.pk])).status_code == 404
    assert nanhu_staff.get(reverse("events_registration_export", args=[elsewhere.pk, "csv"])).status_code == 404


def test_staff_without_branches_see_nothing(client):
    client.force_login(staff_user("nobody", "view_registration"))
    assert "网点工作人员" in soup(client.get(reverse("events_registration_events"))).get_text()


def test_export_needs_its_own_permission(nanhu_staff):
    origami = event("full-origami")
    response = nanhu_staff.get(reverse("events_registration_export", args=[origami.pk, "csv"]))
    # Wagtail answers a refused admin request with a redirect to the dashboard and a message.
    assert response.status_code == 302 and "13800000001" not in response.content.decode()
    assert not PageLogEntry.objects.filter(page=origami, action="events.export_registrations").exists()


def test_csv_export_has_full_phones_and_is_logged(admin_client):
    origami = event("full-origami")
    response = admin_client.get(reverse("events_registration_export", args=[origami.pk, "csv"]))
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][:3] == ["报名码", "姓名", "手机号码"]
    assert ["DEMO0002", "王女士", "13800000001"] == rows[1][:3]
    entry = PageLogEntry.objects.filter(page=origami, action="events.export_registrations").get()
    assert entry.user.username == "admin" and entry.data == {"format": "csv", "rows": 4}


def test_xlsx_export(admin_client):
    origami = event("full-origami")
    response = admin_client.get(reverse("events_registration_export", args=[origami.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[1][:3] == ["DEMO0002", "王女士", "13800000001"]


def test_formula_in_an_answer_is_neutralised(admin_client):
    club = event("weekly-reading-club")
    club.extra_questions = ["school"]
    club.save()
    register(club, name='=HYPERLINK("x")', phone="13911110000", seats=1, answers={"school": "=1+1"})
    rows = list(
        csv.reader(
            io.StringIO(
                admin_client.get(reverse("events_registration_export", args=[club.pk, "csv"]))
                .content.decode()
                .lstrip("\ufeff")
            )
        )
    )
    assert rows[1][1].startswith("'=") and rows[1][-1] == "'=1+1"


def change(client, event_page, code, action):
    return client.post(
        reverse("events_registration_change", args=[event_page.pk, code]), {"action": action}, follow=True
    )


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def test_cancel_promotes_and_move_respects_capacity(nanhu_staff):
    origami = event("full-origami")
    response = change(nanhu_staff, origami, "DEMO0002", "cancel")
    assert "已取消 DEMO0002" in messages_of(response)[0] and "DEMO0004" in messages_of(response)[0]
    # The event is full again; confirming the last waitlisted family would overbook.
    response = change(nanhu_staff, origami, "DEMO0005", "confirm")
    assert "名额不足" in messages_of(response)[0]
    assert Registration.objects.get(code="DEMO0005").status == RegistrationStatus.WAITLISTED
    # Moving a family to the waitlist frees their seats for the first one waiting, at once (not
    # for the next stranger to register), and the family moved does not take them back.
    change(nanhu_staff, origami, "DEMO0003", "waitlist")
    assert Registration.objects.get(code="DEMO0005").status == RegistrationStatus.CONFIRMED
    assert Registration.objects.get(code="DEMO0003").status == RegistrationStatus.WAITLISTED
    assert PageLogEntry.objects.filter(page=origami, action="events.waitlist_registration").exists()
    response = change(nanhu_staff, origami, "DEMO0003", "confirm")
    assert "名额不足" in messages_of(response)[0]


def test_view_only_staff_cannot_change(client):
    client.force_login(staff_user("viewer", "view_registration", branches=["FG02"]))
    change(client, event("full-origami"), "DEMO0002", "cancel")
    assert Registration.objects.get(code="DEMO0002").status == RegistrationStatus.CONFIRMED


def test_staff_add_ignores_the_window_not_the_capacity(admin_client):
    past = event("braille-reading")  # registration closed: it took place last week
    url = reverse("events_registration_add", args=[past.pk])
    data = {"name": "电话报名", "phone": "139 0000 1111", "seats": "1", "consent": "on"}
    response = admin_client.post(url, data, follow=True)
    assert "已添加" in messages_of(response)[0]
    assert admin_client.post(url, data, follow=True).context["messages"]
    assert "已经报名" in messages_of(admin_client.post(url, data, follow=True))[0]
    response = admin_client.post(url, {**data, "consent": ""}, follow=True)
    assert "同意隐私政策" in messages_of(response)[0]
    origami = event("full-origami")
    response = admin_client.post(
        reverse("events_registration_add", args=[origami.pk]),
        {**data, "seats": "2", "phone": "13900002222"},
        follow=True,
    )
    assert "都已满" in messages_of(response)[0]


def check_in(client, code, event_page=None, any_day=False):
    data = {"code": code}
    if event_page:
        data["event"] = event_page.pk
    if any_day:
        data["any_day"] = "on"
    page = soup(client.post(reverse("events_check_in"), data))
    result = page.select_one("[data-check-in]")
    return result["data-check-in"], result.get_text(" ", strip=True)


def test_check_in_messages(nanhu_staff):
    origami = event("full-origami")
    result, text = check_in(nanhu_staff, " demo-0002 ", origami)  # typed loosely
    assert result == "done" and "签到成功" in text and "王女士" in text and "2 人" in text
    assert check_in(nanhu_staff, "DEMO0002", origami)[0] == "already"
    assert check_in(nanhu_staff, "DEMO0004", origami)[0] == "not_confirmed"
    assert check_in(nanhu_staff, "DEMO0004", any_day=True)[0] == "not_confirmed"
    assert check_in(nanhu_staff, "ZZZZ9999")[0] == "unknown"
    other = register(event("picture-book-time"), name="别的活动", phone="13900003333", seats=1).registration
    assert check_in(nanhu_staff, other.code)[0] == "unknown"  # another branch's event: not theirs to see
    same_branch = register(event("kids-science-reading"), name="同馆", phone="13900004444", seats=1, by_staff=True)
    result, text = check_in(nanhu_staff, same_branch.registration.code, origami)
    assert result == "other_event" and "另一个活动" in text and "星空" in text
    assert Registration.objects.get(code="DEMO0002").attended_at is not None


def test_check_in_screen_on_phone_renders(nanhu_staff):
    page = soup(nanhu_staff.get(reverse("events_check_in")))
    field = page.select_one("input[name=code]")
    assert field.has_attr("autofocus") and page.select_one("#scan-code").has_attr("hidden")


def test_event_with_registrations_cannot_be_deleted(admin_client):
    origami = event("full-origami")
    response = admin_client.post(reverse("wagtailadmin_pages:delete", args=[origami.pk]), follow=True)
    assert EventPage.objects.filter(pk=origami.pk).exists()
    assert "不能删除" in messages_of(response)[0]
    empty = event("photo-exhibition")
    admin_client.post(reverse("wagtailadmin_pages:delete", args=[empty.pk]))
    assert not EventPage.objects.filter(pk=empty.pk).exists()


def test_admin_menu_and_page_buttons(admin_client):
    origami = event("full-origami")
    page = admin_client.get(reverse("wagtailadmin_pages:edit", args=[origami.pk])).content.decode()
    assert reverse("events_registrations", args=[origami.pk]) in page
    assert reverse("events_occurrences", args=[origami.pk]) in page


def test_registration_timestamps_are_local(admin_client):
    origami = event("full-origami")
    page = soup(admin_client.get(reverse("events_registrations", args=[origami.pk])))
    created = Registration.objects.get(code="DEMO0002").created_at
    assert timezone.localtime(created).strftime("%m-%d %H:%M") in page.get_text()


def test_the_door_checks_in_todays_events_and_refuses_another_days_code_unless_staff_mean_it(nanhu_staff):
    """A reader shows next week's code at today's door: the general screen says so instead of
    "签到成功", keeps the code in the box, and checks it in only when staff tick the override."""
    from datetime import timedelta

    origami = event("full-origami")
    later = origami.registrations.get(code="DEMO0002")
    assert timezone.localdate(origami.start) != timezone.localdate()
    result, text = check_in(nanhu_staff, "DEMO0002")
    assert result == "other_day" and "不是今天的活动" in text
    later.refresh_from_db()
    assert later.attended_at is None
    page = soup(nanhu_staff.post(reverse("events_check_in"), {"code": "DEMO0002"}))
    assert page.select_one("input[name=code]")["value"] == "DEMO0002"
    assert check_in(nanhu_staff, "DEMO0002", any_day=True)[0] == "done"

    now = timezone.now()
    EventPage.objects.filter(pk=origami.pk).update(start=now - timedelta(minutes=20), end=now + timedelta(hours=1))
    assert check_in(nanhu_staff, "DEMO0003")[0] == "done"  # today's event: no override needed
