"""荐购 through real HTTP posts: a book the library holds is shown, not stored; a new one is stored
with a reference code; the same book twice is merged; staff answer and merge in the admin; bad
input is named, never stored."""

import pytest
from bs4 import BeautifulSoup

from catalog_search.models import CatalogueRecord, PurchaseSuggestion, SuggestionRequest, SuggestionStatus
from portal.isbn import isbn10_check, isbn13_check, normalise_isbn

pytestmark = pytest.mark.django_db

URL = "/catalogue/purchase-suggestions/"
STATUS_URL = "/catalogue/purchase-suggestions/status/"


def isbn13(twelve):
    return twelve + isbn13_check(twelve)


NEW_ISBN = isbn13("978711100000")  # not in the demo catalogue
assert normalise_isbn(NEW_ISBN) == NEW_ISBN


def post(client, **fields):
    data = {"title": "", "author": "", "isbn": "", "reason": "", "phone": "", "email": "", "consent": "on", **fields}
    response = client.post(URL, data)
    soup = BeautifulSoup(response.content, "html.parser")
    marked = soup.select_one("[data-suggestion-status]")
    return response, soup, marked["data-suggestion-status"], marked.get("data-suggestion-code")


def test_the_form_renders_in_both_languages(client):
    for url, text in [(URL, "荐购：你选书，我买单"), ("/en" + URL, None)]:
        response = client.get(url)
        assert response.status_code == 200
        soup = BeautifulSoup(response.content, "html.parser")
        assert soup.select_one("input[name=title]") and soup.select_one("input[name=consent]")
        if text:
            assert soup.h1.get_text(strip=True) == text


def test_a_book_the_library_holds_is_shown_with_its_copies_not_stored(client):
    record = CatalogueRecord.objects.filter(record_id__startswith="R", title="平凡的世界").first()
    hyphenated = f"{record.isbn[:3]}-{record.isbn[3]}-{record.isbn[4:8]}-{record.isbn[8:12]}-{record.isbn[12]}"
    for fields in (
        {"title": "随便写的书名", "isbn": hyphenated},  # the ISBN decides
        {"title": "平凡的 世界", "author": "路遥"},  # the title (and author) as typed
        {"title": "平凡的世界"},
    ):
        response, soup, status, code = post(client, phone="13812345678", **fields)
        assert (response.status_code, status, code) == (200, "held", None), fields
        shown = [li["data-record-id"] for li in soup.select("li.book")]
        assert record.record_id in shown
        assert soup.select_one(".book__copies").get_text(strip=True)
    assert not PurchaseSuggestion.objects.exists() and not SuggestionRequest.objects.exists()
    # Same title, another author: not the library's book.
    response, _soup, status, _code = post(client, title="平凡的世界", author="张三", phone="13812345678")
    assert status == "received"
    # The same title with the ISBN of another edition: the reader wants that edition.
    response, _soup, status, _code = post(client, title="平凡的世界", author="路遥", isbn=NEW_ISBN, phone="13812345678")
    assert status == "received"


def test_a_new_book_is_stored_and_its_status_can_be_checked(client):
    response, soup, status, code = post(
        client,
        title="额尔古纳河的冬天",
        author="某作者",
        isbn=NEW_ISBN,
        reason="学校推荐阅读",
        email="reader@example.com",
    )
    assert (response.status_code, status) == (200, "received")
    assert code and len(code) == 10 and code in soup.get_text()
    suggestion = PurchaseSuggestion.objects.get()
    assert (suggestion.title, suggestion.isbn, suggestion.status, suggestion.request_count) == (
        "额尔古纳河的冬天",
        NEW_ISBN,
        SuggestionStatus.PENDING,
        1,
    )
    request = suggestion.requests.get()
    assert (request.code, request.email, request.phone, request.reason) == (
        code,
        "reader@example.com",
        "",
        "学校推荐阅读",
    )

    page = client.get(STATUS_URL, {"code": code.lower()[:5] + " " + code.lower()[5:]})  # typed loosely
    answer = BeautifulSoup(page.content, "html.parser")
    assert page.status_code == 200 and answer.select_one("[data-suggestion-status=found]")
    assert "待处理" in answer.get_text() and "额尔古纳河的冬天" in answer.get_text()
    assert "reader@example.com" not in answer.get_text()


