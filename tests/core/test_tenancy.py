"""Every organisation-owned row is scoped, and its organisation agrees with what it points at."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import models
from django.db.models import F

from binnenuit.core.models import OrgScopedQuerySet
from binnenuit.organisations.models import Organisation


def organisation_owned_models() -> list[type[models.Model]]:
    return [
        model
        for model in apps.get_models()
        if any(
            f.name == "organisation" and getattr(f, "related_model", None) is Organisation
            for f in model._meta.get_fields()
        )
    ]


def test_every_organisation_owned_model_is_scoped():
    """Each model with an organisation FK has ``for_org`` and ``visible_to``."""
    unscoped = [
        model.__name__
        for model in organisation_owned_models()
        if not isinstance(model._default_manager.all(), OrgScopedQuerySet)
    ]
    assert not unscoped, f"models without OrgScopedQuerySet: {unscoped}"


def test_organisations_are_never_deleted_by_cascade():
    cascading = [
        f"{model.__name__}.organisation"
        for model in organisation_owned_models()
        if model._meta.get_field("organisation").remote_field.on_delete is not models.PROTECT
    ]
    assert not cascading, f"organisation keys that are not PROTECT: {cascading}"


def tenant_links(model: type[models.Model]) -> list[str]:
    """The model's foreign keys to other organisation-owned models."""
    owned = set(organisation_owned_models())
    return [
        f.name
        for f in model._meta.get_fields()
        if isinstance(f, models.ForeignKey)
        and f.name != "organisation"
        and f.related_model in owned
    ]


def disagreements() -> list[str]:
    found = []
    for model in organisation_owned_models():
        for link in tenant_links(model):
            rows = model._default_manager.filter(**{f"{link}__isnull": False}).exclude(
                organisation=F(f"{link}__organisation")
            )
            found += [f"{model.__name__} {pk}: {link}" for pk in rows.values_list("pk", flat=True)]
    return found


@pytest.mark.django_db
def test_tenant_keys_agree_across_rows_in_the_world(world):
    """An enrolment's organisation is its round's, a meeting's its trajectory's, and so on."""
    world.person(line_manager=world.people["manager"])
    assert not disagreements()


@pytest.mark.django_db
def test_tenant_keys_agree_across_rows_in_the_demo(demo):
    assert not disagreements()


@pytest.mark.django_db
def test_the_check_finds_a_row_whose_organisation_disagrees(world):
    """The check itself works: a meeting moved to another organisation is reported."""
    meeting = world.trajectory.meetings.first()
    type(meeting).objects.filter(pk=meeting.pk).update(organisation=world.other_org)
    assert f"Meeting {meeting.pk}: trajectory" in disagreements()


def test_every_tenant_link_is_checked():
    """The models that point at other tenant rows, as the check sees them (so it cannot
    silently check nothing)."""
    links = {m.__name__: tenant_links(m) for m in organisation_owned_models()}
    assert links["Enrolment"] == ["round", "person"]
    assert set(links["Meeting"]) == {"trajectory", "round", "module", "location"}
    assert links["Person"] == ["line_manager"]
