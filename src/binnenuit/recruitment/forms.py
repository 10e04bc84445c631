from __future__ import annotations

from typing import Any

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from binnenuit.core.forms import DateInput, StyledFormMixin
from binnenuit.core.submissions import OnceFormMixin
from binnenuit.organisations.models import FunctionCategory
from binnenuit.recruitment.models import (
    MOTIVATION_MAX,
    REASON_MAX,
    TEXT_MAX,
    CallCriterion,
    Decision,
)
from binnenuit.recruitment.selectors import OTHER_DEPARTMENT
from binnenuit.trajectories.models import Meeting, PartOfDay

HONEYPOT = "website"  # a field people never see; what fills it is a bot


class CallForm(StyledFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Text of the call"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "What colleagues read above the application form. The selection criteria are "
            "shown below it."
        ),
        error_messages={"required": _("Write the text of the call.")},
    )
    deadline = forms.DateField(
        label=_("Closing date"),
        widget=DateInput(),
        help_text=_("The last day on which colleagues can apply."),
        error_messages={
            "required": _("Choose the last day on which colleagues can apply."),
            "invalid": _("Enter a date, for example 15-03-2027."),
        },
    )


class CallOpenForm(OnceFormMixin, CallForm):
    """Opening a call makes one: the form carries a one-time token (a double click)."""


class ApplicationForm(StyledFormMixin, forms.Form):
    """The public application form. Availability has one box per planned meeting."""

    full_name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Fill in your name.")},
    )
    email = forms.EmailField(
        label=_("Your work e-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Fill in your work e-mail address."),
            "invalid": _("Fill in an e-mail address, for example j.jansen@gemeente.nl."),
        },
    )
    job_title = forms.CharField(
        label=_("Job title"),
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
        error_messages={"required": _("Fill in your job title.")},
    )
    function_category = forms.ChoiceField(
        label=_("Kind of work"),
        choices=[("", _("Choose…")), *FunctionCategory.choices],
        error_messages={
            "required": _("Choose the kind of work you do."),
            "invalid_choice": _("Choose one of the kinds of work in the list."),
        },
    )
    department = forms.ChoiceField(
        label=_("Department"),
        error_messages={
            "required": _("Choose your department."),
            "invalid_choice": _("Choose a department from the list, or “another department”."),
        },
    )
    department_other = forms.CharField(
        label=_("Another department"),
        max_length=120,
        required=False,
        help_text=_("Only when your department is not in the list."),
    )
    team = forms.CharField(label=_("Team"), max_length=120, required=False)
    line_manager = forms.CharField(
        label=_("Your line manager"),
        max_length=150,
        required=False,
        help_text=_("Their name."),
    )
    motivation = forms.CharField(
        label=_("Your motivation"),
        max_length=MOTIVATION_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Why do you want to take part? Tell us how you match the criteria above (at most "
            "%(max)s characters)."
        )
        % {"max": MOTIVATION_MAX},
        error_messages={
            "required": _("Tell us in a few sentences why you want to take part."),
            "max_length": _(
                "Your motivation is too long: use at most %(limit_value)d characters (now "
                "%(show_value)d)."
            ),
        },
    )
    consent = forms.BooleanField(
        label=_("I agree that my details are used to select the participants of this programme."),
        error_messages={"required": _("Give your consent, or we cannot handle your application.")},
    )

    def __init__(
        self,
        *args: Any,
        meetings: list[Meeting],
        departments: list[str],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        department: Any = self.fields["department"]
        department.choices = [
            ("", _("Choose…")),
            *((name, name) for name in departments),
            (OTHER_DEPARTMENT, _("Another department")),
        ]
        self.meetings = meetings
        for meeting in meetings:
            self.fields[self.meeting_field(meeting)] = forms.BooleanField(
                label=meeting_label(meeting), required=False
            )
            self.fields[self.meeting_field(meeting)].widget.attrs["class"] = (
                "utrecht-checkbox utrecht-checkbox--html-input"
            )

    @staticmethod
    def meeting_field(meeting: Meeting) -> str:
        return f"meeting_{meeting.pk}"

    @property
    def meeting_fields(self) -> list[forms.BoundField]:
        return [self[self.meeting_field(m)] for m in self.meetings]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("department") == OTHER_DEPARTMENT and not cleaned.get("department_other"):
            self.add_error("department_other", _("Fill in the name of your department."))
        return cleaned

    def service_data(self) -> dict[str, Any]:
        """What ``application_submit`` takes."""
        data = self.cleaned_data
        department = data["department"]
        if department == OTHER_DEPARTMENT:
            department = data["department_other"]
        return {
            "full_name": data["full_name"],
            "email": data["email"],
            "job_title": data["job_title"],
            "function_category": data["function_category"],
            "department": department,
            "team": data["team"],
            "line_manager": data["line_manager"],
            "motivation": data["motivation"],
            "availability": {m.pk: bool(data.get(self.meeting_field(m))) for m in self.meetings},
            "consent": data["consent"],
        }


def meeting_label(meeting: Meeting) -> str:
    """ "Tuesday 3 March 2027, morning, Town hall" in the reader's language."""
    parts = [
        formats.date_format(meeting.date, "l j F Y") if meeting.date else "",
        str(PartOfDay(meeting.part_of_day).label).lower(),
    ]
    if meeting.location is not None:
        parts.append(str(meeting.location))
    return ", ".join(p for p in parts if p)


class DecisionForm(StyledFormMixin, forms.Form):
    """One application's checklist and decision on the board (prefixed per application)."""

    criteria = forms.TypedMultipleChoiceField(
        label=_("Criteria met"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=Decision.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a decision."),
            "invalid_choice": _("Choose one of the decisions."),
        },
    )
    reason = forms.CharField(
        label=_("Explanation for the applicant"),
        max_length=REASON_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Optional. It is included in the e-mail about the decision."),
    )

    def __init__(self, *args: Any, criteria: list[CallCriterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["criteria"]
        field.choices = [(c.pk, c.name) for c in criteria]
        field.widget.attrs["class"] = "utrecht-checkbox utrecht-checkbox--html-input"
        self.fields["decision"].widget.attrs["class"] = (
            "utrecht-radio-button utrecht-radio-button--html-input"
        )
