"""The privacy register covers every field of every model, and says nothing stale.

Every concrete field (foreign keys included) and every many-to-many field of every installed
model is in the register, with a personal-data category or ``NOT_PERSONAL``. An auto-created
primary key (``id``) may be left out: it is a row's number and never personal data. Django's
own bookkeeping (content types, permissions and groups, the migrations table) is left out;
auto-created many-to-many tables are covered by their field.
"""

from __future__ import annotations

import datetime

import pytest
from django.apps import apps
from django.db import models

from binnenuit.accounts.models import User
from binnenuit.core.privacy import REGISTER, Erase, Subject, pending_extensions
from binnenuit.organisations.models import Person
from binnenuit.privacy.anonymise import KEEP, anonymous_value, fields_to_anonymise
from binnenuit.privacy.selectors import AUDIT_LOG, people_declarations, subject_target

BOOKKEEPING = {"contenttypes.ContentType", "auth.Permission", "auth.Group"}


def classified_models() -> list[type[models.Model]]:
    return [
        model
        for model in apps.get_models()
        if model._meta.label not in BOOKKEEPING and not model._meta.auto_created
    ]


def required_fields(model: type[models.Model]) -> set[str]:
    names = set()
    for field in model._meta.get_fields():
        if field.auto_created and not field.concrete:
            continue  # a reverse relation: declared on the other side
        if field.primary_key and field.auto_created:
            continue
        if field.concrete or field.many_to_many:
            names.add(field.name)
    return names


def test_every_field_of_every_model_is_classified():
    missing = []
    for model in classified_models():
        declaration = REGISTER.get(model._meta.label)
        if declaration is None:
            missing.append(f"{model._meta.label} (the whole model)")
            continue
        missing += [
            f"{model._meta.label}.{name}"
            for name in sorted(required_fields(model) - set(declaration.fields))
        ]
    assert not missing, (
        "Fields nobody classified in the privacy register (declare them in the app's "
        "privacy.py, see binnenuit.core.privacy):\n  " + "\n  ".join(missing)
    )


def test_the_register_names_only_models_and_fields_that_exist():
    stale = []
    for label, declaration in REGISTER.items():
        try:
            model = apps.get_model(label)
        except LookupError:
            stale.append(f"{label} (no such model)")
            continue
        existing = {f.name for f in model._meta.get_fields() if f.concrete or f.many_to_many}
        stale += [f"{label}.{name}" for name in sorted(set(declaration.fields) - existing)]
        stale += [f"{label}.{name} (hidden)" for name in sorted(declaration.hidden - existing)]
        stale += [
            f"{label}.{name} (anonymise)" for name in sorted(set(declaration.anonymise) - existing)
        ]
    stale += [f"{label} (extended, never declared)" for label in pending_extensions()]
    assert not stale, "The privacy register names what does not exist:\n  " + "\n  ".join(stale)


def test_every_subject_path_leads_to_an_employee_a_login_or_an_address():
    wrong = []
    for declaration in people_declarations():
        if declaration.subject is None:
            continue
        target = subject_target(apps.get_model(declaration.model), declaration.subject)
        if not (
            target in (Person, User) or isinstance(target, (models.CharField, models.TextField))
        ):
            wrong.append(f"{declaration.model}: {declaration.subject} → {target}")
    assert not wrong, "\n".join(wrong)


def test_the_audit_log_is_in_the_register_and_read_through_it():
    """Its fields are classified like any model's (the classification test); erasure and
    export read its entries through the rows they are about, not as rows of a person."""
    assert apps.get_model(AUDIT_LOG) in classified_models()
    assert AUDIT_LOG not in {d.model for d in people_declarations()}


def test_every_personal_field_about_a_person_can_be_anonymised():
    """Erasure knows an anonymous value for each, and it differs from a typical value."""
    now = datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC)
    unknown = []
    for declaration in people_declarations():
        if declaration.erase == Erase.DELETE:
            continue
        model = apps.get_model(declaration.model)
        row = model(pk=1)
        for field in fields_to_anonymise(declaration, model):
            if field.many_to_many:
                continue
            try:
                value = anonymous_value(declaration, field, row, Subject(number=1), now)
            except Exception as error:  # noqa: BLE001 (reported below)
                unknown.append(f"{declaration.model}.{field.name}: {error}")
                continue
            if value is KEEP and field.name in declaration.personal_fields:
                unknown.append(f"{declaration.model}.{field.name} keeps its value")
    assert not unknown, "\n".join(unknown)


@pytest.mark.parametrize("label", sorted(REGISTER))
def test_each_declaration_has_a_purpose(label):
    assert str(REGISTER[label].purpose).strip(), f"{label} says nothing about why"


def test_an_app_can_classify_fields_it_adds_to_another_apps_model():
    """``extend`` adds fields to a declaration, whichever of the two runs first."""
    from binnenuit.core import privacy

    try:
        privacy.extend("tests.Early", fields={"nickname": privacy.Category.IDENTIFYING})
        assert pending_extensions() == {"tests.Early": ["nickname"]}
        privacy.declare("tests.Early", fields={"id": None}, purpose="x")
        assert dict(REGISTER["tests.Early"].fields) == {
            "id": None,
            "nickname": privacy.Category.IDENTIFYING,
        }
        privacy.extend("tests.Early", fields={"notes": privacy.Category.FREE_TEXT})
        assert "notes" in REGISTER["tests.Early"].fields
        with pytest.raises(KeyError, match="notes"):
            privacy.extend("tests.Early", fields={"notes": None})
        with pytest.raises(KeyError, match="already"):
            privacy.declare("tests.Early", fields={}, purpose="x")
    finally:
        REGISTER.pop("tests.Early", None)
        privacy._EXTENSIONS.pop("tests.Early", None)
    assert not pending_extensions()
