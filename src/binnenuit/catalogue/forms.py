from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from binnenuit.catalogue.models import Competence, SelectionCriterion, Step, Theme
from binnenuit.core.forms import StyledFormMixin
from binnenuit.core.submissions import OnceFormMixin


class ThemeForm(OnceFormMixin, StyledFormMixin, forms.ModelForm[Theme]):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["competences"]
        field.queryset = Competence.objects.filter(template_id=self.instance.template_id)
        field.help_text = _("The competences of the framework this theme trains.")

    class Meta:
        model = Theme
        fields = ["code", "name", "description", "competences"]
        widgets = {"competences": forms.CheckboxSelectMultiple()}
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


class CompetenceForm(OnceFormMixin, StyledFormMixin, forms.ModelForm[Competence]):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["principle"]
        field.queryset = field.queryset.filter(template_id=self.instance.template_id)

    class Meta:
        model = Competence
        fields = ["principle", "code", "name", "description", "indicators"]
