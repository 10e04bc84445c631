"""Input hygiene every form applies to every field (through ``core.forms.StyledFormMixin``)."""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# C0 controls but tab, line feed and carriage return; DEL and the C1 controls; and the
# bidirectional marks, embeddings, overrides and isolates that make "abc\u202egnp.exe" look
# like "abcexe.png".
INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def validate_plain_text(value: object) -> None:
    """Refuse control characters and bidirectional overrides in text typed by a user."""
    if isinstance(value, str) and INVISIBLE.search(value):
        raise ValidationError(
            _(
                "This text contains invisible control characters, which can make it show "
                "differently from what it says. Type it again without them."
            ),
            code="control_characters",
        )


EARLIEST = datetime.date(2000, 1, 1)
LATEST = datetime.date(2100, 12, 31)


@deconstructible
class SensibleDate:
    """A date between 2000 and 2100: year 1 or 9999 is a typing slip, never a plan."""

    def __call__(self, value: object) -> None:
        if isinstance(value, datetime.date) and not EARLIEST <= value <= LATEST:
            raise ValidationError(
                _("Choose a date between %(earliest)s and %(latest)s.")
                % {
                    "earliest": formats.date_format(EARLIEST, "j F Y"),
                    "latest": formats.date_format(LATEST, "j F Y"),
                },
                code="date_out_of_range",
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SensibleDate)

    def __hash__(self) -> int:
        return hash(SensibleDate)


validate_sensible_date = SensibleDate()
