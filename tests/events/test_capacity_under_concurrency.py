"""On PostgreSQL, concurrent registrations never take more seats than the event has.

Each thread has its own database connection, as gunicorn workers do, and registers against a demo
event that session setup committed. The rows the threads commit are removed afterwards."""

import threading

import pytest
from django.db import connection, connections

from events.models import EventPage, Registration, RegistrationStatus
from events.registration import Outcome, register

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks are PostgreSQL's; set DATABASE_URL=postgres://…"
    ),
]

ATTEMPTS = 60
PHONE_PREFIX = "1990000"


def in_own_connection(function):
    """Run ``function`` in a thread of its own (so with a database connection of its own, outside
    the test's transaction) and return its result."""
    result = []

    def run():
        try:
            result.append(function())
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=120)
    return result[0]


def run_threads(target, count, barrier=None):
    """``count`` registrations at once (released together, with whoever else waits at ``barrier``)."""
    barrier = barrier or threading.Barrier(count)
    outcomes = [None] * count

    def attempt(number):
        barrier.wait()  # all at once
        try:
            result = register(target, name=f"读者{number}", phone=f"{PHONE_PREFIX}{number:04d}", seats=1)
            outcomes[number] = result.outcome
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcomes


def committed_registrations(event_pk):
    return in_own_connection(
        lambda: list(
            Registration.objects.filter(event_id=event_pk, phone__startswith=PHONE_PREFIX).values_list(
                "status", "seats"
            )
        )
    )


def remove_committed(event_pk):
    in_own_connection(lambda: Registration.objects.filter(event_id=event_pk, phone__startswith=PHONE_PREFIX).delete())


def test_concurrent_registrations_never_exceed_capacity():
    target = EventPage.objects.get(slug="job-seekers-training", locale__language_code="zh-hans")
    places = target.capacity + target.waitlist_size
    assert target.max_seats_per_person == 1 and ATTEMPTS > places  # one seat each, more readers than places
    try:
        outcomes = run_threads(target, ATTEMPTS)
        rows = committed_registrations(target.pk)
    finally:
        remove_committed(target.pk)
    assert outcomes.count(Outcome.CONFIRMED) == target.capacity
    assert outcomes.count(Outcome.WAITLISTED) == target.waitlist_size
    assert outcomes.count(Outcome.FULL) == ATTEMPTS - places
    assert sum(seats for status, seats in rows if status == RegistrationStatus.CONFIRMED) == target.capacity
    assert len(rows) == places


def test_a_reader_whose_connection_dies_after_the_commit_still_gets_their_code(monkeypatch):
    """The database connection is killed (a PostgreSQL restart, a proxy timeout) right after the
    registration commits and before the answer page is drawn: the reader gets their code anyway,
    not a 500 that leaves them registered without knowing it."""
    import psycopg
    from bs4 import BeautifulSoup
    from django.test import Client

    from events import registration

    original = registration.register

    def register_then_lose_the_connection(*args, **kwargs):
        result = original(*args, **kwargs)
        pid = connection.connection.info.backend_pid
        settings = connection.settings_dict
        with psycopg.connect(
            host=settings["HOST"],
            port=settings["PORT"] or 5432,
            user=settings["USER"],
            dbname=settings["NAME"],
            autocommit=True,
        ) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", [pid])
        return result

    monkeypatch.setattr(registration, "register", register_then_lose_the_connection)
    target = EventPage.objects.get(slug="job-seekers-training", locale__language_code="zh-hans")
    data = {"name": "断线读者", "phone": f"{PHONE_PREFIX}7777", "seats": "1", "consent": "on"}
    try:
        response = in_own_connection(lambda: Client().post(f"/events/{target.slug}/register/", data))
        rows = in_own_connection(
            lambda: list(
                Registration.objects.filter(event_id=target.pk, phone__startswith=PHONE_PREFIX).values_list(
                    "code", flat=True
                )
            )
        )
    finally:
        remove_committed(target.pk)
    marked = BeautifulSoup(response.content, "html.parser").select_one("[data-registration-status]")
    assert response.status_code == 200 and marked["data-registration-status"] == "confirmed"
    assert rows == [marked["data-registration-code"]]
    assert "no-store" in response["Cache-Control"]


def test_seats_freed_while_newcomers_race_in_go_to_the_people_waiting():
    """Three readers wait; the capacity is raised by three (here by a plain UPDATE, the way a script
    or a bulk edit would, which promotes nobody by itself) while twenty newcomers register at once.
    The three who waited take the seats, in order; no newcomer is confirmed ahead of them."""
    target = EventPage.objects.get(slug="job-seekers-training", locale__language_code="zh-hans")
    original = (target.capacity, target.waitlist_size)

    def setup():
        EventPage.objects.filter(pk=target.pk).update(capacity=2, waitlist_size=30)
        for number in range(5):  # two confirmed, then three waiting
            register(target, name=f"先到{number}", phone=f"{PHONE_PREFIX}90{number:02d}", seats=1)

    def raise_capacity():
        barrier.wait()
        EventPage.objects.filter(pk=target.pk).update(capacity=5)
        connections.close_all()

    barrier = threading.Barrier(21)
    try:
        in_own_connection(setup)
        raiser = threading.Thread(target=raise_capacity)
        raiser.start()
        newcomers = run_threads(target, 20, barrier)
        raiser.join(timeout=120)
        rows = in_own_connection(
            lambda: list(
                Registration.objects.filter(event_id=target.pk, phone__startswith=PHONE_PREFIX).values_list(
                    "phone", "status"
                )
            )
        )
    finally:
        remove_committed(target.pk)
        in_own_connection(
            lambda: EventPage.objects.filter(pk=target.pk).update(capacity=original[0], waitlist_size=original[1])
        )
    status = dict(rows)
    assert [status[f"{PHONE_PREFIX}90{n:02d}"] for n in range(5)] == [RegistrationStatus.CONFIRMED] * 5
    assert Outcome.CONFIRMED not in newcomers
    assert sum(1 for value in status.values() if value == RegistrationStatus.CONFIRMED) == 5
