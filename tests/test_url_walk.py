"""Walk every URL pattern as anonymous, as each role and as another organisation's user.

Fails when a URL pattern exists that the walk does not cover, so that every new screen
gets its access rules written down here.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from binnenuit.catalogue.models import Competence, Step, Theme
from binnenuit.catalogue.services import template_draft_create
from binnenuit.demo.images import tiny_png
from binnenuit.organisations.models import Membership, Person
from binnenuit.trajectories.models import Enrolment, Meeting
from tests.factories import InvitationFactory, LocationFactory

ROLES = ("anonymous", "adviser", "project_leader", "manager", "trainer", "participant", "outsider")
LOGIN = "login"  # anonymous users are sent to the login page


def expect(default: int | str, **per_role: int | str) -> dict[str, int | str]:
    table = dict.fromkeys(ROLES, default)
    table["anonymous"] = LOGIN
    table.update(per_role)
    return table


ORG_MEMBERS_200 = expect(200, outsider=404)
ADVISERS_ONLY = expect(403, adviser=200, outsider=404)
ORGANISERS_ONLY = expect(403, adviser=200, project_leader=200, outsider=404)
STAFF_ONLY = expect(403, adviser=200, project_leader=200, manager=200, outsider=404)
PROVIDER_STAFF_ONLY = expect(403, adviser=200)


@dataclass
class Case:
    kwargs: dict[str, object]
    expected: dict[str, int | str]
    method: str = "get"
    data: dict[str, str] = field(default_factory=dict)
    foreign: dict[str, object] | None = None  # own slug, another organisation's object: 404


def pattern_names(resolver: URLResolver | None = None, prefix: str = "") -> set[str]:
    names: set[str] = set()
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            names |= pattern_names(entry, ns)
        elif isinstance(entry, URLPattern):
            assert entry.name, (
                f"URL pattern {entry.pattern} has no name, so the walk cannot cover it"
            )
            names.add(prefix + entry.name)
    return names


# Apps that keep their cases beside their own tests, in tests/<app>/walk.py: ``cases(world)``.
APPS_WITH_WALKS = (
    "offers",
    "recruitment",
    "planning",
    "calendars",
    "attendance",
    "profiles",
    "coaching",
    "scan",
)


def app_cases(world) -> dict[str, Case]:
    cases: dict[str, Case] = {}
    for app in APPS_WITH_WALKS:
        cases.update(importlib.import_module(f"tests.{app}.walk").cases(world))
    return cases


def build_cases(world) -> dict[str, Case]:
    org = world.org
    org.logo.save("logo.png", ContentFile(tiny_png()), save=True)
    trajectory, foreign_trajectory = world.trajectory, world.other_trajectory
    round_1 = world.round_1
    foreign_round = foreign_trajectory.rounds.order_by("stage").first()
    person = world.person()
    foreign_person = Person.objects.create(
        organisation=world.other_org, full_name="Iemand Elders", email="iemand@elders.example"
    )
    enrolment = Enrolment.objects.filter(round=round_1).first()
    foreign_enrolment = Enrolment.objects.create(
        organisation=world.other_org, round=foreign_round, person=foreign_person
    )
    meeting = Meeting.objects.filter(trajectory=trajectory).first()
    foreign_meeting = Meeting.objects.filter(trajectory=foreign_trajectory).first()
    template = template_draft_create(by=world.outside("adviser"))  # only a draft can change
    theme = Theme.objects.filter(template=template).first()
    step = Step.objects.filter(template=template).first()
    competence = Competence.objects.filter(template=template).first()
    o = {"org_slug": org.slug}
    membership = Membership.objects.get(organisation=org, user=world.users["trainer"])
    foreign_membership = Membership.objects.get(
        organisation=world.other_org, user=world.users["outsider"]
    )
    location = LocationFactory(organisation=org)
    foreign_location = LocationFactory(organisation=world.other_org)
    invitation = InvitationFactory(organisation=org)
    foreign_invitation = InvitationFactory(organisation=world.other_org)

    def own(pk: int) -> dict[str, object]:
        return {**o, "pk": pk}

    return {
        **app_cases(world),
        "accounts:login": Case({}, {**dict.fromkeys(ROLES, 302), "anonymous": 200}),
        "accounts:logout": Case({}, dict.fromkeys(ROLES, LOGIN), method="post"),
        "accounts:account": Case({}, expect(200)),
        "accounts:password-change": Case({}, expect(200)),
        # Nobody in the world has set up two-step login: the verify page sends them to set up.
        "accounts:two-factor-verify": Case({}, expect(302)),
        "accounts:two-factor-setup": Case({}, expect(200)),
        # Recovery codes are shown once, right after they are made; otherwise back to account.
        "accounts:two-factor-codes": Case({}, expect(302)),
        "accounts:two-factor-off": Case({}, expect(200)),
        "accounts:password-reset": Case({}, dict.fromkeys(ROLES, 200)),
        "accounts:password-reset-done": Case({}, dict.fromkeys(ROLES, 200)),
        "accounts:password-reset-complete": Case({}, dict.fromkeys(ROLES, 200)),
        # A link that is not valid says so (200, "no longer works"), for anyone.
        "accounts:password-reset-confirm": Case(
            {"uidb64": "MQ", "token": "set-password"}, dict.fromkeys(ROLES, 200)
        ),
        "organisations:invitation-accept": Case(
            {"token": "geen-echte-link"}, dict.fromkeys(ROLES, 410)
        ),
        "organisations:access-list": Case(o, ORGANISERS_ONLY),
        "organisations:invitation-create": Case(o, ORGANISERS_ONLY),
        "organisations:invitation-revoke": Case(
            own(invitation.pk), ORGANISERS_ONLY, foreign=own(foreign_invitation.pk)
        ),
        "organisations:invitation-resend": Case(
            own(invitation.pk),
            expect(403, adviser=302, project_leader=302, outsider=404),
            method="post",
            foreign=own(foreign_invitation.pk),
        ),
        "organisations:membership-role": Case(
            own(membership.pk), ORGANISERS_ONLY, foreign=own(foreign_membership.pk)
        ),
        "organisations:membership-deactivate": Case(
            own(membership.pk), ORGANISERS_ONLY, foreign=own(foreign_membership.pk)
        ),
        "organisations:two-factor-reset": Case(
            own(membership.pk), ADVISERS_ONLY, foreign=own(foreign_membership.pk)
        ),
        "set-language": Case({}, dict.fromkeys(ROLES, 302), method="post", data={"language": "en"}),
        "dashboard:home": Case({}, expect(302)),
        "dashboard:organisation-list": Case({}, expect(200)),
        "dashboard:organisation-detail": Case(o, ORG_MEMBERS_200),
        "organisations:organisation-create": Case({}, PROVIDER_STAFF_ONLY),
        "organisations:organisation-update": Case(o, ORGANISERS_ONLY),
        "organisations:organisation-archive": Case(o, ADVISERS_ONLY),
        "organisations:organisation-logo": Case(o, ORG_MEMBERS_200),
        "organisations:day-parts": Case(o, ORGANISERS_ONLY),
        "organisations:location-list": Case(o, STAFF_ONLY),
        "organisations:location-create": Case(o, ORGANISERS_ONLY),
        "organisations:location-update": Case(
            own(location.pk), ORGANISERS_ONLY, foreign=own(foreign_location.pk)
        ),
        "organisations:person-list": Case(o, STAFF_ONLY),
        "organisations:person-create": Case(o, ORGANISERS_ONLY),
        "organisations:person-update": Case(
            own(person.pk), ORGANISERS_ONLY, foreign=own(foreign_person.pk)
        ),
        "trajectories:trajectory-start": Case(o, ORGANISERS_ONLY),
        "trajectories:trajectory-detail": Case(
            own(trajectory.pk), STAFF_ONLY, foreign=own(foreign_trajectory.pk)
        ),
        "trajectories:trajectory-phase": Case(
            own(trajectory.pk),
            expect(403, adviser=302, project_leader=302, outsider=404),
            method="post",
            data={"phase": "round_2"},
            foreign=own(foreign_trajectory.pk),
        ),
        "trajectories:trajectory-themes": Case(
            own(trajectory.pk), ORGANISERS_ONLY, foreign=own(foreign_trajectory.pk)
        ),
        "trajectories:round-detail": Case(
            own(round_1.pk),
            expect(200, participant=403, outsider=404),
            foreign=own(foreign_round.pk),
        ),
        "trajectories:enrolment-add": Case(
            own(round_1.pk),
            expect(403, adviser=302, project_leader=302, outsider=404),
            method="post",
            foreign=own(foreign_round.pk),
        ),
        "trajectories:enrolment-withdraw": Case(
            own(enrolment.pk), ORGANISERS_ONLY, foreign=own(foreign_enrolment.pk)
        ),
        "trajectories:meeting-update": Case(
            own(meeting.pk), ORGANISERS_ONLY, foreign=own(foreign_meeting.pk)
        ),
        "audit:entry-list": Case(o, ORGANISERS_ONLY),
        "catalogue:template-list": Case({}, PROVIDER_STAFF_ONLY),
        "catalogue:template-detail": Case({"pk": template.pk}, PROVIDER_STAFF_ONLY),
        # A draft exists already: the adviser is sent back with the reason.
        "catalogue:template-draft-create": Case({}, expect(403, adviser=302), method="post"),
        "catalogue:template-publish": Case({"pk": template.pk}, PROVIDER_STAFF_ONLY),
        "catalogue:theme-create": Case({"pk": template.pk}, PROVIDER_STAFF_ONLY),
        "catalogue:theme-update": Case({"pk": theme.pk}, PROVIDER_STAFF_ONLY),
        "catalogue:step-update": Case({"pk": step.pk}, PROVIDER_STAFF_ONLY),
        "catalogue:competence-create": Case({"pk": template.pk}, PROVIDER_STAFF_ONLY),
        "catalogue:competence-update": Case({"pk": competence.pk}, PROVIDER_STAFF_ONLY),
        "privacy:person-data": Case(
            own(person.pk), ORGANISERS_ONLY, foreign=own(foreign_person.pk)
        ),
        "privacy:person-data-json": Case(
            own(person.pk), ORGANISERS_ONLY, foreign=own(foreign_person.pk)
        ),
        "privacy:person-erase": Case(
            own(person.pk), ORGANISERS_ONLY, foreign=own(foreign_person.pk)
        ),
        "privacy:own-data": Case({}, expect(200)),
        "privacy:own-data-json": Case({}, expect(200)),
        "privacy:processing-register": Case({}, PROVIDER_STAFF_ONLY),
        "privacy:retention-report": Case({}, PROVIDER_STAFF_ONLY),
        "demo:outbox": Case({}, PROVIDER_STAFF_ONLY),
    }


def client_for(role: str, client_as, world) -> Client:
    return Client() if role == "anonymous" else client_as(world.users[role])


def outcome(response) -> int | str:
    if response.status_code == 302 and response["Location"].startswith(reverse("accounts:login")):
        return LOGIN
    return response.status_code


@pytest.mark.django_db
def test_every_url_pattern_is_walked_for_every_role(world, client_as):
    cases = build_cases(world)
    missing = pattern_names() - set(cases)
    assert not missing, f"URL patterns not covered by the access walk: {sorted(missing)}"

    failures = []
    for name, case in cases.items():
        url = reverse(name, kwargs=case.kwargs)
        for role in ROLES:
            client = client_for(role, client_as, world)
            response = getattr(client, case.method)(url, case.data)
            got = outcome(response)
            if got != case.expected[role]:
                failures.append(
                    f"{case.method.upper()} {url} as {role}: {got}, expected {case.expected[role]}"
                )
        if case.foreign is not None:
            foreign_url = reverse(name, kwargs=case.foreign)
            for role in ("adviser", "project_leader"):
                response = getattr(client_for(role, client_as, world), case.method)(
                    foreign_url, case.data
                )
                if response.status_code != 404:
                    failures.append(
                        f"{foreign_url} (another organisation's) as {role}: {response.status_code}"
                    )
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
def test_get_on_post_only_urls_is_refused(world, client_as):
    client = client_as(world.users["adviser"])
    for name, case in build_cases(world).items():
        # Django's own set_language answers GET with a redirect and changes nothing.
        if case.method == "post" and name != "set-language":
            assert client.get(reverse(name, kwargs=case.kwargs)).status_code == 405, name
