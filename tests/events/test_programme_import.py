"""导入活动安排, tried as librarians would: a term typed in Excel (.xlsx, with real date cells),
the same table saved as CSV on Chinese Windows (GB18030), and files with the mistakes people make.
Nothing may be saved before the confirmation, nor from a file with any error."""

import csv
import io
from datetime import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook
from wagtail.models import Page

from events.models import EventPage, EventSectionPage
from events.programme_import import OPTIONAL, REQUIRED
from tests.staff import login

pytestmark = pytest.mark.django_db
HEADER = REQUIRED + OPTIONAL
SPRING = [
    [
        "春季绘本故事会",
        datetime(2027, 3, 6, 10),
        "11:00",
        "FG02",
        "亲子",
        "少儿、亲子家庭",
        "每周六的绘本故事会。",
        "二楼少儿阅览室",
        "是",
        20,
        5,
        3,
        "",
    ],
    [
        "春季绘本故事会",
        datetime(2027, 3, 13, 10),
        "11:00",
        "FG02",
        "亲子",
        "少儿,亲子家庭",
        "每周六的绘本故事会。",
        "二楼少儿阅览室",
        "是",
        20,
        5,
        3,
        "",
    ],
    [
        "手机摄影入门",
        "2027/3/10 14:30",
        "2027/3/10 16:30",
        "fg01",
        "培训",
        "老年",
        "用手机拍好照片。",
        "",
        "否",
        "",
        "",
        "",
        "材料费 10 元",
    ],
]


def xlsx(rows, header=HEADER):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("春季活动.xlsx", buffer.getvalue())


def csv_file(rows, encoding="gb18030"):
    text = io.StringIO()
    csv.writer(text).writerows([HEADER] + rows)  # quotes "少儿,亲子家庭" as Excel does
    return SimpleUploadedFile("春季活动.csv", text.getvalue().encode(encoding))


def check(client, upload):
    response = client.post(reverse("events_programme_import"), {"file": upload})
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_a_term_from_excel_is_previewed_then_imported_as_drafts(client):
    login(client, "zongguan-bianji")
    pages_before = Page.objects.count()
    preview = check(client, xlsx(SPRING))
    assert len(preview.select("tr[data-row]")) == 3 and not preview.select("tr[data-errors]")
    assert Page.objects.count() == pages_before  # nothing saved by the check
    response = client.post(reverse("events_programme_import"), {"confirm": "1"})
    assert response.status_code == 302
    story = EventPage.objects.filter(title="春季绘本故事会").order_by("start")
    assert story.count() == 2 and not any(event.live for event in story)
    first = story[0]
    assert first.get_parent().specific == EventSectionPage.objects.get(
        branch__code="FG02", locale__language_code="zh-hans"
    )
    assert (first.capacity, first.waitlist_size, first.max_seats_per_person) == (20, 5, 3)
    assert first.audiences == ["children", "families"] and first.registration_required
    assert f"{first.start:%Y-%m-%d %H:%M}" == "2027-03-06 02:00"  # 10:00 in Shanghai, stored in UTC
    assert story[0].slug != story[1].slug  # same title, two addresses
    photo = EventPage.objects.get(title="手机摄影入门")
    assert photo.branch.code == "FG01" and not photo.is_free and photo.fee_note == "材料费 10 元"
    # The confirmation is used up: a second press imports nothing more.
    client.post(reverse("events_programme_import"), {"confirm": "1"})
    assert EventPage.objects.filter(title="春季绘本故事会").count() == 2


def test_a_csv_saved_by_excel_on_chinese_windows(client):
    login(client, "zongguan-bianji")
    rows = [[cell.strftime("%Y-%m-%d %H:%M") if isinstance(cell, datetime) else cell for cell in row] for row in SPRING]
    preview = check(client, csv_file(rows))
    assert [row.select("td")[1].get_text() for row in preview.select("tr[data-row]")][2] == "手机摄影入门"
    assert not preview.select("tr[data-errors]")


