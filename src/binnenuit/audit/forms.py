from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from binnenuit.audit.selectors import TRAIL_KINDS


class TrailFilterForm(forms.Form):
    """The trail's filter: one kind of event, or all."""

    soort = forms.ChoiceField(
        label=_("Kind of event"),
        required=False,
        choices=[("", _("All events")), *((k.value, k.label) for k in TRAIL_KINDS)],
    )

    def kind(self) -> str:
        """The kind chosen; an unknown one shows everything."""
        return str(self.cleaned_data["soort"]) if self.is_valid() else ""
