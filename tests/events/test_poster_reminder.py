"""An editor who moves an event is reminded of the date printed on its poster."""

import pytest

from events.models import EventPage
from tests.home.test_roles import event_form

pytestmark = pytest.mark.django_db


def event(slug):
    return EventPage.objects.get(slug=slug, locale__language_code="zh-hans").specific


def test_an_editor_who_moves_an_event_is_asked_to_check_its_poster(admin_client):
    """The demo's posters print the date, as real ones do: moving the event without a new poster
    leaves the old date on the picture and in its description, which only the editor can fix."""
    page = event("classics-recitation")
    edit = f"/admin/pages/{page.pk}/edit/"

    def save(**changes):
        fields = {
            "title": page.title,
            "slug": page.slug,
            "summary": page.summary,
            "start": "2027-03-06 15:00",
            "end": "2027-03-06 17:00",
            "capacity": str(page.capacity),
            "waitlist_size": str(page.waitlist_size),
            "max_seats_per_person": str(page.max_seats_per_person),
            "audiences": page.audiences,
            "image": str(page.image_id),
            "image_alt": page.image_alt,
            **changes,
        }
        response = admin_client.post(edit, event_form(page.branch, **fields), follow=True)
        assert response.status_code == 200
        return " ".join(str(message) for message in response.context["messages"])

    said = save()
    assert "2027-03-06 15:00" in said and "海报" in said  # moved, same poster
    assert "海报" not in save(summary="换了一段介绍。")  # the date stayed: nothing to check
    assert "海报" not in save(start="2027-03-13 15:00", end="2027-03-13 17:00", image="")  # no poster any more
