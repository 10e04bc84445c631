"""Who has access: invitations by e-mail, roles, deactivation and the two-step reset."""

from __future__ import annotations

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.core import mail as django_mail
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from binnenuit.accounts.models import User
from binnenuit.core.exceptions import ServiceError
from binnenuit.mail.models import Mail
from binnenuit.mail.tasks import deliver
from binnenuit.organisations import invitations
from binnenuit.organisations.models import Invitation, Membership, Role
from tests.factories import MembershipFactory
from tests.pages import field_error, token

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "een-lang-en-nieuw-wachtwoord"


def url(world, name: str, **kwargs) -> str:
    return reverse(f"organisations:{name}", kwargs={"org_slug": world.org.slug, **kwargs})


def delivered_link() -> str:
    """Send what the outbox holds, as the worker does; the link in the last mail."""
    for pk in Mail.objects.filter(status=Mail.Status.QUEUED).values_list("pk", flat=True):
        deliver(pk)
    body = django_mail.outbox[-1].body
    match = re.search(r"https?://\S+/uitnodiging/[^/\s]+/", body)
    assert match, body
    return urlsplit(match.group(0)).path


def invite(world, client_as, role: str = "participant", email: str = "noor@test.example"):
    return client_as(world.users["project_leader"]).post(
        url(world, "invitation-create"),
        {"full_name": "Noor Nieuw", "email": email, "role": role, "submission_token": token()},
    )


def test_a_project_leader_invites_and_the_person_chooses_a_password(world, client_as):
    employee = world.person(full_name="Noor Nieuw", email="noor@test.example")
    response = invite(world, client_as)
    assert response.status_code == 302
    invitation = Invitation.objects.get(email="noor@test.example")
    assert invitation.person == employee and invitation.role == Role.PARTICIPANT
    assert invitation.expires_at - invitation.sent_at == datetime.timedelta(days=7)
    link = delivered_link()
    message = django_mail.outbox[-1]
    assert message.to == ["noor@test.example"]
    assert message.subject == "Je uitnodiging voor Binnenuit voor Gemeente Testdorp"
    assert "Kies je wachtwoord met deze link" in message.body

    anonymous = Client()
    page = anonymous.get(link)
    assert page.status_code == 200 and "Welkom bij Binnenuit voor Gemeente Testdorp" in (
        page.content.decode()
    )
    done = anonymous.post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302 and done["Location"] == world.org.get_absolute_url()
    user = User.objects.get(email="noor@test.example")
    assert user.check_password(NEW_PASSWORD)
    assert Membership.objects.get(user=user, organisation=world.org).role == Role.PARTICIPANT
    employee.refresh_from_db()
    assert employee.user == user
    assert anonymous.get(world.org.get_absolute_url()).status_code == 200  # logged in
    # The same link again (a second click) leads them in, without a second account.
    assert anonymous.post(link, {}).status_code == 302
    assert User.objects.filter(email="noor@test.example").count() == 1


def test_a_weak_password_is_refused_beside_the_field(world, client_as):
    invite(world, client_as)
    link = delivered_link()
    page = Client().post(link, {"new_password1": "kort", "new_password2": "kort"})
    assert page.status_code == 200
    assert field_error(page.content.decode(), "new_password1").startswith(
        "Dit wachtwoord is te kort. Het moet minimaal 12 tekens bevatten."
    )
    assert not User.objects.filter(email="noor@test.example").exists()


def test_someone_with_a_login_elsewhere_gets_the_organisation_added(world, client_as):
    elsewhere = world.users["outsider"]
    invite(world, client_as, email=elsewhere.email)
    link = delivered_link()
    asks = Client().get(link).content.decode()
    assert f"Je logt al in bij Binnenuit als {elsewhere.email}" in asks
    client = client_as(elsewhere)
    assert client.post(link).status_code == 302
    assert Membership.objects.filter(user=elsewhere, organisation=world.org).exists()
    assert Membership.objects.filter(user=elsewhere, organisation=world.other_org).exists()
    assert User.objects.filter(email=elsewhere.email).count() == 1


