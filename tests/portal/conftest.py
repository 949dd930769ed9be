import pytest


@pytest.fixture
def reader(client):
    """A reader whose browser carries a session cookie (signed up, or an editor's browser): the
    page cache never answers them, so every page they ask for is routed and rendered."""
    client.cookies["sessionid"] = "x" * 32
    return client
