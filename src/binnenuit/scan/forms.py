from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from binnenuit.catalogue.models import Competence
from binnenuit.core.forms import DateInput, StyledFormMixin
from binnenuit.core.submissions import OnceFormMixin
from binnenuit.organisations.models import Location
from binnenuit.scan.models import (
    CONCLUSIONS_MAX,
    OPEN_ANSWER_MAX,
    SCORE_MAX,
    SCORE_MIN,
    Answer,
    GroupKind,
    OpenQuestion,
    RespondentGroup,
)
from binnenuit.scan.services import GroupSpec

TEXTAREA_CLASS = StyledFormMixin.WIDGET_CLASSES[forms.Textarea]
HONEYPOT = "website"  # a field people never see; what fills it is a bot
DONT_KNOW = "x"


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class ScanForm(StyledFormMixin, forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=150,
        error_messages={"required": _("Give the scan a title.")},
    )
    session_date = forms.DateField(
        label=_("Date of the session"),
        required=False,
        widget=DateInput(),
        error_messages={"invalid": _("Enter a date, for example 15-03-2027.")},
    )
    location = forms.ModelChoiceField(
        label=_("Location"), queryset=Location.objects.none(), required=False
    )
    employee_groups = forms.CharField(
        label=_("Employees, per department"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("One group per line, for example: Employees Wijken."),
    )
    management = forms.BooleanField(label=_("A group for management"), required=False)
    citizens = forms.BooleanField(label=_("A group for citizens"), required=False)
    partners = forms.BooleanField(label=_("A group for partners"), required=False)
    questions = forms.CharField(
        label=_("Open questions"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("One question per line."),
    )
    conclusions = forms.CharField(
        label=_("Conclusions"),
        widget=forms.Textarea(attrs={"rows": 10}),
        required=False,
        max_length=CONCLUSIONS_MAX,
        help_text=_("Your own conclusions, at the end of the report."),
    )

    QUESTIONNAIRE = ("employee_groups", "management", "citizens", "partners", "questions")

    def __init__(
        self,
        *args: Any,
        organisation: Any,
        questionnaire: bool,
        conclusions: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if not conclusions:  # a new scan has no results to conclude from yet
            del self.fields["conclusions"]
        location = self.fields["location"]
        assert isinstance(location, forms.ModelChoiceField)  # noqa: S101 (declared above)
        location.queryset = Location.objects.filter(organisation=organisation).order_by("name")
        self.questionnaire = questionnaire
        if not questionnaire:
            for name in self.QUESTIONNAIRE:
                del self.fields[name]

    @classmethod
    def initial_for(cls, groups: list[GroupSpec], questions: list[str]) -> dict[str, Any]:
        kinds = {g.kind for g in groups}
        return {
            "employee_groups": "\n".join(g.name for g in groups if g.kind == GroupKind.EMPLOYEES),
            "management": GroupKind.MANAGEMENT in kinds,
            "citizens": GroupKind.CITIZENS in kinds,
            "partners": GroupKind.PARTNERS in kinds,
            "questions": "\n".join(questions),
        }

    def service_data(self, defaults: list[GroupSpec]) -> dict[str, Any]:
        names = ("title", "session_date", "location", "conclusions")
        data = {k: self.cleaned_data[k] for k in names if k in self.fields}
        if self.questionnaire:
            named = {g.kind: g.name for g in defaults}
            groups = [
                GroupSpec(n, GroupKind.EMPLOYEES)
                for n in _lines(self.cleaned_data["employee_groups"])
            ]
            for kind in (GroupKind.MANAGEMENT, GroupKind.CITIZENS, GroupKind.PARTNERS):
                if self.cleaned_data[str(kind)]:
                    groups.append(GroupSpec(named[kind], kind))
            data["groups"] = groups
            data["questions"] = _lines(self.cleaned_data["questions"])
        return data


class ScanCreateForm(OnceFormMixin, ScanForm):
    """Creating a scan makes one: a double click must not make two."""


class GroupForm(StyledFormMixin, forms.Form):
    group = forms.TypedChoiceField(
        label=_("Which group are you in?"),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the group you belong to."),
            "invalid_choice": _("Choose one of the groups."),
        },
    )

    def __init__(self, *args: Any, groups: list[RespondentGroup], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["group"]
        assert isinstance(field, forms.TypedChoiceField)  # noqa: S101 (declared above)
        field.choices = [(g.pk, g.name) for g in groups]


SCALE = [(str(n), str(n)) for n in range(SCORE_MIN, SCORE_MAX + 1)]


class AnswersForm(StyledFormMixin, forms.Form):
    """Per competence: strength now and importance, 1–5 or "don't know"; the open questions."""

    def __init__(
        self,
        *args: Any,
        competences: list[Competence],
        questions: list[OpenQuestion],
        answers: dict[int, Answer],
        texts: dict[int, str],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.competences, self.questions = competences, questions
        choices = [*SCALE, (DONT_KNOW, _("don't know"))]
        wrong = _('Choose 1 to 5, or "don\'t know".')
        for competence in competences:
            before = answers.get(competence.pk)
            for prefix, label, value in (
                ("s", _("How strong are we now?"), before.strength if before else None),
                ("i", _("How important is this for us?"), before.importance if before else None),
            ):
                name = f"{prefix}_{competence.pk}"
                self.fields[name] = forms.ChoiceField(
                    label=label,
                    choices=choices,
                    required=False,
                    widget=forms.RadioSelect(attrs={"class": "bu-scale"}),
                    error_messages={"invalid_choice": wrong},
                )
                if before is not None:
                    self.initial[name] = DONT_KNOW if value is None else str(value)
        for question in questions:
            name = f"q_{question.pk}"
            self.fields[name] = forms.CharField(
                label=question.text,
                required=False,
                max_length=OPEN_ANSWER_MAX,
                # Added after the mixin styled the declared fields: styled here.
                widget=forms.Textarea(attrs={"rows": 3, "class": TEXTAREA_CLASS}),
            )
            self.initial[name] = texts.get(question.pk, "")

    def competence_fields(self) -> list[tuple[Competence, forms.BoundField, forms.BoundField]]:
        return [(c, self[f"s_{c.pk}"], self[f"i_{c.pk}"]) for c in self.competences]

    def question_fields(self) -> list[forms.BoundField]:
        return [self[f"q_{q.pk}"] for q in self.questions]

    def scores(self) -> dict[int, tuple[int | None, int | None]]:
        def score(name: str) -> int | None:
            value = self.cleaned_data.get(name) or DONT_KNOW
            return None if value == DONT_KNOW else int(value)

        result: dict[int, tuple[int | None, int | None]] = {}
        for competence in self.competences:
            s_name, i_name = f"s_{competence.pk}", f"i_{competence.pk}"
            if self.cleaned_data.get(s_name) or self.cleaned_data.get(i_name):
                result[competence.pk] = (score(s_name), score(i_name))
        return result

    def open_answers(self) -> dict[int, str]:
        return {q.pk: self.cleaned_data.get(f"q_{q.pk}", "") for q in self.questions}


class ReviewForm(StyledFormMixin, forms.Form):
    released = forms.BooleanField(label=_("Show in the report"), required=False)
    redacted_text = forms.CharField(
        label=_("Text in the report"),
        required=False,
        max_length=OPEN_ANSWER_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional. Leave out what could identify someone; empty: the answer as given."),
    )
