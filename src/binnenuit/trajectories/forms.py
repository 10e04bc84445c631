from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from binnenuit.catalogue.models import Theme
from binnenuit.core.forms import DateInput, StyledFormMixin, TimeInput, form_field
from binnenuit.core.submissions import OnceFormMixin
from binnenuit.organisations.models import Person
from binnenuit.trajectories.models import Meeting, Module, Phase, Trajectory


class TrajectoryStartForm(OnceFormMixin, StyledFormMixin, forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=150,
        error_messages={"required": _("Give the trajectory a name.")},
    )
    starts_on = forms.DateField(
        label=_("Start date"),
        required=False,
        widget=DateInput(),
        help_text=_("Optional: when the preparation starts."),
    )


class ThemeChoiceForm(StyledFormMixin, forms.Form):
    """One select per round-2 theme slot, limited to the trajectory's own catalogue version.

    A slot's field is named ``module_<id>``, the name the service's messages carry.
    """

    def __init__(self, *args: Any, trajectory: Trajectory, slots: list[Module], **kwargs: Any):
        super().__init__(*args, **kwargs)
        themes = Theme.objects.filter(template_id=trajectory.template_id)
        self.slots = slots
        for slot in slots:
            self.fields[f"module_{slot.pk}"] = forms.ModelChoiceField(
                queryset=themes,
                required=False,
                label=_("Module %(position)s") % {"position": slot.position},
                empty_label=_("— not chosen yet —"),
                initial=slot.theme_id,
                error_messages={"invalid_choice": _("Choose a theme from the catalogue.")},
            )
        for field in self.fields.values():  # StyledFormMixin ran before these fields existed
            field.widget.attrs.setdefault("class", "utrecht-select utrecht-select--html-select")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        seen: set[int] = set()
        for name, theme in list(cleaned.items()):
            if theme is None:
                continue
            if theme.pk in seen:  # the message goes beside the second choice of the same theme
                self.add_error(name, _("Choose each theme only once."))
            seen.add(theme.pk)
        return cleaned

    def choices(self) -> dict[int, Theme | None]:
        return {slot.pk: self.cleaned_data.get(f"module_{slot.pk}") for slot in self.slots}


class MeetingForm(StyledFormMixin, forms.ModelForm[Meeting]):
    """Plan a meeting. The facilitators to choose from are the trajectory's round-1 people
    (the trainers) and whoever facilitates already; the advisers are the organisation's."""

    override_reason = forms.CharField(
        label=_("Reason to plan it anyway"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Only when the plan has a conflict that you accept, for example a bigger room."
        ),
    )

    class Meta:
        model = Meeting
        fields = [
            "date",
            "part_of_day",
            "starts_at_time",
            "ends_at_time",
            "location",
            "facilitators",
            "advisers",
        ]
        widgets = {
            "date": DateInput(),
            "starts_at_time": TimeInput(),
            "ends_at_time": TimeInput(),
            "facilitators": forms.CheckboxSelectMultiple(),
            "advisers": forms.CheckboxSelectMultiple(),
        }
        error_messages = {
            "starts_at_time": {"invalid": _("Enter a time like 09:00.")},
            "ends_at_time": {"invalid": _("Enter a time like 09:00.")},
            "location": {
                "invalid_choice": _("Choose one of this organisation's locations."),
            },
            "facilitators": {
                "invalid_choice": _("Choose facilitators from this trajectory's trainers."),
            },
            "advisers": {"invalid_choice": _("Choose advisers of this organisation.")},
        }

    def __init__(
        self, *args: Any, facilitators: Any, advisers: Any, locations: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "location", forms.ModelChoiceField).queryset = locations
        form_field(self, "location", forms.ModelChoiceField).empty_label = _("— no location yet —")
        form_field(self, "facilitators", forms.ModelMultipleChoiceField).queryset = facilitators
        form_field(self, "advisers", forms.ModelMultipleChoiceField).queryset = advisers
        self.fields["facilitators"].help_text = _(
            "In round 2, a team of trainers from round 1 leads each module."
        )
        self.fields["advisers"].help_text = _(
            "Advisers lead round 1 and the preparation, and coach the trainers in round 2."
        )
        for name in ("facilitators", "advisers"):
            # Checkboxes, not a select: StyledFormMixin gave them a text box's classes.
            self.fields[name].widget.attrs["class"] = (
                "utrecht-checkbox utrecht-checkbox--html-input"
            )


class PhaseForm(StyledFormMixin, forms.Form):
    phase = forms.TypedChoiceField(label=_("Phase"), choices=Phase.choices, coerce=Phase)


class EnrolableSearchForm(forms.Form):
    """The search for an employee to add to a round (a plain GET form, enhanced by htmx)."""

    zoek = forms.CharField(required=False, max_length=100, strip=True)


class EnrolmentAddForm(StyledFormMixin, forms.Form):
    person: forms.ModelChoiceField[Person] = forms.ModelChoiceField(
        label=_("Employee"),
        queryset=None,
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Choose an employee."),
            "invalid_choice": _(
                "Choose an employee of this organisation who is not yet in a round of this "
                "trajectory."
            ),
        },
    )

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "person", forms.ModelChoiceField).queryset = people
