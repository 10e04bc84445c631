"""The organisation services called directly, as the API and other apps call them: each takes
the acting Actor as ``by=`` and refuses with a ServiceError (beside the fields it names) or
PermissionDenied."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from binnenuit.core.exceptions import ServiceError
from binnenuit.organisations import services
from binnenuit.organisations.models import FunctionCategory, Membership, Organisation, Person, Role
from binnenuit.trajectories.models import Enrolment, Meeting, Module, Round, Trajectory
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

EMAIL_TAKEN = "Een andere medewerker van deze organisatie heeft dit e-mailadres al."
BAD_CBS_CODE = "Vul een CBS-gemeentecode in: GM gevolgd door vier cijfers, bijvoorbeeld GM0163."
NOT_ORGANISERS = ("manager", "trainer", "participant")


def person_fields(person: Person, **changes: object) -> dict[str, object]:
    """Every field person_update takes, as the person has them now, with ``changes``."""
    fields: dict[str, object] = {
        "full_name": person.full_name,
        "email": person.email,
        "job_title": person.job_title,
        "function_category": person.function_category,
        "department": person.department,
        "team": person.team,
        "line_manager": person.line_manager,
    }
    fields.update(changes)
    return fields


def organisation_fields(org: Organisation, **changes: object) -> dict[str, object]:
    fields: dict[str, object] = {
        "name": org.name,
        "cbs_code": org.cbs_code,
        "brand_colour": org.brand_colour,
        "logo": None,
    }
    fields.update(changes)
    return fields


# --- person_create and person_update ------------------------------------------------------


@pytest.mark.parametrize("role", ["adviser", "project_leader"])
def test_an_organiser_adds_an_employee(world, role):
    person = services.person_create(
        by=world.actor(role),
        full_name="Joyce Vermeer",
        email="Joyce.Vermeer@Testdorp.example",
        function_category=FunctionCategory.FIELD_SERVICE,
        line_manager=world.people["manager"],
    )
    person.refresh_from_db()
    assert person.organisation == world.org
    assert person.email == "joyce.vermeer@testdorp.example"
    assert person.line_manager == world.people["manager"]


def test_person_create_refuses_an_email_address_taken_in_the_organisation(world):
    taken = world.people["trainer"].email
    with pytest.raises(ServiceError) as refused:
        services.person_create(
            by=world.actor("project_leader"), full_name="Tweede Trainer", email=taken.upper()
        )
    assert refused.value.field_errors["email"] == [EMAIL_TAKEN]
    assert Person.objects.for_org(world.org).filter(email=taken).count() == 1


def test_person_create_refuses_a_malformed_email_address(world):
    with pytest.raises(ServiceError) as refused:
        services.person_create(
            by=world.actor("project_leader"), full_name="Joyce Vermeer", email="geen-adres"
        )
    assert refused.value.field_errors["email"] == ["Voer een geldig e-mailadres in."]
    assert not Person.objects.filter(full_name="Joyce Vermeer").exists()


def test_person_create_refuses_an_employee_without_a_name(world):
    with pytest.raises(ServiceError) as refused:
        services.person_create(by=world.actor("project_leader"), full_name="")
    assert refused.value.field_errors["full_name"] == ["Dit veld kan niet leeg zijn"]


def test_person_create_refuses_a_line_manager_of_another_organisation(world):
    foreign = PersonFactory(organisation=world.other_org)
    with pytest.raises(ServiceError) as refused:
        services.person_create(
            by=world.actor("project_leader"), full_name="Joyce Vermeer", line_manager=foreign
        )
    assert refused.value.field_errors["line_manager"] == [
        "De leidinggevende moet bij dezelfde organisatie werken."
    ]
    assert not Person.objects.filter(full_name="Joyce Vermeer").exists()


def test_person_update_refuses_an_email_address_taken_in_the_organisation(world):
    person = world.person()
    taken = world.people["manager"].email
    with pytest.raises(ServiceError) as refused:
        services.person_update(
            by=world.actor("project_leader"), person=person, **person_fields(person, email=taken)
        )
    assert refused.value.field_errors["email"] == [EMAIL_TAKEN]
    assert Person.objects.get(pk=person.pk).email != taken


def test_person_update_refuses_the_employee_as_their_own_line_manager(world):
    person = world.person()
    with pytest.raises(ServiceError) as refused:
        services.person_update(
            by=world.actor("project_leader"),
            person=person,
            **person_fields(person, line_manager=person),
        )
    assert refused.value.field_errors["line_manager"] == [
        "Een medewerker kan niet zijn of haar eigen leidinggevende zijn."
    ]
    assert Person.objects.get(pk=person.pk).line_manager is None


def test_person_update_refuses_a_loop_in_the_line(world):
    director = world.person(full_name="Marjolein de Wit")
    below = world.person(full_name="Ben Jansen", line_manager=director)
    with pytest.raises(ServiceError) as refused:
        services.person_update(
            by=world.actor("project_leader"),
            person=director,
            **person_fields(director, line_manager=below),
        )
    assert refused.value.field_errors["line_manager"] == [
        "Ben Jansen valt (direct of via anderen) onder deze medewerker en kan dus niet de "
        "leidinggevende zijn."
    ]
    assert Person.objects.get(pk=director.pk).line_manager is None


def test_person_update_saves_the_given_fields(world):
    person = world.person(full_name="Ben Jansen")
    services.person_update(
        by=world.actor("project_leader"),
        person=person,
        **person_fields(person, full_name="Benjamin Jansen", team="Centrum"),
    )
    person.refresh_from_db()
    assert (person.full_name, person.team) == ("Benjamin Jansen", "Centrum")


@pytest.mark.parametrize("role", NOT_ORGANISERS)
def test_a_role_without_people_manage_cannot_add_an_employee(world, role):
    with pytest.raises(PermissionDenied):
        services.person_create(by=world.actor(role), full_name="Joyce Vermeer")
    assert not Person.objects.filter(full_name="Joyce Vermeer").exists()


@pytest.mark.parametrize("role", NOT_ORGANISERS)
def test_a_role_without_people_manage_cannot_change_an_employee(world, role):
    person = world.person(full_name="Ben Jansen")
    with pytest.raises(PermissionDenied):
        services.person_update(
            by=world.actor(role), person=person, **person_fields(person, full_name="Iemand")
        )
    assert Person.objects.get(pk=person.pk).full_name == "Ben Jansen"


def test_another_organisations_employee_cannot_be_changed(world):
    foreign = PersonFactory(organisation=world.other_org, full_name="Iemand Elders")
    with pytest.raises(PermissionDenied):
        services.person_update(
            by=world.actor("project_leader"),
            person=foreign,
            **person_fields(foreign, full_name="Overgenomen"),
        )
    assert Person.objects.get(pk=foreign.pk).full_name == "Iemand Elders"


# --- organisation_create and organisation_update ------------------------------------------


def test_provider_staff_create_an_organisation_and_advise_it(world):
    org = services.organisation_create(
        by=world.outside("adviser"), name="Gemeente Hellendoorn", cbs_code="GM0163"
    )
    assert org.slug == "hellendoorn"
    assert Membership.objects.get(organisation=org).user == world.users["adviser"]
    assert Membership.objects.get(organisation=org).role == Role.ADVISER


@pytest.mark.parametrize(
    "actor",
    [
        pytest.param(lambda w: w.outside("project_leader"), id="project leader outside"),
        pytest.param(lambda w: w.actor("project_leader"), id="project leader inside"),
        pytest.param(lambda w: w.actor("manager"), id="manager"),
        pytest.param(lambda w: w.outside("outsider"), id="outsider"),
    ],
)
def test_only_provider_staff_create_an_organisation(world, actor):
    before = Organisation.objects.count()
    with pytest.raises(PermissionDenied):
        services.organisation_create(
            by=actor(world), name="Gemeente Hellendoorn", cbs_code="GM0163"
        )
    assert Organisation.objects.count() == before


def test_organisation_create_refuses_a_cbs_code_in_use(world):
    with pytest.raises(ServiceError) as refused:
        services.organisation_create(
            by=world.outside("adviser"), name="Tweede Testdorp", cbs_code=world.org.cbs_code
        )
    assert refused.value.field_errors["cbs_code"] == [
        "Er bestaat al een organisatie met deze CBS-code."
    ]
    assert not Organisation.objects.filter(name="Tweede Testdorp").exists()


def test_organisation_create_refuses_a_malformed_cbs_code(world):
    with pytest.raises(ServiceError) as refused:
        services.organisation_create(
            by=world.outside("adviser"), name="Gemeente Nergens", cbs_code="GM163"
        )
    assert refused.value.field_errors["cbs_code"] == [BAD_CBS_CODE]
    assert not Organisation.objects.filter(name="Gemeente Nergens").exists()


def test_organisation_create_refuses_a_too_light_brand_colour(world):
    with pytest.raises(ServiceError) as refused:
        services.organisation_create(
            by=world.outside("adviser"),
            name="Gemeente Hellendoorn",
            cbs_code="GM0163",
            brand_colour="#ffee88",
        )
    assert refused.value.field_errors["brand_colour"] == [
        "Deze kleur is te licht voor witte tekst (contrast 1,1:1, minstens 4,5:1 is nodig). "
        "Kies een donkerdere kleur."
    ]
    assert not Organisation.objects.filter(cbs_code="GM0163").exists()


def test_organisation_update_refuses_a_file_that_is_not_an_image(world):
    fake = SimpleUploadedFile("logo.png", b"just text, not an image", content_type="image/png")
    with pytest.raises(ServiceError) as refused:
        services.organisation_update(
            by=world.actor("project_leader"),
            organisation=world.org,
            **organisation_fields(world.org, logo=fake),
        )
    assert refused.value.field_errors["logo"] == [
        "Dit bestand is geen PNG-, JPEG- of WebP-afbeelding. Kies een afbeelding."
    ]
    assert not Organisation.objects.get(pk=world.org.pk).logo


@pytest.mark.parametrize("role", NOT_ORGANISERS)
def test_a_role_without_organisation_edit_cannot_change_it(world, role):
    with pytest.raises(PermissionDenied):
        services.organisation_update(
            by=world.actor(role),
            organisation=world.org,
            **organisation_fields(world.org, name="Gemeente Anders"),
        )
    assert Organisation.objects.get(pk=world.org.pk).name == "Gemeente Testdorp"


def test_another_organisation_cannot_be_changed(world):
    with pytest.raises(PermissionDenied):
        services.organisation_update(
            by=world.actor("project_leader"),
            organisation=world.other_org,
            **organisation_fields(world.other_org, name="Overgenomen"),
        )
    assert Organisation.objects.get(pk=world.other_org.pk).name == "Gemeente Elders"


# --- organisation_archive and organisation_restore ----------------------------------------

KEPT = (Membership, Person, Trajectory, Round, Module, Meeting, Enrolment)


def rows_of(org: Organisation) -> dict[str, int]:
    return {m.__name__: m._default_manager.filter(organisation=org).count() for m in KEPT}


def test_archive_and_restore_keep_every_row(world):
    world.person(line_manager=world.people["manager"])
    before, elsewhere = rows_of(world.org), rows_of(world.other_org)
    assert all(before.values()), before  # the world has rows of every kind to keep
    adviser = world.actor("adviser")

    archived = services.organisation_archive(by=adviser, organisation=world.org)
    assert Organisation.objects.get(pk=world.org.pk).archived_at == archived.archived_at
    assert archived.archived_at is not None
    assert rows_of(world.org) == before

    services.organisation_restore(by=adviser, organisation=world.org)
    assert Organisation.objects.get(pk=world.org.pk).archived_at is None
    assert rows_of(world.org) == before
    assert rows_of(world.other_org) == elsewhere


def test_archiving_twice_keeps_the_first_moment(world):
    adviser = world.actor("adviser")
    first = services.organisation_archive(by=adviser, organisation=world.org).archived_at
    services.organisation_archive(by=adviser, organisation=world.org)
    assert Organisation.objects.get(pk=world.org.pk).archived_at == first


@pytest.mark.parametrize("role", ["project_leader", *NOT_ORGANISERS])
def test_only_an_adviser_archives(world, role):
    with pytest.raises(PermissionDenied):
        services.organisation_archive(by=world.actor(role), organisation=world.org)
    assert not Organisation.objects.get(pk=world.org.pk).is_archived


@pytest.mark.parametrize("role", ["project_leader", *NOT_ORGANISERS])
def test_only_an_adviser_restores(world, role):
    actor = world.actor(role)  # taken before the archive hides the organisation from them
    services.organisation_archive(by=world.actor("adviser"), organisation=world.org)
    with pytest.raises(PermissionDenied):
        services.organisation_restore(by=actor, organisation=world.org)
    assert Organisation.objects.get(pk=world.org.pk).is_archived


def test_an_adviser_cannot_archive_an_organisation_they_do_not_advise(world):
    with pytest.raises(PermissionDenied):
        services.organisation_archive(by=world.actor("adviser"), organisation=world.other_org)
    assert not Organisation.objects.get(pk=world.other_org.pk).is_archived
