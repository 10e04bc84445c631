"""What the audit trail records: an entry for every state change that matters, with who did
it, on whose behalf (the organisation), what changed (before and after), when and from where.

The actions that exist today are driven through their services (with ``by=`` and, outside a
request, ``acting_as``) or their pages; invitations, role changes and deactivation are written
to the models directly, which proves their registration.
"""

from __future__ import annotations

import datetime
import json

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from binnenuit.accounts.models import User
from binnenuit.audit.events import event_of, what_happened
from binnenuit.audit.models import Kind, TrailEntry
from binnenuit.audit.recording import acting_as
from binnenuit.catalogue.models import ProgrammeTemplate
from binnenuit.catalogue.services import template_draft_create, template_publish
from binnenuit.demo.images import tiny_png
from binnenuit.organisations.models import Invitation, Membership, Organisation, Role
from binnenuit.trajectories import services
from binnenuit.trajectories.models import Enrolment, Module, Phase, Trajectory
from binnenuit.trajectories.selectors import theme_slots
from tests.factories import PASSWORD
from tests.pages import token

pytestmark = pytest.mark.django_db

ADDRESS = "192.0.2.10"  # TEST-NET-1: the address work outside a request is said to come from


def last_entry(model: type, pk: object | None = None) -> LogEntry:
    entries = LogEntry.objects.get_for_model(model)
    if pk is not None:
        entries = entries.filter(object_pk=str(pk))
    return entries.order_by("-pk").first()


def organisations_of(entry: LogEntry) -> list[int]:
    return sorted(entry.trail_entries.values_list("organisation_id", flat=True))


def assert_recorded(entry: LogEntry, *, actor: User | None, org: Organisation | None, address):
    """Who, on whose behalf (in the entry and on that organisation's trail), from where."""
    assert entry is not None
    assert entry.actor == actor
    expected = [org.pk] if org is not None else []
    assert entry.additional_data["organisation_ids"] == expected
    assert organisations_of(entry) == expected
    assert entry.remote_addr == address
    assert entry.timestamp <= timezone.now()


# --- Through the services, with by= -------------------------------------------------------


def test_enrolment_and_withdrawal(world):
    leader = world.actor("project_leader")
    person = world.person(full_name="Jan Jansen")
    with acting_as(leader, address=ADDRESS):
        enrolment = services.enrolment_add(by=leader, round_=world.round_1, person=person)
    entry = last_entry(Enrolment, enrolment.pk)
    assert_recorded(entry, actor=world.users["project_leader"], org=world.org, address=ADDRESS)
    assert entry.action == LogEntry.Action.CREATE
    assert entry.changes["status"] == ["None", "enrolled"]
    assert what_happened(entry) == "Ingeschreven"
    assert entry.additional_data["labels"]["person"] == [None, "Jan Jansen"]

    with acting_as(leader, address=ADDRESS):
        services.enrolment_withdraw(by=leader, enrolment=enrolment)
    entry = last_entry(Enrolment, enrolment.pk)
    assert_recorded(entry, actor=world.users["project_leader"], org=world.org, address=ADDRESS)
    assert entry.changes == {"status": ["enrolled", "withdrawn"]}
    assert what_happened(entry) == "Uitgeschreven"  # the status's own name
    trail_entry = entry.trail_entries.get()
    assert (trail_entry.kind, trail_entry.actor_role) == (Kind.ENROLMENT, Role.PROJECT_LEADER)


def test_phase_change(world):
    adviser = world.actor("adviser")
    with acting_as(adviser, address=ADDRESS):
        services.trajectory_set_phase(by=adviser, trajectory=world.trajectory, phase=Phase.ROUND_1)
    entry = last_entry(Trajectory, world.trajectory.pk)
    assert_recorded(entry, actor=world.users["adviser"], org=world.org, address=ADDRESS)
    assert entry.changes == {"phase": ["preparation", "round_1"]}
    assert what_happened(entry) == "Fase gewijzigd van Voorbereiding naar Ronde 1"
    assert entry.trail_entries.get().actor_role == Role.ADVISER


