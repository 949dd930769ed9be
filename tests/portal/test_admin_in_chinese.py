"""The admin is for Chinese staff: walk the screens an editor and a branch librarian use and fail
on any English left in the interface — headings, buttons, column titles, help texts, tooltips and
what screen readers announce. Content is not the interface: English page titles, branch names and
file names (the translations editors made) are taken out first, from the database."""

import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import User
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Page

from events.models import EventCategory, EventPage, EventSectionPage, Registration, Speaker
from portal.models import Branch

pytestmark = pytest.mark.django_db

LATIN_WORDS = re.compile(r"[A-Za-z][A-Za-z'’]{2,}")
# Words a Chinese interface uses as they are: acronyms are all capitals (ISBN, CSV, XLSX, JPEG …).
USED_AS_IS = {"Excel", "App", "English"}
ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")


def content_strings():
    """Text that is content, longest first so that a title is removed before the words in it."""
    strings = set(Page.objects.values_list("title", flat=True))
    for branch in Branch.objects.all():
        strings.update([branch.name, branch.address, branch.district, branch.code])
    strings.update(Document.objects.values_list("title", flat=True))
    strings.update(name.rsplit("/", 1)[-1] for name in Document.objects.values_list("file", flat=True))
    strings.update(Image.objects.values_list("title", flat=True))
    strings.update(EventCategory.objects.values_list("name", flat=True))
    strings.update(Speaker.objects.values_list("name", flat=True))
    strings.update(Registration.objects.values_list("code", flat=True))
    strings.update(User.objects.values_list("username", flat=True))
    return sorted((s for s in strings if s), key=len, reverse=True)


def english_in(html, content):
    page = BeautifulSoup(html, "html.parser")
    for element in page(["script", "style", "noscript", "template"]):
        element.decompose()
    for element in page.select("[hidden]"):
        element.decompose()
    texts = [page.title.get_text() if page.title else ""] + list(page.stripped_strings)
    texts += [element[name] for element in page.find_all(True) for name in ATTRIBUTES if element.get(name)]
    found = set()
    for text in texts:
        for string in content:
            if string in text:
                text = text.replace(string, " ")
        found.update(word for word in LATIN_WORDS.findall(text) if not word.isupper() and word not in USED_AS_IS)
    return found


def screens():
    home = Page.objects.get(depth=2, locale__language_code="zh-hans")
    section = EventSectionPage.objects.get(branch__code="FG02", locale__language_code="zh-hans")
    event = EventPage.objects.child_of(section).filter(registration_required=True).first()
    return [
        "/admin/",
        f"/admin/pages/{home.pk}/",
        f"/admin/pages/{section.pk}/",
        f"/admin/pages/{event.pk}/edit/",
        f"/admin/pages/add/events/eventpage/{section.pk}/",
        f"/admin/pages/{event.pk}/history/",
        "/admin/pages/search/?q=读书",
        "/admin/images/",
        "/admin/images/multiple/add/",
        "/admin/documents/",
        "/admin/forms/",
        "/admin/registrations/",
        f"/admin/registrations/{event.pk}/",
        "/admin/registrations/check-in/",
        "/admin/account/",
        "/admin/statistics/",
        "/admin/purchase_suggestions/",
        "/admin/snippets/portal/branch/?locale=zh-hans",
        "/admin/reports/site-history/",
    ]


@pytest.mark.parametrize("username", ["zongguan-bianji", "nanhu-guanyuan"])
def test_no_english_on_the_screens_staff_use(client, username):
    client.force_login(User.objects.get(username=username))
    content = content_strings()
    left = {}
    for url in screens():
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        words = english_in(response.content.decode(), content)
        if words:
            left[url] = sorted(words)
    assert not left, left


def test_the_promote_tab_is_not_called_recommend(client):
    """推荐 is what the library calls its book recommendations; Wagtail's Promote tab is 发布设置."""
    client.force_login(User.objects.get(username="zongguan-bianji"))
    event = EventPage.objects.filter(locale__language_code="zh-hans").first()
    tabs = BeautifulSoup(client.get(f"/admin/pages/{event.pk}/edit/").content, "html.parser").select("[role=tab]")
    labels = [tab.get_text(" ", strip=True) for tab in tabs]
    assert any("发布设置" in label for label in labels) and not any(label.startswith("推荐") for label in labels)


def test_no_avatar_or_guide_from_a_foreign_host(client):
    client.force_login(User.objects.get(username="zongguan-bianji"))
    html = client.get("/admin/").content.decode()
    assert "gravatar.com" not in html
    assert "guide.wagtail.org" not in html


def test_browser_tabs_name_the_admin_not_wagtail(client):
    client.force_login(User.objects.get(username="nanhu-guanyuan"))
    for url in ["/admin/", "/admin/registrations/", "/admin/registrations/check-in/"]:
        title = BeautifulSoup(client.get(url).content, "html.parser").title.get_text(" ", strip=True)
        assert "Wagtail" not in title and title.endswith("书香管理后台"), title