@pytest.mark.parametrize(
    ("spoil", "heading"),
    [
        ("expired", "Deze uitnodiging is verlopen"),
        ("used", "Deze uitnodiging is al gebruikt"),
        ("revoked", "Deze uitnodiging is ingetrokken"),
    ],
)
def test_a_link_that_no_longer_works_gets_a_clear_page(world, client_as, spoil, heading):
    invite(world, client_as)
    link = delivered_link()
    now = timezone.now()
    changes = {
        "expired": {"expires_at": now - datetime.timedelta(minutes=1)},
        "used": {"accepted_at": now},
        "revoked": {"revoked_at": now},
    }[spoil]
    Invitation.objects.update(**changes)
    page = Client().get(link)
    assert page.status_code == 410
    assert heading in page.content.decode()


def test_an_unknown_link_gets_a_clear_page_not_an_error(world):
    page = Client().get(reverse("organisations:invitation-accept", args=["geen-echte-link"]))
    assert page.status_code == 410
    assert "Deze uitnodigingslink werkt niet" in page.content.decode()


def test_sending_again_replaces_the_link_and_revoking_ends_it(world, client_as):
    invite(world, client_as)
    first = delivered_link()
    invitation = Invitation.objects.get()
    client = client_as(world.users["project_leader"])
    again = client.post(
        url(world, "invitation-resend", pk=invitation.pk), {"submission_token": token()}
    )
    assert again.status_code == 302
    second = delivered_link()
    assert first != second
    assert Client().get(first).status_code == 410
    assert Client().get(second).status_code == 200
    confirm = client.get(url(world, "invitation-revoke", pk=invitation.pk))
    assert "De uitnodiging aan noor@test.example intrekken?" in confirm.content.decode()
    client.post(url(world, "invitation-revoke", pk=invitation.pk), {"submission_token": token()})
    assert Client().get(second).status_code == 410


def test_the_access_page_shows_logins_pending_invitations_and_last_login(world, client_as):
    invite(world, client_as)
    page = client_as(world.users["project_leader"]).get(url(world, "access-list"))
    content = page.content.decode()
    assert page.status_code == 200
    assert "noor@test.example" in content and "Noor Nieuw" in content
    for user in world.users.values():
        if user != world.users["outsider"]:
            assert user.email in content
    assert "nooit" in content  # logins that have never logged in


def test_an_invitation_to_someone_who_has_access_is_refused(world, client_as):
    response = invite(world, client_as, email=world.users["trainer"].email)
    assert response.status_code == 200
    assert field_error(response.content.decode(), "email") == "Deze persoon heeft al toegang."


def test_a_project_leader_cannot_invite_an_adviser(world, client_as):
    response = invite(world, client_as, role="adviser")
    assert response.status_code == 200
    assert field_error(response.content.decode(), "role").startswith("Selecteer een geldige keuze.")
    with pytest.raises(ServiceError, match="Alleen een adviseur"):
        invitations.invitation_create(
            by=world.actor("project_leader"),
            email="x@test.example",
            full_name="X",
            role=Role.ADVISER,
        )


def test_a_role_changes_only_after_confirmation(world, client_as):
    trainer = Membership.objects.get(organisation=world.org, user=world.users["trainer"])
    client = client_as(world.users["project_leader"])
    confirm = client.post(url(world, "membership-role", pk=trainer.pk), {"role": "manager"})
    assert confirm.status_code == 200
    assert "Van" in confirm.content.decode() or "manager" in confirm.content.decode()
    trainer.refresh_from_db()
    assert trainer.role == Role.TRAINER  # not yet
    done = client.post(
        url(world, "membership-role", pk=trainer.pk),
        {"role": "manager", "confirm": "1", "submission_token": token()},
    )
    assert done.status_code == 302
    trainer.refresh_from_db()
    assert trainer.role == Role.MANAGER