def test_theme_choice(world):
    leader = world.actor("project_leader")
    module = theme_slots(trajectory=world.trajectory).first()
    theme = world.trajectory.template.themes.order_by("position").first()
    with acting_as(leader, address=ADDRESS):
        services.trajectory_choose_themes(
            by=leader, trajectory=world.trajectory, choices={module.pk: theme}
        )
    entry = last_entry(Module, module.pk)
    assert_recorded(entry, actor=world.users["project_leader"], org=world.org, address=ADDRESS)
    assert entry.changes == {"theme": ["None", str(theme.pk)]}
    assert entry.additional_data["labels"] == {"theme": [None, theme.name]}
    assert what_happened(entry) == f"Thema {theme.name} gekozen"


def test_a_new_module_is_not_an_entry_of_its_own(world):
    """Starting a trajectory makes its modules: one entry says so, not one per module."""
    assert not LogEntry.objects.get_for_model(Module).filter(action=LogEntry.Action.CREATE)
    assert LogEntry.objects.get_for_model(Trajectory).filter(
        object_pk=str(world.trajectory.pk), action=LogEntry.Action.CREATE
    )


def test_catalogue_publication_belongs_to_no_organisation(world):
    adviser = world.outside("adviser")
    with acting_as(adviser, address=ADDRESS):
        draft = template_draft_create(by=adviser)
        template_publish(by=adviser, template=draft)
    entry = last_entry(ProgrammeTemplate, draft.pk)
    assert_recorded(entry, actor=world.users["adviser"], org=None, address=ADDRESS)
    assert entry.changes["status"] == ["draft", "published"]
    assert what_happened(entry) == "Programmaversie gepubliceerd"


# --- Through the pages: the actor, the role and the address come from the request ------------


def test_logo_change_through_the_page(world, client_as):
    client = client_as(world.users["project_leader"])
    logo = SimpleUploadedFile("nieuw.png", tiny_png(), content_type="image/png")
    response = client.post(
        reverse("organisations:organisation-update", kwargs={"org_slug": world.org.slug}),
        {
            "name": world.org.name,
            "cbs_code": world.org.cbs_code,
            "brand_colour": "",
            "logo": logo,
            "submission_token": token(),
        },
    )
    assert response.status_code == 302
    entry = last_entry(Organisation, world.org.pk)
    assert_recorded(entry, actor=world.users["project_leader"], org=world.org, address="127.0.0.1")
    before, after = entry.changes["logo"]
    assert before == "" and "nieuw" in after
    assert what_happened(entry) == "Logo toegevoegd"
    assert entry.trail_entries.get().actor_role == Role.PROJECT_LEADER


def test_phase_change_through_the_page(world, client_as):
    client = client_as(world.users["adviser"])
    response = client.post(
        reverse(
            "trajectories:trajectory-phase",
            kwargs={"org_slug": world.org.slug, "pk": world.trajectory.pk},
        ),
        {"phase": "round_1"},
    )
    assert response.status_code == 302
    entry = last_entry(Trajectory, world.trajectory.pk)
    assert_recorded(entry, actor=world.users["adviser"], org=world.org, address="127.0.0.1")
    assert entry.trail_entries.get().actor_role == Role.ADVISER


# --- Logging in and out -------------------------------------------------------------------


def login(client: Client, email: str, password: str = PASSWORD, **extra: str):
    return client.post(
        reverse("accounts:login"), {"username": email, "password": password}, **extra
    )


def session_entries(event: str) -> list[LogEntry]:
    return [
        e
        for e in LogEntry.objects.filter(action=LogEntry.Action.ACCESS).order_by("pk")
        if e.additional_data.get("event") == event
    ]


def test_login_and_logout(world):
    trainer = world.users["trainer"]
    client = Client()
    assert login(client, trainer.email).status_code == 302
    [entry] = session_entries("login")
    assert_recorded(entry, actor=trainer, org=world.org, address="127.0.0.1")
    assert what_happened(entry) == "Ingelogd"
    trail_entry = entry.trail_entries.get()
    assert (trail_entry.kind, trail_entry.actor_role) == (Kind.SESSION, Role.TRAINER)

    assert client.post(reverse("accounts:logout")).status_code == 302
    [entry] = session_entries("logout")
    assert_recorded(entry, actor=trainer, org=world.org, address="127.0.0.1")
    assert what_happened(entry) == "Uitgelogd"


