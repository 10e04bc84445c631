"""Module 2's screens (the matrix, the organisation's learning goals, the round-2 themes, the
coach pairs) and the coaching of round 2 (learning goals, my coach or coachee, the log)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from binnenuit.catalogue.models import Competence, Stage
from binnenuit.coaching import explain, selectors, services
from binnenuit.coaching.forms import (
    CoachingMeetingForm,
    GapWeightsForm,
    HandThemesForm,
    LearningGoalsForm,
    PairMakeForm,
    PrivateNoteForm,
    SwapForm,
)
from binnenuit.coaching.models import CoachPair, LearningGoal
from binnenuit.core.access import can, org_view
from binnenuit.core.exceptions import ServiceError
from binnenuit.core.forms import ConfirmForm, service_data, submit, submit_confirmation
from binnenuit.core.htmx import redirect_after_post
from binnenuit.organisations.access import OrgRequest
from binnenuit.organisations.models import Person


def _url(request: OrgRequest, name: str, **kwargs: Any) -> str:
    return reverse(f"coaching:{name}", kwargs={"org_slug": request.org.slug, **kwargs})


@require_GET
@org_view("coaching.matrix")
def matrix(request: OrgRequest, pk: int) -> HttpResponse:
    trajectory = selectors.trajectory_for(request.actor, pk, "coaching.matrix")
    data = selectors.strength_gap_matrix(trajectory, request.GET.get("sort", "name"))
    context = {
        "trajectory": trajectory,
        "matrix": data,
        "may_plan": can(request.actor, "coaching.plan", trajectory),
    }
    return render(request, "coaching/matrix.html", context)


@require_http_methods(["GET", "POST"])
@org_view("coaching.plan")
def gaps(request: OrgRequest, pk: int) -> HttpResponse:
    trajectory = selectors.trajectory_for(request.actor, pk, "coaching.plan")
    form = GapWeightsForm(
        request.POST or None,
        competences=selectors.competences_of(trajectory),
        initial_weights=selectors.hand_weights(trajectory),
    )
    if request.method == "POST":

        def run() -> str:
            services.gap_weights_save(
                by=request.actor, trajectory=trajectory, weights=form.weights()
            )
            return _url(request, "matrix", pk=trajectory.pk)

        done = submit(
            request, form, run, success=_("The organisation's learning goals have been saved.")
        )
        if done is not None:
            return done
    source = selectors.gap_weights(trajectory).source
    return render(
        request, "coaching/gaps.html", {"trajectory": trajectory, "form": form, "source": source}
    )


@require_http_methods(["GET", "POST"])
@org_view("coaching.plan")
def themes(request: OrgRequest, pk: int) -> HttpResponse:
    trajectory = selectors.trajectory_for(request.actor, pk, "coaching.plan")
    data = selectors.theme_input(trajectory)
    recommendation = selectors.recommend_themes(data)
    trainer_qs = Person.objects.filter(pk__in=[t.pk for t in data.trainers]).order_by(
        "full_name", "pk"
    )
    theme_qs = trajectory.template.themes.order_by("position", "name")
    bound = request.POST if request.method == "POST" else None
    hand = HandThemesForm(bound, slots=data.slots, themes=theme_qs, trainers=trainer_qs)
    evaluation = None
    if bound is not None and hand.is_valid():
        chosen = {theme.pk: [p.pk for p in team] for theme, team in hand.choice()}
        evaluation = explain.theme_choice(explain.evaluate(data, chosen), data)
        if "save" in request.POST:
            try:
                services.themes_apply(by=request.actor, trajectory=trajectory, teams=hand.choice())
            except ServiceError as error:
                hand.add_error(None, error.messages)
            else:
                messages.success(request, _("The round 2 themes and their teams have been saved."))
                return redirect_after_post(request, _url(request, "themes", pk=trajectory.pk))
    context = {
        "trajectory": trajectory,
        "data": data,
        "recommendation": explain.theme_choice(recommendation, data),
        "hand": hand,
        "evaluation": evaluation,
        "current": [(slot, selectors.team_of(slot)) for slot in data.slots],
        "form": ConfirmForm(auto_id=False),
    }
    return render(request, "coaching/themes.html", context)


@require_POST
@org_view("coaching.plan")
def themes_accept(request: OrgRequest, pk: int) -> HttpResponse:
    trajectory = selectors.trajectory_for(request.actor, pk, "coaching.plan")
    back = _url(request, "themes", pk=trajectory.pk)

    def run() -> str:
        services.themes_accept(by=request.actor, trajectory=trajectory)
        return back

    return submit_confirmation(
        request, run, success=_("The recommended themes and teams have been saved."), back=back
    )


# --- Coach pairs --------------------------------------------------------------------------


def _round_2(request: OrgRequest, pk: int) -> Any:
    trajectory = selectors.trajectory_for(request.actor, pk, "coaching.plan")
    return trajectory, selectors.round_of(trajectory, Stage.ROUND_2)


@require_GET
@org_view("coaching.plan")
def pairs(request: OrgRequest, pk: int) -> HttpResponse:
    trajectory, round_ = _round_2(request, pk)
    rows = selectors.pairs_of(round_)
    trainers = selectors.trainers_of(trajectory)
    enrolments = selectors.participant_enrolments(trajectory)
    trainer_qs = Person.objects.filter(pk__in=[t.pk for t in trainers]).order_by("full_name", "pk")
    participant_qs = Person.objects.filter(pk__in=[e.person_id for e in enrolments]).order_by(
        "full_name", "pk"
    )
    pair_qs = (
        CoachPair.objects.filter(round=round_)
        .select_related("trainer", "participant")
        .order_by("trainer__full_name", "pk")
    )
    swap = SwapForm(request.GET if "first" in request.GET else None, pairs=pair_qs)
    preview = None
    if swap.is_bound and swap.is_valid():
        first, second = swap.cleaned_data["first"], swap.cleaned_data["second"]
        delta, problem = services.swap_preview(first=first, second=second)
        preview = {"first": first, "second": second, "delta": delta, "problem": problem}
    context = {
        "trajectory": trajectory,
        "round": round_,
        "rows": [explain.pair_row(p, enrolments) for p in rows],
        "summary": explain.pairs_summary(rows, trainers, enrolments),
        "total": round(sum(p.total for p in rows), 2),
        "published": any(p.published_at for p in rows),
        "make_form": PairMakeForm(trainers=trainer_qs, participants=participant_qs),
        "swap": swap,
        "preview": preview,
        "form": ConfirmForm(auto_id=False),
    }
    return render(request, "coaching/pairs.html", context)


def _pairs_action(request: OrgRequest, pk: int, run: Any, success: str) -> HttpResponse:
    back = _url(request, "pairs", pk=pk)

    def go() -> str:
        run()
        return back

    return submit_confirmation(request, go, success=success, back=back)


@require_POST
@org_view("coaching.plan")
def pairs_generate(request: OrgRequest, pk: int) -> HttpResponse:
    _trajectory, round_ = _round_2(request, pk)
    return _pairs_action(
        request,
        pk,
        lambda: services.pairs_generate(by=request.actor, round_=round_),
        _("The coach pairs have been made; locked pairs were kept."),
    )


@require_POST
@org_view("coaching.plan")
def pairs_publish(request: OrgRequest, pk: int) -> HttpResponse:
    _trajectory, round_ = _round_2(request, pk)
    return _pairs_action(
        request,
        pk,
        lambda: services.pairs_publish(by=request.actor, round_=round_),
        _("The coach pairs have been published: coaches and coachees now see each other."),
    )


@require_POST
@org_view("coaching.plan")
def pair_lock(request: OrgRequest, pk: int) -> HttpResponse:
    pair = selectors.pair_for(request.actor, pk, "coaching.plan")
    locked = not pair.locked
    return _pairs_action(
        request,
        pair.round.trajectory_id,
        lambda: services.pair_lock(by=request.actor, pair=pair, locked=locked),
        _("The pair is locked: making the pairs again keeps it.")
        if locked
        else _("The pair is no longer locked."),
    )


@require_POST
@org_view("coaching.plan")
def pair_make(request: OrgRequest, pk: int) -> HttpResponse:
    trajectory, round_ = _round_2(request, pk)
    form = PairMakeForm(
        request.POST,
        trainers=Person.objects.for_org(request.org),
        participants=Person.objects.for_org(request.org),
    )
    back = _url(request, "pairs", pk=trajectory.pk)

    def run() -> str:
        services.pair_make(
            by=request.actor,
            round_=round_,
            trainer=form.cleaned_data["trainer"],
            participant=form.cleaned_data["participant"],
        )
        return back

    done = submit(request, form, run, success=_("The pair has been made by hand and locked."))
    if done is not None:
        return done
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, str(error))
    return redirect_after_post(request, back)


@require_POST
@org_view("coaching.plan")
def pairs_swap(request: OrgRequest, pk: int) -> HttpResponse:
    trajectory, round_ = _round_2(request, pk)
    pair_qs = CoachPair.objects.for_org(request.org).select_related(
        "trainer", "participant", "round"
    )
    form = SwapForm(request.POST, pairs=pair_qs)
    back = _url(request, "pairs", pk=trajectory.pk)
    if not form.is_valid():
        messages.error(request, _("Choose two pairs to swap."))
        return redirect_after_post(request, back)
    first, second = form.cleaned_data["first"], form.cleaned_data["second"]
    try:
        delta = services.pairs_swap(by=request.actor, first=first, second=second)
    except ServiceError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("The two pairs have swapped coachees; the total changed by %(delta)s.")
            % {"delta": f"{delta:+.2f}"},
        )
    return redirect_after_post(request, back)


# --- Participants, coaches and coachees ---------------------------------------------------


@require_http_methods(["GET", "POST"])
@org_view("coaching.goals")
def goals(request: OrgRequest) -> HttpResponse:
    enrolment = selectors.own_enrolment(request.actor)
    if enrolment is None:
        raise Http404
    competences = Competence.objects.filter(
        template_id=enrolment.round.trajectory.template_id
    ).order_by("position")
    form = LearningGoalsForm(
        request.POST or None, competences=competences, goals=selectors.goals_of(enrolment)
    )
    if request.method == "POST":

        def run() -> str:
            services.learning_goals_save(by=request.actor, enrolment=enrolment, goals=form.goals())
            return _url(request, "goals")

        done = submit(request, form, run, success=_("Your learning goals have been saved."))
        if done is not None:
            return done
    return render(request, "coaching/goals.html", {"form": form, "enrolment": enrolment})


@require_GET
@org_view("coaching.mine")
def mine(request: OrgRequest) -> HttpResponse:
    person = request.actor.fact("organisations.person")
    rows = selectors.own_pairs(request.actor)
    context = {
        "as_coach": [p for p in rows if person and p.trainer_id == person.pk],
        "as_coachee": [p for p in rows if person and p.participant_id == person.pk],
        "may_write_goals": can(request.actor, "coaching.goals")
        and selectors.own_enrolment(request.actor) is not None,
    }
    return render(request, "coaching/mine.html", context)


@require_GET
@org_view("coaching.mine")
def log(request: OrgRequest, pk: int) -> HttpResponse:
    pair = selectors.pair_for(request.actor, pk, "coaching.log")
    enrolment = selectors.enrolment_of(pair)
    goal_qs = LearningGoal.objects.filter(enrolment=enrolment).select_related("competence")
    context = {
        "pair": pair,
        "goals": list(goal_qs),
        "meetings": selectors.meetings_of(pair),
        "notes": list(selectors.own_notes(request.actor, pair)),
        "check_ins": selectors.check_ins(pair.round),
        "meeting_form": CoachingMeetingForm(goals=goal_qs, auto_id="meeting-%s"),
        "note_form": PrivateNoteForm(auto_id="note-%s"),
        "form": ConfirmForm(auto_id=False),
    }
    return render(request, "coaching/log.html", context)


def _log_form(
    request: OrgRequest, pair: CoachPair, form: Any, run: Any, success: str
) -> HttpResponse:
    back = _url(request, "log", pk=pair.pk)
    done = submit(request, form, lambda: (run(), back)[1], success=success)
    if done is not None:
        return done
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, str(error))
    return redirect_after_post(request, back)


@require_POST
@org_view("coaching.mine")
def meeting_add(request: OrgRequest, pk: int) -> HttpResponse:
    pair = selectors.pair_for(request.actor, pk, "coaching.log")
    enrolment = selectors.enrolment_of(pair)
    form = CoachingMeetingForm(request.POST, goals=LearningGoal.objects.filter(enrolment=enrolment))
    return _log_form(
        request,
        pair,
        form,
        lambda: services.meeting_record(by=request.actor, pair=pair, **service_data(form)),
        _("The conversation has been recorded."),
    )


@require_POST
@org_view("coaching.mine")
def note_add(request: OrgRequest, pk: int) -> HttpResponse:
    pair = selectors.pair_for(request.actor, pk, "coaching.log")
    form = PrivateNoteForm(request.POST)
    return _log_form(
        request,
        pair,
        form,
        lambda: services.private_note_add(
            by=request.actor, pair=pair, text=form.cleaned_data["text"]
        ),
        _("Your private note has been saved. Only you can read it."),
    )


@require_POST
@org_view("coaching.mine")
def note_delete(request: OrgRequest, pk: int) -> HttpResponse:
    note = selectors.own_note(request.actor, pk)
    back = _url(request, "log", pk=note.notebook.pair_id)

    def run() -> str:
        services.private_note_delete(by=request.actor, note=note)
        return back

    return submit_confirmation(
        request, run, success=_("Your private note has been deleted."), back=back
    )


@require_GET
@org_view("coaching.oversight")
def oversight(request: OrgRequest, pk: int) -> HttpResponse:
    trajectory = selectors.trajectory_for(request.actor, pk, "coaching.oversight")
    round_ = selectors.round_of(trajectory, Stage.ROUND_2)
    context = {
        "trajectory": trajectory,
        "rows": selectors.pair_activity(round_),
        "check_ins": selectors.check_ins(round_),
    }
    return render(request, "coaching/oversight.html", context)
