"""Retention: people who left, invitations never used and stale logins are anonymised after
their configured period by a daily task; old login records and ended sessions are removed.
The dry run (the command's ``--dry-run``, the report page) changes nothing."""

from __future__ import annotations

import datetime
import uuid
from io import StringIO

import pytest
from auditlog.models import LogEntry
from django.apps import apps
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

from binnenuit.accounts.models import User
from binnenuit.core.periodic import PERIODIC
from binnenuit.core.privacy import is_anonymous_email
from binnenuit.organisations.models import Invitation, Membership, Person, Role
from binnenuit.privacy import services
from binnenuit.privacy.tasks import privacy_retention
from binnenuit.trajectories.models import Guest
from tests.factories import MeetingFactory, MembershipFactory, PersonFactory, UserFactory

NOW = timezone.now()
DAY = datetime.timedelta(days=1)


def left(world, days_ago: int, **fields) -> Person:
    return PersonFactory(organisation=world.org, left_on=(NOW - days_ago * DAY).date(), **fields)


def invitation(world, *, expired_days_ago: int, **fields) -> Invitation:
    values = {
        "organisation": world.org,
        "email": f"{uuid.uuid4().hex[:8]}@test.example",
        "full_name": "Uitgenodigde Uitenbroek",
        "role": Role.PARTICIPANT,
        "token_hash": uuid.uuid4().hex,
        "expires_at": NOW - expired_days_ago * DAY,
        **fields,
    }
    return Invitation.objects.create(**values)


def login(world, *, last_login_days_ago: int | None, joined_days_ago: int = 1000) -> User:
    user = UserFactory(date_joined=NOW - joined_days_ago * DAY)
    if last_login_days_ago is not None:
        user.last_login = NOW - last_login_days_ago * DAY
        user.save(update_fields=["last_login"])
    MembershipFactory(organisation=world.org, user=user, role=Role.PARTICIPANT)
    return user


@pytest.fixture
def due(world, settings):
    settings.PRIVACY_LEFT_DAYS = 365
    settings.PRIVACY_INVITATION_DAYS = 90
    settings.PRIVACY_STALE_LOGIN_DAYS = 730
    settings.PRIVACY_LOGIN_LOG_DAYS = 180
    # The world's own logins logged in just now.
    User.objects.update(last_login=NOW)
    leaver_login = login(world, last_login_days_ago=10)
    return {
        "leaver": left(world, 400, full_name="Vertrokken Verhoeven", user=leaver_login),
        "leaver_login": leaver_login,
        "recent_leaver": left(world, 100, full_name="Pas Vertrokken"),
        "unused": invitation(world, expired_days_ago=100),
        "unused_revoked": invitation(world, expired_days_ago=200, revoked_at=NOW - 200 * DAY),
        "recently_expired": invitation(world, expired_days_ago=10),
        "accepted": invitation(world, expired_days_ago=300, accepted_at=NOW - 310 * DAY),
        "stale": login(world, last_login_days_ago=800),
        "never_used": login(world, last_login_days_ago=None, joined_days_ago=800),
        "recent": login(world, last_login_days_ago=700),
    }


@pytest.mark.django_db
def test_the_dry_run_reports_keys_and_changes_nothing(world, due):
    report = services.retention_run(now=NOW, dry_run=True)
    assert report.people_who_left == [due["leaver"].pk]
    assert sorted(report.unused_invitations) == sorted([due["unused"].pk, due["unused_revoked"].pk])
    assert sorted(report.stale_logins) == sorted([due["stale"].pk, due["never_used"].pk])
    assert Person.objects.get(pk=due["leaver"].pk).full_name == "Vertrokken Verhoeven"
    assert not is_anonymous_email(User.objects.get(pk=due["stale"].pk).email)


@pytest.mark.django_db
def test_people_who_left_long_ago_are_anonymised_with_their_login(world, due):
    services.retention_run(now=NOW)

    leaver = Person.objects.get(pk=due["leaver"].pk)
    assert leaver.full_name == f"Geanonimiseerde medewerker {leaver.pk}"
    assert leaver.left_on == due["leaver"].left_on, "an anonymised leaver stays a leaver"
    login_of_leaver = User.objects.get(pk=due["leaver_login"].pk)
    assert is_anonymous_email(login_of_leaver.email) and not login_of_leaver.is_active
    assert Person.objects.get(pk=due["recent_leaver"].pk).full_name == "Pas Vertrokken"


@pytest.mark.django_db
def test_invitations_never_used_are_anonymised_and_revoked(world, due):
    services.retention_run(now=NOW)

    for key in ("unused", "unused_revoked"):
        row = Invitation.objects.get(pk=due[key].pk)
        assert is_anonymous_email(row.email), key
        assert row.full_name == f"Geanonimiseerde medewerker {row.pk}"
        assert row.revoked_at is not None
    assert (
        Invitation.objects.get(pk=due["unused_revoked"].pk).revoked_at
        == due["unused_revoked"].revoked_at
    )
    for key in ("recently_expired", "accepted"):
        row = Invitation.objects.get(pk=due[key].pk)
        assert row.email == due[key].email, key


