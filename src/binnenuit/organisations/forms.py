from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from binnenuit.core.forms import StyledFormMixin
from binnenuit.organisations.models import Organisation, Person
from binnenuit.organisations.selectors import line_manager_choices, person_email_taken


class OrganisationForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "cbs_code", "brand_colour", "logo"]
        widgets = {"brand_colour": forms.TextInput(attrs={"placeholder": "#1a5e8c"})}

    def clean_cbs_code(self) -> str:
        return self.cleaned_data["cbs_code"].strip().upper()


class PersonForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Person
        fields = [
            "full_name",
            "email",
            "job_title",
            "function_category",
            "department",
            "team",
            "line_manager",
        ]
        error_messages = {"full_name": {"required": _("Enter the employee's name.")}}

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.instance.organisation = organisation
        qs = line_manager_choices(organisation=organisation)
        if self.instance.pk:
            qs = qs.exclude(pk=self.instance.pk)
        self.fields["line_manager"].queryset = qs
        self.fields["line_manager"].error_messages["invalid_choice"] = _(
            "Choose a line manager from this organisation."
        )

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if email and person_email_taken(
            organisation=self.organisation, email=email, exclude_pk=self.instance.pk
        ):
            raise forms.ValidationError(
                _("Another employee of this organisation already has this e-mail address.")
            )
        return email
