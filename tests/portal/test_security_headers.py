"""Headers every page carries for the browser's sake."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/", "/events/", "/admin/login/"])
def test_pages_may_ask_for_position_and_camera_only_for_themselves(client, url):
    """The branch map's 离我最近 asks for the position and the door's scanner for the camera; no
    frame embedded in a page may ask for either, and nothing asks for the rest."""
    policy = client.get(url).headers["Permissions-Policy"]
    assert "geolocation=(self)" in policy and "camera=(self)" in policy
    assert "microphone=()" in policy and "payment=()" in policy
