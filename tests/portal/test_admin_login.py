"""Guessing an editor's password: at the fifth wrong one from one address, that address cannot log
in as that user for a quarter of an hour, not even with the right password, and is told so in
Chinese; the editor, logging in from elsewhere, is not locked out by the guesser."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

pytestmark = pytest.mark.django_db
URL = "/admin/login/"


@pytest.fixture
def editor():
    return User.objects.create_user("editor-zhang", password="right-password-2026", is_staff=True, is_superuser=True)


def attempt(client, password, address="10.1.2.3", username="editor-zhang"):
    return client.post(URL, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_five_wrong_passwords_lock_the_pair_out(editor):
    guesser = Client()
    # The fifth wrong password is answered with the lock-out, and so is the right one after it.
    assert [attempt(guesser, f"guess-{n}").status_code for n in range(5)] == [200] * 4 + [429]
    locked = attempt(guesser, "right-password-2026")
    assert locked.status_code == 429 and "登录失败次数过多" in locked.content.decode()
    assert "_auth_user_id" not in guesser.session
    # The editor at their own desk still gets in.
    assert attempt(Client(), "right-password-2026", address="10.9.9.9").status_code == 302


def test_a_right_password_before_the_limit_resets_the_count(editor):
    client = Client()
    for n in range(4):
        attempt(client, f"typo-{n}")
    assert attempt(client, "right-password-2026").status_code == 302
    client.logout()
    assert [attempt(client, f"typo-again-{n}").status_code for n in range(4)] == [200] * 4
    assert attempt(client, "right-password-2026").status_code == 302
