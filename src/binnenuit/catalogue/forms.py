from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from binnenuit.catalogue.models import SelectionCriterion, Step, Theme
from binnenuit.core.forms import StyledFormMixin
from binnenuit.core.submissions import OnceFormMixin


class ThemeForm(OnceFormMixin, StyledFormMixin, forms.ModelForm[Theme]):
    class Meta:
        model = Theme
        fields = ["code", "name", "description"]
        error_messages = {
            "code": {
                "invalid": _(
                    "Use only lower-case letters, digits and hyphens, for example "
                    "omgaan-met-dilemmas."
                )
            }
        }


class StepForm(StyledFormMixin, forms.ModelForm[Step]):
    class Meta:
        model = Step
        fields = ["title", "description"]


class CriterionForm(StyledFormMixin, forms.ModelForm[SelectionCriterion]):
    class Meta:
        model = SelectionCriterion
        fields = ["name", "description"]