def test_every_mistake_is_named_with_its_row_and_nothing_is_saved(client):
    login(client, "zongguan-bianji")
    bad = [
        SPRING[0],
        ["结束早于开始", "2027-03-06 10:00", "09:00", "FG02", "亲子", "少儿", "摘要", "", "否", "", "", "", ""],
        ["没有网点", "2027-03-06 10:00", "11:00", "FG99", "亲子", "少儿", "摘要", "", "否", "", "", "", ""],
        ["人群写错", "2027-03-06 10:00", "11:00", "FG02", "亲子", "儿童", "摘要", "", "否", "", "", "", ""],
        ["报名没名额", "2027-03-06 10:00", "11:00", "FG02", "亲子", "少儿", "摘要", "", "是", "", "", "", ""],
        ["日期写错", "下周六上午", "11:00", "FG02", "亲子", "少儿", "摘要", "", "否", "", "", "", ""],
        ["", "2027-03-06 10:00", "11:00", "FG02", "讲故事", "少儿", "", "", "也许", "二十", "", "", ""],
    ]
    preview = check(client, xlsx(bad))
    errors = {
        int(row["data-row"]): row.select("td")[-1].get_text(" ", strip=True)
        for row in preview.select("tr[data-errors]")
    }
    assert set(errors) == {3, 4, 5, 6, 7, 8}
    assert "结束时间必须晚于开始时间" in errors[3]
    assert "FG99" in errors[4]
    assert "儿童" in errors[5] and "少儿" in errors[5]  # says what is allowed
    assert "名额" in errors[6]
    assert "下周六上午" in errors[7]
    assert all(word in errors[8] for word in ("标题", "摘要", "讲故事", "需要报名", "二十"))
    assert not preview.find("button", attrs={"name": "confirm"})
    response = client.post(reverse("events_programme_import"), {"confirm": "1"})
    assert response.status_code == 302
    assert not EventPage.objects.filter(title="春季绘本故事会").exists()


def test_a_branch_librarian_imports_only_into_their_branch(client):
    login(client, "nanhu-guanyuan")
    preview = check(client, xlsx(SPRING))
    errors = {int(row["data-row"]) for row in preview.select("tr[data-errors]")}
    assert errors == {4}  # the 东城 row
    assert "权限" in preview.find("tr", attrs={"data-row": "4"}).get_text()
    client.post(reverse("events_programme_import"), {"confirm": "1"})
    assert not EventPage.objects.filter(title="春季绘本故事会").exists()


@pytest.mark.parametrize(
    "upload, message",
    [
        (SimpleUploadedFile("photo.png", b"\x89PNG\r\n\x1a\n" + b"0" * 100), ".xlsx 或 .csv"),
        (SimpleUploadedFile("broken.xlsx", b"PK\x03\x04 not really a workbook"), "无法读取"),
        (SimpleUploadedFile("empty.csv", b""), "空"),
        (SimpleUploadedFile("other.csv", "书名,作者\n活着,余华\n".encode()), "标题"),
        (SimpleUploadedFile("header-only.csv", (",".join(HEADER) + "\n").encode()), "没有活动"),
        # Excel's "Unicode text" is UTF-16 with tabs; a picture renamed .csv: neither is UTF-8 or GBK.
        (SimpleUploadedFile("unicode-text.csv", ("\t".join(HEADER) + "\n").encode("utf-16")), "编码"),
        (SimpleUploadedFile("renamed.csv", b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4), "编码"),
    ],
)
def test_files_that_are_not_a_programme_are_refused_clearly(client, upload, message):
    login(client, "zongguan-bianji")
    response = client.post(reverse("events_programme_import"), {"file": upload})
    assert response.status_code == 200
    error = BeautifulSoup(response.content, "html.parser").select_one("[data-file-error]")
    assert error is not None and message in error.get_text(), response.content.decode()[:500]


def test_the_template_downloads_with_every_column(client):
    login(client, "nanhu-guanyuan")
    response = client.get(reverse("events_programme_template"))
    header = response.content.decode("utf-8-sig").splitlines()[0].split(",")
    assert header == HEADER


def test_readers_cannot_import(client):
    assert client.get(reverse("events_programme_import")).status_code == 302
