from __future__ import annotations

import datetime
import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from binnenuit.catalogue.models import Theme
from binnenuit.core.forms import DateInput, StyledFormMixin, TimeInput, form_field
from binnenuit.core.submissions import OnceFormMixin
from binnenuit.core.validators import EARLIEST, LATEST
from binnenuit.organisations.models import Location, Organisation, Person
from binnenuit.trajectories.models import (
    OPTIONAL_KINDS,
    Meeting,
    MeetingKind,
    Module,
    PartOfDay,
    Phase,
    Trajectory,
)


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


class LocationChoiceField(forms.ModelChoiceField[Location]):
    """A location by its name and, when known, how many people it holds."""

    def label_from_instance(self, obj: Location) -> str:
        if obj.capacity is None:
            return obj.name
        return ngettext(
            "%(name)s (%(capacity)s person)", "%(name)s (%(capacity)s people)", obj.capacity
        ) % {"name": obj.name, "capacity": obj.capacity}


class MeetingForm(StyledFormMixin, forms.ModelForm[Meeting]):
    """Plan a meeting. The facilitators to choose from are the trajectory's round-1 people
    (the trainers) and whoever facilitates already; the advisers are the organisation's.
    Each part of the day shows the organisation's times for it."""

    override_reason = forms.CharField(
        label=_("Reason to plan it anyway"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Only when the plan has a conflict that you accept, for example a bigger room."
        ),
    )

    # The fields whose change can bring a conflict: the page checks again when one changes.
    CHECKED = ("date", "part_of_day", "starts_at_time", "ends_at_time", "location")
    CHECKED_GROUPS = ("facilitators", "advisers")

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
        field_classes = {"location": LocationChoiceField}
        widgets = {
            "date": DateInput(),
            "starts_at_time": TimeInput(),
            "ends_at_time": TimeInput(),
            "facilitators": forms.CheckboxSelectMultiple(),
            "advisers": forms.CheckboxSelectMultiple(),
        }
        error_messages = {
            "part_of_day": {"invalid_choice": _("Choose morning, afternoon or evening.")},
            "starts_at_time": {"invalid": _("Enter a time like 09:00.")},
            "ends_at_time": {"invalid": _("Enter a time like 09:00.")},
            "location": {
                "invalid_choice": _("Choose one of this organisation's locations."),
            },
            "facilitators": {
                "invalid_choice": _("Choose facilitators from this trajectory's trainers."),
                "invalid_pk_value": _("Choose facilitators from this trajectory's trainers."),
            },
            "advisers": {
                "invalid_choice": _("Choose advisers of this organisation."),
                "invalid_pk_value": _("Choose advisers of this organisation."),
            },
        }

    def __init__(
        self,
        *args: Any,
        facilitators: Any,
        advisers: Any,
        locations: Any,
        organisation: Organisation,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        location = form_field(self, "location", forms.ModelChoiceField)
        location.queryset = locations
        location.empty_label = _("— no location yet —")
        location.help_text = _("Add a new place under Locations first.")
        form_field(self, "facilitators", forms.ModelMultipleChoiceField).queryset = facilitators
        form_field(self, "advisers", forms.ModelMultipleChoiceField).queryset = advisers
        form_field(self, "part_of_day", forms.TypedChoiceField).choices = [
            (part.value, _part_label(part, organisation)) for part in PartOfDay
        ]
        self.fields["ends_at_time"].help_text = _("Optional, together with the start time.")
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


def _part_label(part: PartOfDay, organisation: Organisation) -> str:
    starts, ends = organisation.part_of_day_times(part)
    return _("%(part)s (%(starts)s–%(ends)s)") % {
        "part": part.label,
        "starts": starts.strftime("%H:%M"),
        "ends": ends.strftime("%H:%M"),
    }


class GuestForm(OnceFormMixin, StyledFormMixin, forms.Form):
    """A guest from the community: a name, an e-mail address for the invitation, and where
    they come from. No account."""

    full_name = forms.CharField(
        label=_("Name"),
        max_length=150,
        error_messages={"required": _("Enter the guest's name.")},
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_("The invitation and the calendar entry go to this address."),
        error_messages={
            "required": _("Enter the guest's e-mail address."),
            "invalid": _("Enter a valid e-mail address, like naam@voorbeeld.nl."),
        },
    )
    affiliation = forms.CharField(
        label=_("Organisation or neighbourhood"),
        max_length=150,
        required=False,
        help_text=_("For example: Bewonersvereniging De Hoven, or Bakkerij Van Dam."),
    )


class OptionalMeetingForm(OnceFormMixin, forms.Form):
    """The button that adds the optional scan session or tasting workshop to a trajectory."""

    kind = forms.TypedChoiceField(
        choices=[(k.value, k.label) for k in OPTIONAL_KINDS],
        coerce=MeetingKind,
        error_messages={
            "required": _("Choose the organisation scan session or the tasting workshop."),
            "invalid_choice": _("Choose the organisation scan session or the tasting workshop."),
        },
    )


MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def month_from(value: str | None) -> datetime.date | None:
    """The month a calendar URL asks for ("2027-03"): its first day, or None when the value
    is not a month between 2000 and 2100."""
    match = MONTH.match(value or "")
    if match is None:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12 or not EARLIEST.year <= year <= LATEST.year:
        return None
    return datetime.date(year, month, 1)


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