def test_the_same_book_twice_is_merged_not_repeated(client):
    _r, _s, _status, first = post(client, title="冬天的故事集", author="李四", isbn=NEW_ISBN, phone="13812345678")
    # The same ISBN in its old 10-digit form.
    ten = NEW_ISBN[3:12] + isbn10_check(NEW_ISBN[3:12]).upper()
    _r, _s, _status, second = post(client, title="冬天的故事集（精装）", isbn=ten, phone="13900001111")
    # No ISBN, the same title typed with a space and full-width letters, the same author.
    _r, soup, _status, third = post(client, title="冬天的 故事集", author="李四", email="c@example.com")
    assert len({first, second, third}) == 3
    suggestion = PurchaseSuggestion.objects.get()
    assert suggestion.request_count == 3 == suggestion.requests.count()
    assert "已有 3 位读者推荐这本书" in soup.get_text()
    # Another author's book of the same title is another suggestion.
    post(client, title="冬天的故事集", author="王五", phone="13812345678")
    assert PurchaseSuggestion.objects.count() == 2


@pytest.mark.parametrize(
    "fields, field, message",
    [
        ({"title": ""}, "title", "请填写书名"),
        ({"title": "\x00\x07"}, "title", "请填写书名"),
        ({"isbn": "978-7-111-11111-0"}, "isbn", "无效"),
        ({"isbn": "12345"}, "isbn", "无效"),
        ({"phone": "12345"}, "phone", "11 位"),
        ({"email": "not-an-email"}, "email", "有效的电子邮箱"),
        ({"consent": ""}, "consent", "隐私政策"),
        ({"phone": "", "email": ""}, None, "手机号码或电子邮箱"),
        ({"title": "书" * 201}, "title", ""),
    ],
)
def test_bad_input_is_named_and_nothing_is_stored(client, fields, field, message):
    data = {"title": "一本新书", "phone": "13812345678", **fields}
    response, soup, status, code = post(client, **data)
    assert (response.status_code, status, code) == (400, "invalid", None)
    if field:
        assert soup.select_one(f"#id_{field}-error"), soup.select(".field-error")
        assert message in soup.select_one(f"#id_{field}-error").get_text()
    else:
        assert message in soup.select_one(".form-error").get_text()
    assert not PurchaseSuggestion.objects.exists()


def test_a_bot_filling_the_hidden_field_is_refused(client):
    response, _soup, status, _code = post(client, title="一本新书", phone="13812345678", website="http://spam")
    assert (response.status_code, status) == (400, "invalid") and not PurchaseSuggestion.objects.exists()


def test_too_many_suggestions_from_one_address_are_refused(client, settings):
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "suggest_per_ip": (2, 3600)}
    statuses = [post(client, title=f"新书 {n}", phone="13812345678")[2] for n in range(3)]
    assert statuses == ["received", "received", "limited"]


@pytest.mark.parametrize(
    "code, status, http",
    [("", "invalid", 400), ("NOSUCHCODE", "unknown", 404), ("' OR 1=1 --", "unknown", 404), ("x" * 30, "invalid", 400)],
)
def test_bad_status_codes(client, code, status, http):
    response = client.get(STATUS_URL, {"code": code})
    assert response.status_code == http
    assert BeautifulSoup(response.content, "html.parser").select_one(f"[data-suggestion-status={status}]")


