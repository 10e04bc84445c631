"""Applications in the privacy register: exported and erased with their applicant."""

from __future__ import annotations

import pytest

from binnenuit.core.privacy import REGISTER, Category
from binnenuit.privacy import services as privacy_services
from binnenuit.recruitment.models import Application, Decision
from binnenuit.recruitment.services import application_decide
from tests.recruitment.conftest import apply, open_call, plan

pytestmark = pytest.mark.django_db


def test_every_application_field_is_classified_with_a_purpose_and_retention():
    declaration = REGISTER["recruitment.Application"]
    assert declaration.personal_fields["motivation"] == Category.FREE_TEXT
    assert declaration.personal_fields["email"] == Category.IDENTIFYING
    assert declaration.personal_fields["availability"] == Category.HR
    assert "zes maanden" in str(declaration.retention) or "six months" in str(declaration.retention)
    assert "recruitment.Call" in REGISTER and "recruitment.CallCriterion" in REGISTER
    assert "catalogue.SelectionCriterion" in REGISTER


def test_an_employees_export_holds_their_applications(world, call):
    person = world.person(email="sanne@test.example", full_name="Sanne Smit")
    apply(call, email="sanne@test.example", full_name="Sanne Smit", motivation="Mijn verhaal.")
    exported = privacy_services.subject_export(by=world.actor("project_leader"), person=person)
    text = str(exported)
    assert "Mijn verhaal." in text


def test_erasing_an_employee_anonymises_their_applications(world, call):
    plan(world.round_1, 10)
    application = apply(call, motivation="Iets persoonlijks over mij.")
    application_decide(
        by=world.actor("project_leader"), application=application, decision=Decision.SELECTED
    )
    application.refresh_from_db()
    second = apply(open_call(world, world.round_2), motivation="Ook persoonlijk.")
    person = application.person
    privacy_services.subject_erase(by=world.actor("project_leader"), person=person)
    for row in (application, second):
        row.refresh_from_db()
        assert row.motivation == ""
        assert row.full_name.startswith("Geanonimiseerde medewerker")
        assert row.email.endswith("@geanonimiseerd.invalid")
        assert row.availability == {} and row.criteria_met == []
    # The decision stays, so the call keeps its numbers.
    assert Application.objects.get(pk=application.pk).decision == Decision.SELECTED
