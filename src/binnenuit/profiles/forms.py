from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from binnenuit.core.forms import StyledFormMixin
from binnenuit.core.submissions import OnceFormMixin
from binnenuit.organisations.forms import LogoInput
from binnenuit.profiles.models import MAX_STRENGTHS, Profile


class ProfileForm(OnceFormMixin, StyledFormMixin, forms.ModelForm[Profile]):
    """The trainer's own profile; the strengths to choose from are the framework's."""

    def __init__(self, *args: Any, strengths: Any, photo_url: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["strengths"]
        field.queryset = strengths
        field.label_from_instance = lambda c: f"{c.name} ({c.principle.name})"
        field.help_text = _("At most %(max)s: the competences you are strongest in.") % {
            "max": MAX_STRENGTHS
        }
        photo = self.fields["photo"]
        photo.widget = LogoInput(attrs=photo.widget.attrs, current_url=photo_url)
        photo.help_text = _(
            "Optional. A PNG, JPEG or WebP photo; its metadata (such as the place it was taken) "
            "is removed."
        )

    class Meta:
        model = Profile
        fields = [
            "story",
            "difference",
            "value_society",
            "value_organisation",
            "strengths",
            "photo",
        ]
        widgets = {
            "story": forms.Textarea(attrs={"rows": 10}),
            "difference": forms.Textarea(attrs={"rows": 4}),
            "value_society": forms.Textarea(attrs={"rows": 3}),
            "value_organisation": forms.Textarea(attrs={"rows": 3}),
            "strengths": forms.CheckboxSelectMultiple(),
        }
