"""Export (AVG art. 15 and 20): every declared field of every row about the person, with the
audit entries about those rows, as plain data that JSON writes as it is."""

from __future__ import annotations

import json

import pytest
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied

from binnenuit.core.access import actor_outside
from binnenuit.core.privacy import REGISTER
from binnenuit.privacy import services
from binnenuit.privacy.selectors import everything_about, subject_for_person
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory
from tests.privacy.conftest import EMAIL, NAME


@pytest.mark.django_db
def test_the_export_holds_every_declared_field_of_every_row_about_them(world, subject):
    export = services.subject_export(by=world.actor("project_leader"), person=subject.person)
    text = json.dumps(export)  # plain data: JSON takes it as it is

    records = {r["model"]: r for r in export["records"]}
    for found in everything_about(subject_for_person(subject.person)):
        record = records[found.model._meta.label_lower]
        assert record["purpose"] and record["retention"]
        hidden_key = found.model._meta.pk.name in found.declaration.hidden
        expected = [None if hidden_key else row.pk for row in found.rows]
        assert [row["id"] for row in record["rows"]] == expected
        for row in record["rows"]:
            assert set(row["fields"]) == set(found.declaration.fields)
            for name, value in row["fields"].items():
                category = found.declaration.fields[name]
                assert value["category"] == (category.value if category else None)
    person = records["organisations.person"]["rows"][0]["fields"]
    assert person["full_name"]["value"] == NAME
    assert person["email"]["category"] == "identifying"
    assert person["line_manager"]["text"] == world.people["manager"].full_name
    assert person["function_category"]["text"] == "Beleid"
    assert records["accounts.user"]["rows"][0]["fields"]["email"]["value"] == EMAIL
    assert len(records["trajectories.enrolment"]["rows"]) == 1
    assert subject.person.organisation.name == export["subject"]["organisation"]
    assert "Telefoon van Zwaantje" in text


@pytest.mark.django_db
def test_secrets_are_named_but_never_shown(world, subject):
    export = services.subject_export(by=world.actor("project_leader"), person=subject.person)
    text = json.dumps(export)
    records = {r["model"]: r for r in export["records"]}
    password = records["accounts.user"]["rows"][0]["fields"]["password"]
    assert password["value"] is None and password["text"] == "(opgeslagen, niet getoond)"
    assert subject.user.password not in text
    assert "zw4an7je" not in text  # the recovery code
    session = records["sessions.session"]["rows"][0]
    assert session["fields"]["session_key"]["value"] is None and session["id"] is None
    for key in Session.objects.values_list("session_key", flat=True):
        assert key not in text


@pytest.mark.django_db
def test_each_row_comes_with_the_audit_entries_about_it(world, subject):
    export = services.subject_export(by=world.actor("project_leader"), person=subject.person)
    records = {r["model"]: r for r in export["records"]}
    entries = records["organisations.person"]["rows"][0]["audit"]
    assert entries, "her record's creation is on the trail"
    created = entries[0]
    assert created["changes"]["full_name"]["after"] == NAME
    assert created["changes"]["line_manager"]["after"] == world.people["manager"].full_name
    assert "remote_addr" not in json.dumps(entries)


@pytest.mark.django_db
def test_an_organisation_exports_only_its_own_rows(world, subject):
    elsewhere = OrganisationFactory(name="Gemeente Anderland")
    MembershipFactory(organisation=elsewhere, user=subject.user)
    PersonFactory(organisation=elsewhere, user=subject.user, email=EMAIL, job_title="Elders")

    export = services.subject_export(by=world.actor("project_leader"), person=subject.person)
    text = json.dumps(export)
    assert "Anderland" not in text and "Elders" not in text
    records = {r["model"] for r in export["records"]}
    # Her login is another organisation's too: not this organisation's to hand out.
    assert "accounts.user" not in records and "sessions.session" not in records
    assert "organisations.person" in records


@pytest.mark.django_db
def test_my_data_holds_every_organisation(world, subject):
    elsewhere = OrganisationFactory(name="Gemeente Anderland")
    MembershipFactory(organisation=elsewhere, user=subject.user)
    PersonFactory(organisation=elsewhere, user=subject.user, email=EMAIL, job_title="Elders")

    export = services.own_export(by=actor_outside(subject.user))
    records = {r["model"]: r for r in export["records"]}
    assert len(records["organisations.person"]["rows"]) == 2
    assert len(records["organisations.membership"]["rows"]) == 2
    assert records["accounts.user"]["rows"][0]["fields"]["full_name"]["value"] == NAME


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["manager", "trainer", "participant", "outsider"])
def test_only_the_organisations_organisers_export(world, subject, role):
    with pytest.raises(PermissionDenied):
        services.subject_export(by=world.actor(role), person=subject.person)


def test_every_model_about_people_is_exported():
    """Nothing a declaration finds is left out of the export: it reads the same register."""
    assert {d.model for d in REGISTER.values() if d.is_about_people} - {"auditlog.LogEntry"}