def test_a_login_is_on_the_trail_of_every_organisation_of_the_login(world):
    adviser = world.users["adviser"]
    Membership.objects.create(organisation=world.other_org, user=adviser, role=Role.ADVISER)
    login(Client(), adviser.email)
    [entry] = session_entries("login")
    assert organisations_of(entry) == sorted([world.org.pk, world.other_org.pk])


def test_a_failed_login_records_the_address_tried_and_never_the_password(world):
    participant = world.users["participant"]
    response = login(Client(), participant.email.upper(), password="Geheim-fout-123")
    assert response.status_code == 200
    [entry] = session_entries("login_failed")
    assert_recorded(entry, actor=None, org=world.org, address="127.0.0.1")
    assert entry.additional_data["email"] == participant.email
    assert what_happened(entry) == f"Inloggen mislukt voor {participant.email}"
    stored = json.dumps([entry.changes, entry.additional_data, entry.object_repr])
    assert "Geheim-fout-123" not in stored


def test_a_failed_login_for_an_unknown_address_is_on_no_trail(world):
    login(Client(), "niemand@test.example", password="fout")
    [entry] = session_entries("login_failed")
    assert_recorded(entry, actor=None, org=None, address="127.0.0.1")
    assert entry.object_repr == "niemand@test.example"


# --- The client's address -----------------------------------------------------------------


def test_behind_a_trusted_proxy_the_address_it_saw_is_recorded_not_a_forged_one(world, settings):
    settings.TRUSTED_PROXIES = 1
    login(
        Client(),
        world.users["trainer"].email,
        REMOTE_ADDR="10.0.0.2",  # our proxy
        HTTP_X_FORWARDED_FOR="198.51.100.66, 203.0.113.9",  # forged by the client, then ours
    )
    [entry] = session_entries("login")
    assert entry.remote_addr == "203.0.113.9"


def test_without_a_trusted_proxy_x_forwarded_for_is_ignored(world, client_as):
    client = client_as(world.users["adviser"])
    client.post(
        reverse(
            "trajectories:trajectory-phase",
            kwargs={"org_slug": world.org.slug, "pk": world.trajectory.pk},
        ),
        {"phase": "round_1"},
        REMOTE_ADDR="198.51.100.7",
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )
    assert last_entry(Trajectory, world.trajectory.pk).remote_addr == "198.51.100.7"


def test_an_address_that_is_not_an_ip_address_is_not_recorded(world, client_as, settings):
    """What the proxy forwarded is no address: the proxy's own is recorded instead."""
    settings.TRUSTED_PROXIES = 1
    client_as(world.users["adviser"]).post(
        reverse(
            "trajectories:trajectory-phase",
            kwargs={"org_slug": world.org.slug, "pk": world.trajectory.pk},
        ),
        {"phase": "round_1"},
        HTTP_X_FORWARDED_FOR="unknown",
    )
    entry = last_entry(Trajectory, world.trajectory.pk)
    assert entry.changes == {"phase": ["preparation", "round_1"]}
    assert entry.remote_addr == "127.0.0.1"  # the test client's REMOTE_ADDR: the proxy


# --- Being built now: invitations, roles, deactivation (proved on the models) ----------------


def test_invitation_sent_and_revoked(world):
    adviser = world.actor("adviser")
    with acting_as(adviser, address=ADDRESS):
        invitation = Invitation.objects.create(
            organisation=world.org,
            email="nieuw@test.example",
            full_name="Nieuwe Collega",
            role=Role.TRAINER,
            token_hash="a" * 64,
            invited_by=world.users["adviser"],
            sent_at=timezone.now(),
            expires_at=timezone.now() + datetime.timedelta(days=14),
        )
    entry = last_entry(Invitation, invitation.pk)
    assert_recorded(entry, actor=world.users["adviser"], org=world.org, address=ADDRESS)
    assert entry.changes["role"] == ["None", "trainer"]
    assert "token_hash" not in entry.changes  # the link's secret is never in the trail
    assert what_happened(entry) == "Uitgenodigd als Trainer"
    assert entry.trail_entries.get().kind == Kind.ACCESS

    with acting_as(adviser, address=ADDRESS):
        invitation.revoked_at = timezone.now()
        invitation.save()
    entry = last_entry(Invitation, invitation.pk)
    assert list(entry.changes) == ["revoked_at"]
    assert what_happened(entry) == "Uitnodiging ingetrokken"


