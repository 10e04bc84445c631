from __future__ import annotations

from django import forms

from binnenuit.catalogue.models import ModuleTemplate, Theme
from binnenuit.core.forms import StyledFormMixin


class ThemeForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Theme
        fields = ["code", "name", "description"]


class StepForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = ModuleTemplate
        fields = ["title", "description"]
