from __future__ import annotations

from django.apps import apps

from binnenuit.core.models import OrgScopedQuerySet
from binnenuit.organisations.models import Organisation


def test_every_organisation_owned_model_is_scoped():
    """Each model with an organisation FK has ``for_org``, so one filter scopes it."""
    unscoped = []
    for model in apps.get_models():
        fk = next(
            (
                f
                for f in model._meta.get_fields()
                if f.name == "organisation" and getattr(f, "related_model", None) is Organisation
            ),
            None,
        )
        if fk is not None and not isinstance(model.objects.all(), OrgScopedQuerySet):
            unscoped.append(model.__name__)
    assert not unscoped, f"models without OrgScopedQuerySet: {unscoped}"
