from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import gettext_lazy as _

from binnenuit.coaching.models import MAX_GOALS, MAX_WEIGHT, NOTE_MAX, MeetingForm
from binnenuit.core.forms import DateInput, StyledFormMixin
from binnenuit.core.submissions import OnceFormMixin


class GapWeightsForm(OnceFormMixin, StyledFormMixin, forms.Form):
    """A weight 0–5 per competence: the organisation's learning goals when there is no scan."""

    def __init__(self, *args: Any, competences: Any, initial_weights: dict[int, int], **kw: Any):
        super().__init__(*args, **kw)
        self.competences = list(competences)
        for c in self.competences:
            self.fields[f"c{c.pk}"] = forms.IntegerField(
                label=f"{c.name} ({c.code})",
                min_value=0,
                max_value=MAX_WEIGHT,
                required=False,
                initial=initial_weights.get(c.pk, 0),
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )
        self._guard_fields()

    def weights(self) -> dict[int, int | None]:
        return {c.pk: self.cleaned_data.get(f"c{c.pk}") for c in self.competences}


class LearningGoalsForm(OnceFormMixin, StyledFormMixin, forms.Form):
    """Up to three goals: a competence and a sentence each; empty rows are left out."""

    def __init__(self, *args: Any, competences: Any, goals: list[Any], **kw: Any) -> None:
        super().__init__(*args, **kw)
        for i in range(1, MAX_GOALS + 1):
            goal = goals[i - 1] if i <= len(goals) else None
            self.fields[f"competence_{i}"] = forms.ModelChoiceField(
                queryset=competences,
                required=False,
                label=_("Learning goal %(number)s") % {"number": i},
                initial=goal.competence_id if goal else None,
            )
            self.fields[f"sentence_{i}"] = forms.CharField(
                max_length=300,
                required=False,
                label=_("What I want to learn (goal %(number)s)") % {"number": i},
                initial=goal.sentence if goal else "",
            )
        self._guard_fields()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for i in range(1, MAX_GOALS + 1):
            competence, sentence = data.get(f"competence_{i}"), data.get(f"sentence_{i}")
            if competence and not (sentence or "").strip():
                self.add_error(f"sentence_{i}", _("Say in a sentence what you want to learn."))
            if sentence and not competence:
                self.add_error(f"competence_{i}", _("Choose the competence this goal is about."))
        return data

    def goals(self) -> list[tuple[Any, str]]:
        return [
            (self.cleaned_data[f"competence_{i}"], self.cleaned_data[f"sentence_{i}"])
            for i in range(1, MAX_GOALS + 1)
            if self.cleaned_data.get(f"competence_{i}")
        ]


def _team(slot: Any) -> list[Any]:
    try:
        return list(slot.theme_team.trainers.all())
    except ObjectDoesNotExist:
        return []


class HandThemesForm(StyledFormMixin, forms.Form):
    """A theme and its team for each theme module, chosen by hand (read from the query when
    only checked, from the body when saved)."""

    def __init__(self, *args: Any, slots: list[Any], themes: Any, trainers: Any, **kw: Any):
        super().__init__(*args, **kw)
        self.slots = slots
        for slot in slots:
            self.fields[f"theme_{slot.pk}"] = forms.ModelChoiceField(
                queryset=themes,
                label=_("Theme of module %(position)s") % {"position": slot.position},
                initial=slot.theme_id,
            )
            self.fields[f"team_{slot.pk}"] = forms.ModelMultipleChoiceField(
                queryset=trainers,
                required=False,
                initial=[p.pk for p in _team(slot)],
                label=_("Trainer team of module %(position)s") % {"position": slot.position},
                widget=forms.CheckboxSelectMultiple(),
            )
        self._guard_fields()

    def choice(self) -> list[tuple[Any, list[Any]]]:
        return [
            (self.cleaned_data[f"theme_{s.pk}"], list(self.cleaned_data[f"team_{s.pk}"]))
            for s in self.slots
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        chosen = [data.get(f"theme_{s.pk}") for s in self.slots]
        picked = [t.pk for t in chosen if t is not None]
        if len(set(picked)) != len(picked):
            raise forms.ValidationError(_("Choose each theme only once."))
        return data


class PairMakeForm(OnceFormMixin, StyledFormMixin, forms.Form):
    trainer: forms.ModelChoiceField[Any] = forms.ModelChoiceField(queryset=None, label=_("Coach"))
    participant: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=None, label=_("Coachee")
    )

    def __init__(self, *args: Any, trainers: Any, participants: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.fields["trainer"].queryset = trainers  # type: ignore[attr-defined]
        self.fields["participant"].queryset = participants  # type: ignore[attr-defined]


class SwapForm(StyledFormMixin, forms.Form):
    first: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=None, label=_("First pair")
    )
    second: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=None, label=_("Second pair")
    )

    def __init__(self, *args: Any, pairs: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        for name in ("first", "second"):
            field: Any = self.fields[name]
            field.queryset = pairs
            field.label_from_instance = lambda p: (
                f"{p.trainer.full_name} → {p.participant.full_name}"
            )


class CoachingMeetingForm(OnceFormMixin, StyledFormMixin, forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    duration = forms.IntegerField(label=_("Duration (minutes)"), min_value=5, max_value=480)
    form = forms.ChoiceField(label=_("Form"), choices=MeetingForm.choices)
    topics: forms.ModelMultipleChoiceField[Any] = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        label=_("Topics"),
        help_text=_("The coachee's learning goals you talked about."),
        widget=forms.CheckboxSelectMultiple(),
    )
    shared_notes = forms.CharField(
        label=_("Shared notes"),
        required=False,
        max_length=NOTE_MAX,
        help_text=_("Coach and coachee both read these."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, goals: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        field: Any = self.fields["topics"]
        field.queryset = goals
        field.label_from_instance = lambda g: f"{g.competence.name}: {g.sentence}"


class PrivateNoteForm(OnceFormMixin, StyledFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Private note"),
        max_length=NOTE_MAX,
        help_text=_("Only you can read this: not your coach or coachee, nor anybody else."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
