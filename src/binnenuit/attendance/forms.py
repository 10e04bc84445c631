from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from binnenuit.attendance.completion import DEFAULT_MINIMUMS
from binnenuit.attendance.services import MARKS
from binnenuit.core.forms import StyledFormMixin
from binnenuit.organisations.models import Person
from binnenuit.trajectories.models import AbsenceReason, Round

NOT_ON_LIST = _("This employee is not on the list of this meeting.")


class MarkForm(forms.Form):
    """One tap at the door: who, and present, late or absent (with a reason).

    Not styled: the page draws it as buttons, one form per attendee.
    """

    person = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        error_messages={"required": NOT_ON_LIST, "invalid_choice": NOT_ON_LIST},
    )
    status = forms.ChoiceField(
        choices=[(s.value, s.label) for s in MARKS],
        error_messages={
            "required": _("Choose present, late or absent."),
            "invalid_choice": _("Choose present, late or absent."),
        },
    )
    reason = forms.ChoiceField(
        choices=[("", "")] + list(AbsenceReason.choices),
        required=False,
        error_messages={"invalid_choice": _("Choose sick, leave or other as the reason.")},
    )

    def __init__(self, *args: Any, people: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        person = self.fields["person"]
        assert isinstance(person, forms.ModelChoiceField)  # noqa: S101  (narrows the type)
        person.queryset = people

    def messages(self) -> list[str]:
        return [str(e) for errors in self.errors.values() for e in errors]


class WholeNumberInput(forms.NumberInput):
    """An ``<input type=number>`` that does not show back what is not a number (as browsers
    do), so the page stays valid HTML."""

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, str) and not value.strip().removeprefix("-").isdigit():
            return None
        shown: str | None = super().format_value(value)
        return shown


class CompletionRuleForm(StyledFormMixin, forms.Form):
    """Per round of a trajectory: how many modules make it complete (empty: the default).

    A round's field is named by its stage ("round_1"), the name the service's messages carry.
    """

    def __init__(
        self, *args: Any, rounds: list[Round], modules: dict[int, int], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        for round_ in rounds:
            count = modules.get(round_.pk, 0)
            default = min(DEFAULT_MINIMUMS.get(round_.stage, count), count)
            self.fields[round_.stage] = forms.IntegerField(
                label=_("%(round)s: modules to follow") % {"round": round_.label},
                required=False,
                min_value=1,
                max_value=max(count, 1),
                initial=round_.completion_minimum,
                widget=WholeNumberInput(attrs={"inputmode": "numeric"}),
                help_text=_(
                    "Of its %(count)s modules. Empty: the programme's default, %(default)s."
                )
                % {"count": count, "default": default},
                error_messages={
                    "invalid": _("Enter a whole number."),
                    "min_value": _("Choose a number from 1 to %(count)s, the round's modules.")
                    % {"count": count},
                    "max_value": _("Choose a number from 1 to %(count)s, the round's modules.")
                    % {"count": count},
                },
            )
        for field in self.fields.values():  # StyledFormMixin ran before these fields existed
            field.widget.attrs.setdefault("class", "utrecht-textbox utrecht-textbox--html-input")

    def minimums(self) -> dict[str, int | None]:
        return {name: self.cleaned_data.get(name) for name in self.fields}
