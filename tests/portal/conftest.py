import pytest


@pytest.fixture
def reader(client):
    """A reader whose browser carries a session cookie (signed up, or an editor's browser): the
    page cache never answers them, so every page they ask for is routed and rendered."""
    client.cookies["sessionid"] = "x" * 32
    return client


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Run ``change()`` as the admin (or a reader's POST) does: in a transaction whose commit runs
    its hooks, which stamp the cache. The tests run inside one transaction that is rolled back and
    never commits; this runs the hooks as a real commit would. Returns what ``change()`` returns."""

    def run(change):
        with django_capture_on_commit_callbacks(execute=True):
            return change()

    return run
