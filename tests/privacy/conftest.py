"""One employee with something in every place Binnenuit keeps personal data.

Zwaantje Wisbaar, a participant of the world's organisation, has a login (logged in through
the login page, so with a session and the login records django-axes keeps), a failed login,
two-factor devices, a recovery code, a form submission, an accepted and a pending invitation,
an enrolment in a round of 13, a colleague whose line manager she is, and the audit entries
all of that wrote. Every personal field of her rows holds a value, so erasure has something
to replace everywhere.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from binnenuit.accounts.models import User
from binnenuit.core.models import FormSubmission
from binnenuit.organisations.models import FunctionCategory, Invitation, Person, Role
from binnenuit.trajectories.models import Enrolment
from tests.factories import PASSWORD, MembershipFactory, PersonFactory, UserFactory

NAME = "Zwaantje Wisbaar"
EMAIL = "zwaantje.wisbaar@testdorp.example"
JOB = "Beleidsadviseur wijkzaken"
# Values only she has: none of them may be found anywhere after she is erased.
HERS = (NAME, EMAIL, JOB, "Team Zuidkust", "Afdeling Zwaanwijk", "Telefoon van Zwaantje")


@dataclass
class Subject:
    person: Person
    user: User
    colleague: Person  # her report: his line manager is she
    pending: Invitation
    accepted: Invitation


def _log_in_through_the_page(email: str) -> Client:
    client = Client(REMOTE_ADDR="192.0.2.44", HTTP_USER_AGENT="Zwaantjes browser")
    response = client.post(reverse("accounts:login"), {"username": email, "password": PASSWORD})
    assert response.status_code == 302, response.content[:500]
    return client


def _fail_a_login(email: str) -> None:
    client = Client(REMOTE_ADDR="192.0.2.45", HTTP_USER_AGENT="Zwaantjes andere browser")
    response = client.post(reverse("accounts:login"), {"username": email, "password": "fout"})
    assert response.status_code == 200


def build_subject(world) -> Subject:
    user = UserFactory(email=EMAIL, full_name=NAME)
    MembershipFactory(organisation=world.org, user=user, role=Role.PARTICIPANT)
    person = PersonFactory(
        organisation=world.org,
        user=user,
        full_name=NAME,
        email=EMAIL,
        job_title=JOB,
        function_category=FunctionCategory.POLICY,
        department="Afdeling Zwaanwijk",
        team="Team Zuidkust",
        line_manager=world.people["manager"],
    )
    colleague = PersonFactory(organisation=world.org, line_manager=person)
    # A round of 13: world's participant, Zwaantje and 11 colleagues.
    Enrolment.objects.create(organisation=world.org, round=world.round_2, person=person)
    for _ in range(11):
        other = PersonFactory(organisation=world.org)
        Enrolment.objects.create(organisation=world.org, round=world.round_2, person=other)
    now = timezone.now()
    accepted = Invitation.objects.create(
        organisation=world.org,
        email=EMAIL,
        full_name=NAME,
        role=Role.PARTICIPANT,
        person=person,
        token_hash=uuid.uuid4().hex,
        invited_by=world.users["project_leader"],
        sent_at=now - datetime.timedelta(days=30),
        expires_at=now - datetime.timedelta(days=23),
        accepted_at=now - datetime.timedelta(days=29),
    )
    pending = Invitation.objects.create(
        organisation=world.org,
        email=EMAIL.upper(),  # found by address whatever its case
        full_name=NAME,
        role=Role.TRAINER,
        token_hash=uuid.uuid4().hex,
        invited_by=world.users["project_leader"],
        sent_at=now,
        expires_at=now + datetime.timedelta(days=7),
    )
    _log_in_through_the_page(EMAIL)
    _fail_a_login(EMAIL)
    totp = TOTPDevice.objects.create(user=user, name="Telefoon van Zwaantje", confirmed=True)
    static = StaticDevice.objects.create(user=user, name="Telefoon van Zwaantje (codes)")
    StaticToken.objects.create(device=static, token="zw4an7je")
    assert totp.pk and static.pk
    FormSubmission.objects.create(token=uuid.uuid4(), user=user, result_url="/o/testdorp/")
    apps.get_model("mail.Mail").objects.create(
        recipient=EMAIL,
        subject=f"Uitnodiging voor {NAME}",
        body=f"Beste {NAME}, je bent uitgenodigd.",
        template="invitation",
    )
    # Something in the other login records too (a lock-out's attempt, a log of failures).
    for label in ("axes.AccessAttempt", "axes.AccessFailureLog"):
        model = apps.get_model(label)
        if not model.objects.filter(username=EMAIL).exists():
            fields = {f.name for f in model._meta.get_fields()}
            extra = (
                {"get_data": "", "post_data": f"username={EMAIL}"} if "post_data" in fields else {}
            )
            model.objects.create(
                username=EMAIL,
                ip_address="192.0.2.45",
                user_agent="Zwaantjes andere browser",
                http_accept="*/*",
                path_info="/inloggen/",
                attempt_time=now,
                **extra,
            )
    user.refresh_from_db()
    person.refresh_from_db()
    return Subject(person, user, colleague, pending, accepted)


@pytest.fixture
def subject(world) -> Subject:
    return build_subject(world)
