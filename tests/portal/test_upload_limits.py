"""An editor uploads what a phone or a scanner produced, through the admin's real upload form:
a huge picture is refused with a message in Chinese, not a worker that runs out of memory."""

import io

import pytest
from django.contrib.auth.models import User
from PIL import Image as PILImage
from wagtail.images import get_image_model

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    client.force_login(User.objects.get(username="admin"))
    return client


def png(width, height):
    # One bit per pixel and a single colour: a 100-megapixel picture in a file of a few hundred KB,
    # as a decompression bomb would be.
    data = io.BytesIO()
    PILImage.new("1", (width, height)).save(data, "PNG")
    data.seek(0)
    data.name = "poster.png"
    return data


def upload(editor, picture):
    return editor.post("/admin/images/add/", {"title": "海报", "file": picture, "collection": "1"})


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")  # Pillow's own alarm, expected
def test_a_hundred_megapixel_picture_is_refused_with_a_message(editor):
    before = get_image_model().objects.count()
    response = upload(editor, png(10_000, 10_000))
    text = response.content.decode()
    assert response.status_code == 200 and "40000000" in text.replace(",", "")
    assert "像素数量上限" in text and "Maximum" not in text  # in the admin's language
    assert get_image_model().objects.count() == before


def test_a_phone_photo_is_accepted(editor):
    response = upload(editor, png(4000, 3000))
    assert response.status_code == 302
    assert get_image_model().objects.filter(title="海报").exists()
