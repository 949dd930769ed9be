"""Signing in as one of the demo's staff accounts (home/roles_demo.py), for admin tests."""

from django.contrib.auth import get_user_model


def login(client, username):
    """``client`` signed in as the demo user ``username`` (zongguan-bianji, shenhe,
    dongcheng-guanyuan, nanhu-guanyuan or admin)."""
    client.force_login(get_user_model().objects.get(username=username))
    return client
