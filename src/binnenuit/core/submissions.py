"""Forms whose submission counts once: a double click, a repeated POST or four identical
requests at the same moment make one row, and every repeat lands where the first went.

A form with ``OnceFormMixin`` carries a hidden one-time token. The view runs the service
through :func:`submit_once`, which records the token in the service's transaction: a second
request with the same token waits for the first and is then sent to the first one's result.
When the first is refused (a ServiceError), its token is not kept and the corrected form can
be sent again.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from binnenuit.core.exceptions import ServiceError
from binnenuit.core.models import FormSubmission

TOKEN_FIELD = "submission_token"  # noqa: S105 (a form field's name, not a secret)
EXPIRED = _("This form has expired. Check what you entered and send it again.")


class OnceFormMixin:
    """Adds the hidden one-time token; an unbound form gets a new one each time it is shown.

    A missing or broken token (an old page, a hand-made request) is refused on top of the
    form, where the user sees it, not beside a field they cannot see.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields[TOKEN_FIELD] = forms.UUIDField(  # type: ignore[attr-defined]
            widget=forms.HiddenInput,
            initial=uuid.uuid4,
            error_messages={"required": EXPIRED, "invalid": EXPIRED},
        )

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        errors = getattr(self, "_errors", None) or {}
        if TOKEN_FIELD in errors:
            del errors[TOKEN_FIELD]
            self.add_error(None, EXPIRED)  # type: ignore[attr-defined]
            # Shown again with a fresh token, so that sending it again works.
            self.data = self.data.copy()  # type: ignore[has-type]
            self.data[TOKEN_FIELD] = str(uuid.uuid4())


@dataclass(frozen=True)
class Submitted:
    url: str
    repeated: bool  # True when an earlier request with the same token did the work


def _expired() -> ServiceError:
    return ServiceError(EXPIRED)


def earlier_submission(user: Any, token: object) -> str | None:
    """Where an earlier submission of this user with this token went, if there was one."""
    try:
        token = uuid.UUID(str(token))
    except ValueError:
        return None
    record = FormSubmission.objects.filter(token=token).values_list("user_id", "result_url")
    found = record.first()
    if found is None or found[0] != getattr(user, "pk", None):
        return None
    return found[1]


def submit_once(user: Any, token: uuid.UUID, run: Callable[[], str]) -> Submitted:
    """Run ``run`` (the service call; it returns the URL to go to) once per token.

    Another user's token is refused as an expired form: its result is not theirs to see.
    """
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = FormSubmission.objects.create(token=token, user=user)
        except IntegrityError:
            earlier = earlier_submission(user, token)
            if earlier is None:
                raise _expired() from None
            return Submitted(url=earlier, repeated=True)
        url = run()
        record.result_url = url[:500]
        record.save(update_fields=["result_url"])
        return Submitted(url=url, repeated=False)
