from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from binnenuit.catalogue.models import ModuleTemplate, Theme
from binnenuit.catalogue.selectors import theme_code_taken
from binnenuit.core.forms import StyledFormMixin


class ThemeForm(StyledFormMixin, forms.ModelForm[Theme]):
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

    def clean_code(self) -> str:
        code: str = self.cleaned_data["code"]
        if theme_code_taken(template=self.instance.template, code=code, exclude=self.instance):
            raise forms.ValidationError(_("This version already has a theme with this code."))
        return code


class StepForm(StyledFormMixin, forms.ModelForm[ModuleTemplate]):
    class Meta:
        model = ModuleTemplate
        fields = ["title", "description"]
