from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.validators import MaxLengthValidator, MinValueValidator
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from binnenuit.core.forms import StyledFormMixin, TimeInput, form_field
from binnenuit.core.submissions import OnceFormMixin
from binnenuit.organisations.models import Location, Organisation, Person, cbs_code_validator
from binnenuit.organisations.selectors import line_manager_choices

CBS_CODE_TYPED_MAX = 12


class _CurrentLogo:
    """The saved logo as the file input shows it: its name, linked to where it is served."""

    def __init__(self, name: str, url: str) -> None:
        self.name, self.url = name, url

    def __str__(self) -> str:
        return self.name.rsplit("/", 1)[-1]


class LogoInput(forms.ClearableFileInput):
    """The logo field; "Current" links to the organisation's logo page, not to /media/."""

    def __init__(self, *args: Any, current_url: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.current_url = current_url

    def format_value(self, value: Any) -> Any:
        if value and getattr(value, "name", "") and self.current_url:
            return _CurrentLogo(value.name, self.current_url)
        return None


EMAIL_DOMAIN = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}")


class OrganisationForm(OnceFormMixin, StyledFormMixin, forms.ModelForm[Organisation]):
    class Meta:
        model = Organisation
        fields = ["name", "cbs_code", "brand_colour", "logo", "email_domains"]
        widgets = {"brand_colour": forms.TextInput(attrs={"placeholder": "#1a5e8c"})}
        error_messages = {
            "name": {"required": _("Enter the name of the organisation.")},
            "cbs_code": {"required": _("Enter the CBS code, for example GM0163.")},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # "gm 0163" is typed often enough: accept spaces and lower case, keep what was typed.
        cbs_code = form_field(self, "cbs_code", forms.CharField)
        cbs_code.max_length = CBS_CODE_TYPED_MAX
        cbs_code.widget.attrs["maxlength"] = str(CBS_CODE_TYPED_MAX)
        cbs_code.validators = [
            v for v in cbs_code.validators if not isinstance(v, MaxLengthValidator)
        ]
        logo = self.fields["logo"]
        current = (
            reverse("organisations:organisation-logo", kwargs={"org_slug": self.instance.slug})
            if self.instance.pk
            else ""
        )
        logo.widget = LogoInput(attrs=logo.widget.attrs, current_url=current)

    def clean_email_domains(self) -> str:
        domains = [
            d.strip().lower().lstrip("@") for d in self.cleaned_data["email_domains"].split(",")
        ]
        domains = [d for d in domains if d]
        wrong = [d for d in domains if not EMAIL_DOMAIN.fullmatch(d)]
        if wrong:
            raise forms.ValidationError(
                _(
                    "%(domain)s is not a domain. Write domains like voorbeeld.nl, "
                    "separated by commas."
                ),
                params={"domain": wrong[0]},
            )
        return ", ".join(dict.fromkeys(domains))

    def clean_cbs_code(self) -> str:
        code = re.sub(r"\s+", "", self.cleaned_data["cbs_code"]).upper()
        cbs_code_validator(code)
        return code


class PersonForm(OnceFormMixin, StyledFormMixin, forms.ModelForm[Person]):
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
        line_manager = form_field(self, "line_manager", forms.ModelChoiceField)
        line_manager.queryset = qs
        line_manager.empty_label = _("— no line manager —")
        line_manager.error_messages["invalid_choice"] = _(
            "Choose a line manager from this organisation."
        )

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"]
        return email.strip().lower()


class InvitationForm(OnceFormMixin, StyledFormMixin, forms.Form):
    full_name = forms.CharField(
        label=_("Name"),
        max_length=150,
        error_messages={"required": _("Enter the name of the person you invite.")},
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("The invitation goes here; it is also the address they log in with."),
        error_messages={"required": _("Enter the e-mail address to send the invitation to.")},
    )
    role = forms.ChoiceField(label=_("Role"), choices=())

    def __init__(self, *args: Any, roles: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "role", forms.ChoiceField).choices = roles


class RoleForm(StyledFormMixin, forms.Form):
    role = forms.ChoiceField(label=_("New role"), choices=())

    def __init__(self, *args: Any, roles: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "role", forms.ChoiceField).choices = roles


class NewPasswordForm(StyledFormMixin, forms.Form):
    """Choose a password (twice); the rules are checked by the service that sets it."""

    new_password1 = forms.CharField(
        label=_("New password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_(
            "At least 12 characters; not a common password, and not like your name or "
            "e-mail address."
        ),
        error_messages={"required": _("Choose a password.")},
    )
    new_password2 = forms.CharField(
        label=_("New password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Type the password a second time.")},
    )

    def clean_new_password2(self) -> str:
        first = self.cleaned_data.get("new_password1")
        second: str = self.cleaned_data["new_password2"]
        if first and first != second:
            raise forms.ValidationError(_("The two passwords are not the same. Type them again."))
        return second


DAY_PART_FIELDS = [
    "morning_starts",
    "morning_ends",
    "afternoon_starts",
    "afternoon_ends",
    "evening_starts",
    "evening_ends",
]


class DayPartsForm(OnceFormMixin, StyledFormMixin, forms.ModelForm[Organisation]):
    class Meta:
        model = Organisation
        fields = DAY_PART_FIELDS
        widgets = dict.fromkeys(DAY_PART_FIELDS, TimeInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in DAY_PART_FIELDS:
            self.fields[name].error_messages["invalid"] = _("Enter a time like 09:00.")
            self.fields[name].error_messages["required"] = _("Enter a time like 09:00.")

    def times(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in DAY_PART_FIELDS}


class LocationForm(OnceFormMixin, StyledFormMixin, forms.ModelForm[Location]):
    class Meta:
        model = Location
        fields = ["name", "address", "rooms", "capacity", "accessibility", "route"]
        widgets = {
            "accessibility": forms.Textarea(attrs={"rows": 3}),
            "route": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "name": {"required": _("Enter the name of the location.")},
            "capacity": {"invalid": _("Enter the number of people as a whole number.")},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        capacity = form_field(self, "capacity", forms.IntegerField)
        capacity.widget.attrs["min"] = "1"
        capacity.validators.append(
            MinValueValidator(1, message=_("A location holds at least one person."))
        )