def test_the_last_project_leader_cannot_be_lowered_or_deactivated(world, client_as):
    leader = Membership.objects.get(organisation=world.org, user=world.users["project_leader"])
    adviser = world.actor("adviser")
    message = (
        f"{leader.user.full_name} is de enige projectleider van de organisatie. Maak eerst "
        "iemand anders projectleider."
    )
    with pytest.raises(ServiceError) as lowered:
        invitations.membership_set_role(by=adviser, membership=leader, role=Role.MANAGER)
    assert lowered.value.message == message
    with pytest.raises(ServiceError) as deactivated:
        invitations.membership_deactivate(by=adviser, membership=leader)
    assert deactivated.value.message == message
    # With a second project leader, the first may go.
    MembershipFactory(organisation=world.org, role=Role.PROJECT_LEADER)
    invitations.membership_set_role(by=adviser, membership=leader, role=Role.MANAGER)


def test_nobody_changes_their_own_access(world, client_as):
    own = Membership.objects.get(organisation=world.org, user=world.users["project_leader"])
    response = client_as(world.users["project_leader"]).post(
        url(world, "membership-deactivate", pk=own.pk), {"submission_token": token()}
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.deactivated_at is None
    messages = [m.message for m in response.wsgi_request._messages]
    assert messages == ["Je kunt je eigen toegang niet wijzigen of deactiveren."]


def test_a_deactivated_login_opens_nothing_and_keeps_its_history(world, client_as):
    trainer = world.users["trainer"]
    membership = Membership.objects.get(organisation=world.org, user=trainer)
    client = client_as(world.users["project_leader"])
    page = client.get(url(world, "membership-deactivate", pk=membership.pk))
    assert "De login van" in page.content.decode()
    client.post(
        url(world, "membership-deactivate", pk=membership.pk), {"submission_token": token()}
    )
    membership.refresh_from_db()
    trainer.refresh_from_db()
    assert membership.deactivated_at is not None
    assert not trainer.is_active  # no other organisation: the login itself stops
    assert world.people["trainer"].enrolments.exists()  # history stays
    assert (
        Client()
        .post(
            reverse("accounts:login"), {"username": trainer.email, "password": "geheim-wachtwoord"}
        )
        .status_code
        == 200
    )
    client.post(
        url(world, "membership-deactivate", pk=membership.pk), {"submission_token": token()}
    )
    trainer.refresh_from_db()
    assert trainer.is_active


def test_an_adviser_resets_someones_two_step_login(world, client_as):
    leader = world.users["project_leader"]
    TOTPDevice.objects.create(user=leader, name="telefoon", confirmed=True)
    membership = Membership.objects.get(organisation=world.org, user=leader)
    reset = url(world, "two-factor-reset", pk=membership.pk)
    assert client_as(world.users["manager"]).get(reset).status_code == 403
    assert client_as(leader).get(reset).status_code in (302, 403)  # not their own
    client = client_as(world.users["adviser"])
    assert "tweestapsverificatie van" in client.get(reset).content.decode().lower()
    assert client.post(reset, {"submission_token": token()}).status_code == 302
    assert not TOTPDevice.objects.filter(user=leader).exists()


def test_roles_without_the_rule_cannot_invite(world):
    for role in ("manager", "trainer", "participant"):
        with pytest.raises(PermissionDenied):
            invitations.invitation_create(
                by=world.actor(role), email="x@test.example", full_name="X", role=Role.TRAINER
            )


def test_the_public_accept_form_is_rate_limited(world, client_as, settings):
    invite(world, client_as)
    link = delivered_link()
    client = Client()
    statuses = [
        client.post(link, {"new_password1": "kort", "new_password2": "kort"}).status_code
        for _ in range(31)
    ]
    assert statuses[:30] == [200] * 30 and statuses[30] == 429


def test_a_second_invitation_to_the_same_address_is_refused(world, client_as):
    invite(world, client_as)
    response = invite(world, client_as)
    assert response.status_code == 200
    assert field_error(response.content.decode(), "email") == (
        "Deze persoon is al uitgenodigd. Verstuur de uitnodiging opnieuw vanuit de lijst."
    )
    assert Invitation.objects.count() == 1


def test_ids_of_other_organisations_are_not_found(world, client_as):
    foreign = MembershipFactory(organisation=world.other_org, role=Role.MANAGER)
    client = client_as(world.users["project_leader"])
    for name in ("membership-role", "membership-deactivate"):
        assert client.get(url(world, name, pk=foreign.pk)).status_code == 404
