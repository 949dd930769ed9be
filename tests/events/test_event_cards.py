"""The activity list as a parent scrolling for something to sign up for: each card says whether
registration is needed and how many seats are left (or that the waitlist is open, or that it has
closed) and for whom it is, in either language, and the figure follows real registrations."""

import pytest
from bs4 import BeautifulSoup

from events.models import EventPage

pytestmark = pytest.mark.django_db


def cards(client, url="/events/"):
    """Every card of the list, page after page as a reader taps 下一页: which events fit on the
    first page depends on the hour (today's story time is listed until it ends)."""
    found, page = {}, url
    while page:
        soup = BeautifulSoup(client.get(page).content, "html.parser")
        found.update(
            {
                card.select_one(".card__title a")["href"].rstrip("/").rsplit("/", 1)[-1]: card
                for card in soup.select("li.card")
            }
        )
        following = soup.select_one(".pagination a[rel=next]")
        page = url.split("?")[0] + following["href"] if following else None
    return found


def event(slug):
    return EventPage.objects.get(slug=slug, locale__language_code="zh-hans").specific


def test_cards_say_whether_to_register_and_how_many_seats_are_left(client):
    found = cards(client)
    club = event("classics-recitation")
    card = found["classics-recitation"]
    left = club.seats_left()
    assert card["data-seats-left"] == str(left) and 0 < left <= club.capacity
    assert "需报名" in card.get_text() and f"余 {left} 席" in card.get_text()
    assert "面向青少年、成人、老年" in card.get_text()
    origami = found["full-origami"]
    assert origami["data-seats-left"] == "0" and "已满，可候补" in origami.get_text()
    exhibition = found["photo-exhibition"]
    assert "免报名" in exhibition.get_text() and not exhibition.has_attr("data-seats-left")
    cancelled = found["lantern-riddles"]
    assert "已取消" in cancelled.get_text() and "余" not in cancelled.get_text()


def test_a_registration_takes_a_seat_off_the_card(client):
    client.post(
        "/events/classics-recitation/register/", {"name": "张三", "phone": "13912345678", "seats": "2", "consent": "on"}
    )
    assert cards(client)["classics-recitation"]["data-seats-left"] == "78"
    # The English list counts the same registrations (they are held by the Chinese page).
    assert cards(client, "/en/events/")["classics-recitation"]["data-seats-left"] == "78"


def test_a_deadline_that_has_passed_says_so(client):
    from datetime import timedelta

    from django.utils import timezone

    club = event("job-seekers-training")
    club.registration_closes = timezone.now() - timedelta(hours=1)
    club.save_revision().publish()
    card = cards(client)["job-seekers-training"]
    assert "报名已截止" in card.get_text() and "余" not in card.get_text()


def test_english_cards(client):
    card = cards(client, "/en/events/")["classics-recitation"]
    text = " ".join(card.get_text().split())
    assert "Registration required" in text and "80 seats left" in text
    assert "For Teenagers, Adults, Seniors" in text  # the list separator of English, not 、
    assert "No registration needed" in " ".join(cards(client, "/en/events/")["photo-exhibition"].get_text().split())