def test_staff_answer_and_merge_in_the_admin(client, admin_client):
    _r, _s, _st, kept_code = post(client, title="春天的读书笔记", author="赵六", phone="13812345678")
    _r, _s, _st, other_code = post(client, title="春天读书笔记", author="赵六", phone="13900001111")
    kept, other = PurchaseSuggestion.objects.order_by("pk")
    assert kept.pk != other.pk  # typed differently: two suggestions until staff merge them

    listing = admin_client.get("/admin/purchase_suggestions/")
    assert listing.status_code == 200 and "春天的读书笔记" in listing.content.decode()
    edit = admin_client.get(f"/admin/purchase_suggestions/edit/{other.pk}/")
    html = edit.content.decode()
    assert edit.status_code == 200 and "139****1111" in html and "13900001111" not in html

    form = {
        "title": other.title,
        "author": other.author,
        "isbn": "",
        "status": "pending",
        "reply": "",
        "staff_note": "",
        "merged_into": kept.pk,
    }
    assert admin_client.post(f"/admin/purchase_suggestions/edit/{other.pk}/", form).status_code == 302
    other.refresh_from_db()
    kept.refresh_from_db()
    assert other.status == SuggestionStatus.MERGED and kept.request_count == 2

    form = {
        "title": kept.title,
        "author": kept.author,
        "isbn": "",
        "status": "rejected",
        "reply": "馆内已有同类图书，暂不采购。",
        "staff_note": "",
        "merged_into": "",
    }
    assert admin_client.post(f"/admin/purchase_suggestions/edit/{kept.pk}/", form).status_code == 302
    for code in (kept_code, other_code):  # the merged reader sees the kept suggestion's answer
        text = BeautifulSoup(client.get(STATUS_URL, {"code": code}).content, "html.parser").get_text()
        assert "不予采购" in text and "馆内已有同类图书，暂不采购。" in text


def test_contacts_are_purged_some_days_after_staff_handle_the_suggestion(client):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    _r, _s, _st, waiting = post(client, title="等待中的书", phone="13812345678")
    _r, _s, _st, handled = post(client, title="已处理的书", email="reader@example.com")
    done = PurchaseSuggestion.objects.get(title="已处理的书")
    done.status = SuggestionStatus.ORDERED
    done.save()
    assert done.handled_at is not None
    call_command("purge_suggestion_contacts", days=90)
    assert SuggestionRequest.objects.get(code=handled).email == "reader@example.com"  # not yet
    PurchaseSuggestion.objects.filter(pk=done.pk).update(handled_at=timezone.now() - timedelta(days=91))
    call_command("purge_suggestion_contacts", days=90)
    purged = SuggestionRequest.objects.get(code=handled)
    assert (purged.email, purged.phone) == ("", "") and purged.purged_at
    assert SuggestionRequest.objects.get(code=waiting).phone == "13812345678"  # still pending: kept
    # The reader can still read the answer.
    text = BeautifulSoup(client.get(STATUS_URL, {"code": handled}).content, "html.parser").get_text()
    assert "已采购" in text


def test_a_suggestion_nobody_handled_loses_its_contacts_after_the_pending_retention(client, settings):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    settings.PORTAL_PENDING_SUGGESTION_RETENTION_DAYS = 365
    _r, _s, _st, fresh = post(client, title="新近的书", phone="13812345670")
    _r, _s, _st, forgotten = post(client, title="被遗忘的书", phone="13812345671")
    SuggestionRequest.objects.filter(code=forgotten).update(created_at=timezone.now() - timedelta(days=366))
    call_command("purge_suggestion_contacts", days=90)
    assert SuggestionRequest.objects.get(code=forgotten).phone == ""
    assert SuggestionRequest.objects.get(code=fresh).phone == "13812345670"
    assert PurchaseSuggestion.objects.get(title="被遗忘的书").status == SuggestionStatus.PENDING  # the book stays


def test_answers_and_look_ups_are_never_cached(client):
    received, _soup, status, code = post(client, title="不在馆的书", phone="13812345679")
    shown_again = post(client, title="", phone="13812345679")[0]  # re-shown with an error, phone in it
    looked_up = client.get(STATUS_URL, {"code": code})
    for response in (received, shown_again, looked_up):
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
