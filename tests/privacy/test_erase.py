"""Erasure (AVG art. 17): nothing about the person keeps its value, every count stays.

Checked generically, from the register: every row of every declared model about the person
is read before, and every personal field of each is compared after.
"""

from __future__ import annotations

import json

import pytest
from auditlog.models import LogEntry
from django.apps import apps
from django.contrib.sessions.models import Session
from django.core import serializers
from django.core.exceptions import PermissionDenied
from django.db import models
from django.urls import reverse

from binnenuit.accounts.models import User
from binnenuit.core.exceptions import ServiceError
from binnenuit.core.privacy import REGISTER, Erase, is_anonymous_email
from binnenuit.organisations.models import Invitation, Membership, Person
from binnenuit.privacy import services
from binnenuit.privacy.audit_trail import REDACTED, entries_about
from binnenuit.privacy.selectors import everything_about, subject_for_person
from binnenuit.trajectories.models import Enrolment
from tests.factories import PASSWORD, MembershipFactory, OrganisationFactory, PersonFactory
from tests.privacy.conftest import EMAIL, HERS, NAME

# Tables whose rows erasure may add (the trail records the erasure) or remove.
TRAIL = {"auditlog.LogEntry", "audit.TrailEntry"}
DELETED = {label for label, d in REGISTER.items() if d.erase == Erase.DELETE} | {
    "axes.AccessAttemptExpiration"  # goes with its attempt
}


def _empty(value: object) -> bool:
    return value in (None, "", b"", [], {})


def snapshot(subject) -> dict[tuple[str, object], dict[str, object]]:
    """Every personal field of every row about the person, as it is now."""
    found = {}
    for item in everything_about(subject_for_person(subject.person)):
        for row in item.rows:
            found[(item.declaration.model, row.pk)] = {
                name: getattr(row, item.model._meta.get_field(name).attname)
                for name in item.declaration.personal_fields
                if not item.model._meta.get_field(name).many_to_many
            }
    return found


def counts() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in apps.get_models()}


def database_text() -> str:
    """Every row of every table, as text (JSON escapes undone)."""
    parts = []
    for model in apps.get_models():
        rows = model._base_manager.all()
        parts.append(serializers.serialize("json", rows, ensure_ascii=False))
    return "\n".join(parts)


@pytest.mark.django_db
def test_every_personal_field_of_every_row_about_the_person_loses_its_value(world, subject):
    before = snapshot(subject)
    models_found = {label for label, _ in before}
    expected = {
        "organisations.Person",
        "organisations.Membership",
        "organisations.Invitation",
        "accounts.User",
        "sessions.Session",
        "axes.AccessLog",
        "axes.AccessAttempt",
        "axes.AccessFailureLog",
        "otp_totp.TOTPDevice",
        "otp_static.StaticDevice",
        "otp_static.StaticToken",
        "core.FormSubmission",
        "trajectories.Enrolment",
    }
    assert expected <= models_found, f"not found: {expected - models_found}"
    # Every personal field of her own records holds a value, so each one is tested.
    for label in ("organisations.Person", "accounts.User", "organisations.Invitation"):
        for (row_label, pk), fields in before.items():
            if row_label == label:
                assert not [n for n, v in fields.items() if _empty(v)], (row_label, pk, fields)

    services.subject_erase(by=world.actor("project_leader"), person=subject.person)

    kept = []
    for (label, pk), fields in before.items():
        model = apps.get_model(label)
        row = model._base_manager.filter(pk=pk).first()
        if REGISTER[label].erase == Erase.DELETE:
            assert row is None, f"{label} {pk} should be deleted"
            continue
        assert row is not None, f"{label} {pk} was deleted; rows stay so counts stay right"
        for name, old in fields.items():
            new = getattr(row, model._meta.get_field(name).attname)
            if not _empty(old) and new == old:
                kept.append(f"{label} {pk}.{name} = {old!r}")
    assert not kept, "personal fields that kept their value:\n  " + "\n  ".join(kept)


@pytest.mark.django_db
def test_her_values_are_nowhere_in_the_database_afterwards(world, subject):
    text = database_text()
    assert all(value in text for value in HERS)

    services.subject_erase(by=world.actor("project_leader"), person=subject.person)

    text = database_text()
    found = [value for value in HERS if value.lower() in text.lower()]
    assert not found, f"still in the database after erasure: {found}"


@pytest.mark.django_db
def test_counts_and_aggregates_stay_right(world, subject):
    before = counts()
    enrolled = world.round_2.enrolments.filter(status=Enrolment.Status.ENROLLED).count()
    assert enrolled == 13

    services.subject_erase(by=world.actor("project_leader"), person=subject.person)

    after = counts()
    changed = {
        label: (before[label], after[label])
        for label in before
        if before[label] != after[label] and label not in TRAIL | DELETED
    }
    assert not changed, f"counts that changed: {changed}"
    assert world.round_2.enrolments.filter(status=Enrolment.Status.ENROLLED).count() == 13
    assert after["auditlog.LogEntry"] >= before["auditlog.LogEntry"], "entries are kept"


@pytest.mark.django_db
def test_the_person_gets_an_anonymous_name_and_address(world, subject):
    person = services.subject_erase(by=world.actor("project_leader"), person=subject.person)
    assert person.full_name == f"Geanonimiseerde medewerker {person.pk}"
    assert person.email == f"person-{person.pk}@geanonimiseerd.invalid"
    assert (person.job_title, person.department, person.team) == ("", "", "")
    assert person.line_manager is None and person.user is None
    # Her report keeps his line manager: the anonymous record.
    subject.colleague.refresh_from_db()
    assert subject.colleague.line_manager_id == person.pk


