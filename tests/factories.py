"""A factory for every model. Tenant rows take their organisation from what they belong to."""

from __future__ import annotations

import datetime
import uuid

import factory
from django.utils import timezone

from binnenuit.accounts.models import User
from binnenuit.catalogue.models import ProgrammeTemplate, Stage, Step, StepKind, Theme
from binnenuit.core.models import FormSubmission
from binnenuit.organisations.models import (
    FunctionCategory,
    Invitation,
    Location,
    Membership,
    Organisation,
    Person,
    Role,
)
from binnenuit.trajectories.models import (
    Enrolment,
    Meeting,
    MeetingKind,
    Module,
    PartOfDay,
    Phase,
    Round,
    Trajectory,
)

PASSWORD = "geheim-wachtwoord"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"gebruiker{n}@test.example")
    full_name = factory.Faker("name", locale="nl_NL")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Gemeente Test{n}")
    slug = factory.Sequence(lambda n: f"test{n}")
    cbs_code = factory.Sequence(lambda n: f"GM{8000 + n % 2000:04d}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.PROJECT_LEADER


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    organisation = factory.SubFactory(OrganisationFactory)
    full_name = factory.Faker("name", locale="nl_NL")
    email = factory.Sequence(lambda n: f"medewerker{n}@test.example")
    function_category = FunctionCategory.POLICY
    department = "Samenleving"
    team = "Wijken"


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Wijkcentrum {n}")
    address = "Dorpsstraat 1, 1234 AB Testdorp"
    capacity = 30


class ProgrammeTemplateFactory(factory.django.DjangoModelFactory):
    """A retired version (only one may be published and one be a draft at a time)."""

    class Meta:
        model = ProgrammeTemplate

    version = factory.Sequence(lambda n: 1000 + n)
    name = "Overheidsparticipatie, de praktijk van binnenuit"
    status = ProgrammeTemplate.Status.RETIRED


class StepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Step

    template = factory.SubFactory(ProgrammeTemplateFactory)
    stage = Stage.ROUND_1
    kind = StepKind.MODULE
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Module {n}")


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    template = factory.SubFactory(ProgrammeTemplateFactory)
    code = factory.Sequence(lambda n: f"thema-{n}")
    name = factory.Sequence(lambda n: f"Thema {n}")
    description = "Een thema om te oefenen."


class TrajectoryFactory(factory.django.DjangoModelFactory):
    """A bare trajectory row; ``trajectories.services.trajectory_start`` builds a whole one."""

    class Meta:
        model = Trajectory

    organisation = factory.SubFactory(OrganisationFactory)
    template = factory.LazyFunction(
        lambda: ProgrammeTemplate.objects.get(status=ProgrammeTemplate.Status.PUBLISHED)
    )
    name = factory.Sequence(lambda n: f"Traject {n}")
    phase = Phase.PREPARATION


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Round

    trajectory = factory.SubFactory(TrajectoryFactory)
    organisation = factory.SelfAttribute("trajectory.organisation")
    stage = Stage.ROUND_1


class ModuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Module

    round = factory.SubFactory(RoundFactory)
    organisation = factory.SelfAttribute("round.organisation")
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Module {n}")


class MeetingFactory(factory.django.DjangoModelFactory):
    """A module session (give ``kind``, ``round=None`` and ``module=None`` for another kind)."""

    class Meta:
        model = Meeting

    module = factory.SubFactory(ModuleFactory)
    round = factory.SelfAttribute("module.round")
    trajectory = factory.SelfAttribute("round.trajectory")
    organisation = factory.SelfAttribute("trajectory.organisation")
    kind = MeetingKind.MODULE
    title = factory.SelfAttribute("module.title")
    part_of_day = PartOfDay.MORNING


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    round = factory.SubFactory(RoundFactory)
    organisation = factory.SelfAttribute("round.organisation")
    person = factory.SubFactory(PersonFactory, organisation=factory.SelfAttribute("..organisation"))
    status = Enrolment.Status.ENROLLED


class FormSubmissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FormSubmission

    token = factory.LazyFunction(uuid.uuid4)
    user = factory.SubFactory(UserFactory)


class InvitationFactory(factory.django.DjangoModelFactory):
    """A pending invitation (its token is not known: build links through the service)."""

    class Meta:
        model = Invitation

    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"uitgenodigd{n}@test.example")
    full_name = factory.Faker("name", locale="nl_NL")
    role = Role.PARTICIPANT
    token_hash = factory.Sequence(lambda n: f"{n:064x}")
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