@pytest.mark.django_db
def test_stale_logins_are_anonymised_and_their_employee_records_stay(world, due):
    person = PersonFactory(
        organisation=world.org, user=due["stale"], full_name="Blijft Bestaan", email="b@x.example"
    )
    services.retention_run(now=NOW)

    for key in ("stale", "never_used"):
        user = User.objects.get(pk=due[key].pk)
        assert is_anonymous_email(user.email) and user.is_active is False, key
        assert user.has_usable_password() is False
        assert not Membership.objects.filter(user=user, deactivated_at__isnull=True).exists()
    person.refresh_from_db()
    assert (person.full_name, person.email) == ("Blijft Bestaan", "b@x.example")
    # The record stays, and so does what the trail says about it.
    entry = LogEntry.objects.filter(object_pk=str(person.pk), object_repr="Blijft Bestaan")
    assert entry.exists()
    recent = User.objects.get(pk=due["recent"].pk)
    assert recent.email == due["recent"].email and recent.is_active


@pytest.mark.django_db
def test_a_second_run_finds_nothing_more(world, due):
    services.retention_run(now=NOW)
    again = services.retention_run(now=NOW, dry_run=True)
    assert (again.people_who_left, again.unused_invitations, again.stale_logins) == ([], [], [])


@pytest.mark.django_db
def test_old_login_records_and_ended_sessions_are_removed(world, due):
    access_log = apps.get_model("axes.AccessLog")
    old, new = (
        access_log.objects.create(username="iemand@test.example", ip_address="192.0.2.9")
        for _ in range(2)
    )
    # attempt_time is set on creation: moved back afterwards.
    access_log.objects.filter(pk=old.pk).update(attempt_time=NOW - 200 * DAY)
    access_log.objects.filter(pk=new.pk).update(attempt_time=NOW - 10 * DAY)
    Session.objects.create(session_key="a" * 32, session_data="", expire_date=NOW - DAY)
    Session.objects.create(session_key="b" * 32, session_data="", expire_date=NOW + DAY)

    report = services.retention_run(now=NOW)

    assert report.login_records == 1 and report.ended_sessions == 1
    assert list(access_log.objects.values_list("pk", flat=True)) == [new.pk]
    assert old.pk != new.pk
    assert list(Session.objects.values_list("session_key", flat=True)) == ["b" * 32]


@pytest.mark.django_db
def test_the_command_prints_counts_and_keys_never_names(world, due):
    out = StringIO()
    call_command("privacy_retention", "--dry-run", stdout=out)
    text = out.getvalue()
    assert "Would anonymise or remove:" in text
    assert f"more than 365 days ago: 1 (ids {due['leaver'].pk})" in text
    assert "Vertrokken" not in text and due["stale"].email not in text
    assert Person.objects.get(pk=due["leaver"].pk).full_name == "Vertrokken Verhoeven"

    call_command("privacy_retention", stdout=StringIO())
    assert Person.objects.get(pk=due["leaver"].pk).full_name != "Vertrokken Verhoeven"


@pytest.mark.django_db
def test_the_task_runs_daily_and_anonymises(world, due):
    scheduled = [p for p in PERIODIC.values() if p.task is privacy_retention]
    assert len(scheduled) == 1 and scheduled[0].every == datetime.timedelta(days=1)

    result = privacy_retention.call()

    assert result["people_who_left"] == 1 and result["stale_logins"] == 2
    assert is_anonymous_email(Person.objects.get(pk=due["leaver"].pk).email)


@pytest.mark.django_db
def test_guests_are_anonymised_a_period_after_their_meeting(world, settings):
    settings.PRIVACY_GUEST_DAYS = 365
    today = timezone.localdate(NOW)
    old = MeetingFactory(date=today - datetime.timedelta(days=400))
    recent = MeetingFactory(date=today - datetime.timedelta(days=300))
    unplanned = MeetingFactory(date=None)
    gone = Guest.objects.create(
        organisation=old.organisation,
        meeting=old,
        full_name="Els Bewoner",
        email="els@wijk.example",
        affiliation="Bewonersvereniging De Hoven",
    )
    stays = [
        Guest.objects.create(
            organisation=m.organisation,
            meeting=m,
            full_name="Piet Ondernemer",
            email="piet@bakker.example",
        )
        for m in (recent, unplanned)
    ]

    assert services.retention_run(now=NOW, dry_run=True).past_guests == [gone.pk]
    services.retention_run(now=NOW)

    gone.refresh_from_db()
    assert is_anonymous_email(gone.email)
    assert "Els" not in gone.full_name and "Hoven" not in gone.affiliation
    for guest in stays:
        guest.refresh_from_db()
        assert guest.email == "piet@bakker.example"
    assert services.retention_run(now=NOW, dry_run=True).past_guests == []