def test_role_change_and_deactivation(world):
    adviser = world.actor("adviser")
    membership = Membership.objects.get(organisation=world.org, user=world.users["trainer"])
    with acting_as(adviser, address=ADDRESS):
        membership.role = Role.MANAGER
        membership.save()
    entry = last_entry(Membership, membership.pk)
    assert_recorded(entry, actor=world.users["adviser"], org=world.org, address=ADDRESS)
    assert entry.changes == {"role": ["trainer", "manager"]}
    assert what_happened(entry) == "Rol gewijzigd van Trainer naar Manager"
    assert entry.object_repr == str(world.users["trainer"])

    with acting_as(adviser, address=ADDRESS):
        membership.deactivated_at = timezone.now()
        membership.save(update_fields=["deactivated_at"])
    entry = last_entry(Membership, membership.pk)
    assert_recorded(entry, actor=world.users["adviser"], org=world.org, address=ADDRESS)
    assert entry.changes["deactivated_at"][0] == "None"
    assert what_happened(entry) == "Toegang gedeactiveerd"


def test_second_factor_reset_is_the_deletion_of_the_devices(world):
    """An adviser resets a trainer's two-step login: both devices go, on the organisation's
    trail, without their secrets."""
    trainer = world.users["trainer"]
    totp = TOTPDevice.objects.create(user=trainer, name="Authenticator", confirmed=True)
    static = StaticDevice.objects.create(user=trainer, name="Herstelcodes", confirmed=True)
    StaticToken.objects.create(device=static, token="abcd1234")
    adviser = world.actor("adviser")
    with acting_as(adviser, address=ADDRESS):
        TOTPDevice.objects.filter(user=trainer).delete()
        StaticDevice.objects.filter(user=trainer).delete()
    entry = last_entry(TOTPDevice, totp.pk)
    assert_recorded(entry, actor=world.users["adviser"], org=world.org, address=ADDRESS)
    assert entry.action == LogEntry.Action.DELETE
    assert set(entry.changes) <= {"user", "name", "confirmed"}
    assert totp.key not in json.dumps(entry.changes)
    assert entry.additional_data["labels"]["user"] == [str(trainer), None]
    assert what_happened(entry) == "Tweestapsverificatie gereset: authenticator-app verwijderd"
    assert entry.trail_entries.get().kind == Kind.ACCOUNT
    entry = last_entry(StaticDevice, static.pk)
    assert_recorded(entry, actor=world.users["adviser"], org=world.org, address=ADDRESS)
    assert "abcd1234" not in json.dumps([entry.changes, entry.additional_data])


def test_a_user_is_recorded_without_password_or_last_login(world):
    user = world.users["trainer"]
    user.set_password("iets-nieuws-123")
    user.last_login = timezone.now()
    user.save()
    assert last_entry(User, user.pk).action == LogEntry.Action.CREATE  # no entry for those
    with acting_as(world.actor("adviser")):
        user.is_active = False
        user.save()
    entry = last_entry(User, user.pk)
    assert entry.changes == {"is_active": ["True", "False"]}
    assert what_happened(entry) == "Account gedeactiveerd"
    assert organisations_of(entry) == [world.org.pk]  # where the adviser acted


# --- Append-only --------------------------------------------------------------------------


def test_a_stored_entry_cannot_be_changed(world):
    entry = LogEntry.objects.first()
    entry.object_repr = "iets anders"
    with pytest.raises(ValueError, match="never changed"):
        entry.save()


def test_each_entry_reads_in_dutch_with_translated_field_labels(world):
    adviser = world.actor("adviser")
    with acting_as(adviser, address=ADDRESS):
        services.trajectory_set_phase(by=adviser, trajectory=world.trajectory, phase=Phase.ROUND_1)
    event = event_of(TrailEntry.objects.filter(organisation=world.org).latest("log_entry_id"))
    assert event.what == "Fase gewijzigd van Voorbereiding naar Ronde 1"
    assert event.role == "Adviseur"
    assert [(c.label, c.before, c.after) for c in event.changes] == [
        ("Fase", "Voorbereiding", "Ronde 1")
    ]
    assert event.address == ADDRESS
