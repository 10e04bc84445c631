from __future__ import annotations

from django.db.models import QuerySet

from binnenuit.core.access import Actor, fetch
from binnenuit.organisations.models import Organisation, Person


def person_for(actor: Actor, pk: int, action: str = "people.manage") -> Person:
    return fetch(Person, actor, action, pk=pk)


def person_list(*, actor: Actor, search: str = "") -> QuerySet[Person]:
    return Person.objects.visible_to(actor).search(search).select_related("line_manager")


def line_manager_choices(*, organisation: Organisation) -> QuerySet[Person]:
    return Person.objects.for_org(organisation).only("pk", "full_name")


def person_email_taken(*, organisation: Organisation, email: str, exclude_pk: int | None) -> bool:
    qs = Person.objects.for_org(organisation).filter(email=email)
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    return qs.exists()