@pytest.mark.django_db
def test_the_login_stops_working_and_loses_its_sessions_and_devices(world, subject, client):
    services.subject_erase(by=world.actor("project_leader"), person=subject.person)

    user = User.objects.get(pk=subject.user.pk)
    assert user.is_active is False
    assert user.has_usable_password() is False
    assert is_anonymous_email(user.email)
    assert user.full_name == f"Geanonimiseerde medewerker {subject.person.pk}"
    assert not Session.objects.exists() or all(
        str(s.get_decoded().get("_auth_user_id")) != str(user.pk) for s in Session.objects.all()
    )
    assert not Membership.objects.filter(user=user, deactivated_at__isnull=True).exists()
    response = client.post(reverse("accounts:login"), {"username": EMAIL, "password": PASSWORD})
    assert response.status_code == 200, "the login page refuses her"
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_pending_invitations_are_revoked_and_accepted_ones_keep_their_dates(world, subject):
    services.subject_erase(by=world.actor("project_leader"), person=subject.person)

    pending = Invitation.objects.get(pk=subject.pending.pk)
    accepted = Invitation.objects.get(pk=subject.accepted.pk)
    assert pending.revoked_at is not None and pending.accepted_at is None
    assert accepted.revoked_at is None and accepted.accepted_at == subject.accepted.accepted_at
    for invitation in (pending, accepted):
        assert is_anonymous_email(invitation.email)
        assert invitation.full_name.startswith("Geanonimiseerde medewerker")


@pytest.mark.django_db
def test_audit_entries_stay_without_her_values(world, subject):
    entries = list(entries_about(Person, [subject.person.pk]).values_list("pk", flat=True))
    assert entries, "the trail recorded her record"
    by_her = LogEntry.objects.filter(actor=subject.user).count()
    assert by_her, "the trail recorded her login"

    services.subject_erase(by=world.actor("project_leader"), person=subject.person)

    kept = LogEntry.objects.filter(pk__in=entries)
    assert kept.count() == len(entries), "no entry is removed"
    for entry in kept:
        text = json.dumps([entry.changes, entry.additional_data, entry.object_repr])
        assert NAME not in text and EMAIL not in text, text
    first = kept.order_by("timestamp", "pk").first()
    assert REDACTED in json.dumps(first.changes), "the values she had are marked as redacted"
    # Who did what, when: kept. Her own address as the actor: gone.
    assert LogEntry.objects.filter(actor=subject.user).count() == by_her
    for entry in LogEntry.objects.filter(actor=subject.user):
        assert entry.remote_addr is None
        assert entry.actor_email is None or is_anonymous_email(entry.actor_email)
    # The erasure itself is on the trail, by the project leader.
    assert LogEntry.objects.filter(
        actor=world.users["project_leader"], object_pk=str(subject.person.pk)
    ).exists()


@pytest.mark.django_db
def test_a_login_another_organisation_uses_is_only_cut_loose(world, subject):
    elsewhere = OrganisationFactory()
    MembershipFactory(organisation=elsewhere, user=subject.user)
    there = PersonFactory(organisation=elsewhere, user=subject.user, full_name=NAME, email=EMAIL)

    services.subject_erase(by=world.actor("project_leader"), person=subject.person)

    user = User.objects.get(pk=subject.user.pk)
    assert (user.email, user.full_name, user.is_active) == (EMAIL, NAME, True)
    assert Membership.objects.get(user=user, organisation=world.org).deactivated_at is not None
    assert Membership.objects.get(user=user, organisation=elsewhere).deactivated_at is None
    there.refresh_from_db()
    assert (there.full_name, there.email, there.user_id) == (NAME, EMAIL, user.pk)
    person = Person.objects.get(pk=subject.person.pk)
    assert person.user_id is None and person.full_name != NAME


@pytest.mark.django_db
def test_an_organiser_cannot_erase_themself(world):
    person = world.people["project_leader"]
    with pytest.raises(ServiceError) as error:
        services.subject_erase(by=world.actor("project_leader"), person=person)
    assert "Je kunt je eigen gegevens niet" in str(error.value)
    person.refresh_from_db()
    assert not is_anonymous_email(person.email)


@pytest.mark.django_db
def test_erasing_twice_is_refused(world, subject):
    services.subject_erase(by=world.actor("project_leader"), person=subject.person)
    with pytest.raises(ServiceError, match="al geanonimiseerd"):
        services.subject_erase(by=world.actor("adviser"), person=subject.person)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["manager", "trainer", "participant"])
def test_only_organisers_erase(world, subject, role):
    with pytest.raises(PermissionDenied):
        services.subject_erase(by=world.actor(role), person=subject.person)
    assert Person.objects.get(pk=subject.person.pk).full_name == NAME


@pytest.mark.django_db
def test_another_organisations_organiser_cannot_erase(world, subject):
    with pytest.raises(PermissionDenied):
        services.subject_erase(by=world.actor("outsider"), person=subject.person)


def test_erasure_covers_only_fields_of_real_models():
    for label in DELETED:
        assert issubclass(apps.get_model(label), models.Model)


@pytest.mark.django_db
def test_a_namesakes_entries_keep_their_name(world, subject):
    namesake = PersonFactory(organisation=world.org, full_name=NAME, email="andere@x.example")

    services.subject_erase(by=world.actor("project_leader"), person=subject.person)

    namesake.refresh_from_db()
    assert namesake.full_name == NAME
    assert entries_about(Person, [namesake.pk]).filter(object_repr=NAME).exists()
