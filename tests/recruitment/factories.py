"""Factories for recruitment's models and the catalogue's selection criteria."""

from __future__ import annotations

import datetime
import secrets

import factory
from django.utils import timezone

from binnenuit.catalogue.models import ProgrammeTemplate, SelectionCriterion, Stage
from binnenuit.organisations.models import FunctionCategory
from binnenuit.recruitment.models import Application, Call, CallCriterion
from tests.factories import RoundFactory


class SelectionCriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SelectionCriterion

    template = factory.LazyFunction(
        lambda: ProgrammeTemplate.objects.get(status=ProgrammeTemplate.Status.PUBLISHED)
    )
    stage = Stage.ROUND_1
    position = factory.Sequence(lambda n: 100 + n)
    name = factory.Sequence(lambda n: f"Criterium {n}")
    description = "Een criterium om te oefenen."


class CallFactory(factory.django.DjangoModelFactory):
    """An open call, closing in two weeks."""

    class Meta:
        model = Call

    round = factory.SubFactory(RoundFactory)
    organisation = factory.SelfAttribute("round.organisation")
    text = "Meld je aan voor de training!"
    deadline = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=14))
    token = factory.LazyFunction(lambda: secrets.token_urlsafe(24))


class CallCriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CallCriterion

    call = factory.SubFactory(CallFactory)
    organisation = factory.SelfAttribute("call.organisation")
    position = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"Criterium {n}")
    description = "Een criterium om te oefenen."


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    call = factory.SubFactory(CallFactory)
    organisation = factory.SelfAttribute("call.organisation")
    full_name = factory.Faker("name", locale="nl_NL")
    email = factory.Sequence(lambda n: f"aanmelder{n}@test.example")
    job_title = "Beleidsmedewerker"
    function_category = FunctionCategory.POLICY
    department = "Samenleving"
    motivation = "Ik werk elke dag met inwoners en wil dat graag delen."
    consent_at = factory.LazyFunction(timezone.now)
