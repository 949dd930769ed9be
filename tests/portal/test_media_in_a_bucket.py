"""Uploads in an S3-compatible bucket (MEDIA_STORAGE=s3), as a city library with several app
servers runs them: an editor's picture and its WebP renditions land in the bucket, and pages link
to the bucket, not to one server's disk. The bucket is a real S3 API on loopback (moto's server,
started by the test and stopped by its PID), not a mock inside the process."""

import subprocess
import sys
import time

import pytest
from bs4 import BeautifulSoup

from tests.demo_server import free_port

pytestmark = pytest.mark.django_db
BUCKET = "yunxi-media"


@pytest.fixture
def bucket(settings):
    boto3 = pytest.importorskip("boto3")
    pytest.importorskip("moto.server")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id="library",
        aws_secret_access_key="secret",
        region_name="us-east-1",
    )
    try:
        for _ in range(100):
            try:
                client.create_bucket(Bucket=BUCKET)
                break
            except Exception:
                time.sleep(0.1)
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {
                    "bucket_name": BUCKET,
                    "endpoint_url": endpoint,
                    "access_key": "library",
                    "secret_key": "secret",
                    "region_name": "us-east-1",
                    "file_overwrite": False,
                    "default_acl": None,
                    "querystring_auth": False,
                    "addressing_style": "path",
                },
            },
        }
        yield client, endpoint
    finally:
        server.kill()
        server.wait()


def test_pictures_and_their_renditions_are_kept_in_the_bucket(bucket, client):
    s3, endpoint = bucket
    from events.models import EventPage
    from portal import demo_images

    image = demo_images.store(
        demo_images.poster("冬季读书会", ["12月16日 周三 19:00"]), "海报：冬季读书会", "winter.jpg"
    )
    keys = [item["Key"] for item in s3.list_objects_v2(Bucket=BUCKET)["Contents"]]
    assert keys == [image.file.name] and image.file.name.startswith("original_images/")
    event = EventPage.objects.get(slug="classics-recitation", locale__language_code="zh-hans")
    event.image = image
    event.save_revision().publish()

    page = BeautifulSoup(client.get("/events/classics-recitation/").content, "html.parser")
    picture = page.select_one("main img[srcset]")
    sources = [part.split()[0] for part in picture["srcset"].split(",")]
    assert all(source.startswith(f"{endpoint}/{BUCKET}/images/") for source in sources)
    keys = {item["Key"] for item in s3.list_objects_v2(Bucket=BUCKET)["Contents"]}
    assert {source.split(f"/{BUCKET}/", 1)[1] for source in sources} <= keys  # the renditions are there too


def test_two_uploads_with_one_name_keep_both(bucket):
    s3, _endpoint = bucket
    from portal import demo_images

    first = demo_images.store(demo_images.cover("书单一"), "封面一", "cover.jpg")
    second = demo_images.store(demo_images.cover("书单二"), "封面二", "cover.jpg")
    assert first.file.name != second.file.name
    assert len(s3.list_objects_v2(Bucket=BUCKET)["Contents"]) == 2
