from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.db import models
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from binnenuit.catalogue import selectors, services, tables
from binnenuit.catalogue.forms import CompetenceForm, CriterionForm, StepForm, ThemeForm
from binnenuit.catalogue.models import (
    Competence,
    ProgrammeTemplate,
    SelectionCriterion,
    Step,
    Theme,
)
from binnenuit.core.access import ActorRequest, user_view
from binnenuit.core.forms import ConfirmForm, service_data, submit, submit_confirmation
from binnenuit.core.htmx import redirect_after_post
from binnenuit.core.pagination import paginate


@require_GET
@user_view("catalogue.edit")
def template_list(request: ActorRequest) -> HttpResponse:
    context = {
        "page": paginate(request, selectors.template_list()),
        "draft": selectors.template_draft(),
        "draft_form": ConfirmForm(),
        "columns": tables.VERSIONS,
    }
    return render(request, "catalogue/template_list.html", context)


@require_GET
@user_view("catalogue.edit")
def template_detail(request: ActorRequest, pk: int) -> HttpResponse:
    template = get_object_or_404(ProgrammeTemplate, pk=pk)
    context = {
        "template": template,
        "steps": selectors.template_steps(template=template),
        "columns": tables.DRAFT_STEPS if template.is_editable else tables.STEPS,
        "themes": selectors.template_themes(template=template),
        "criteria": selectors.template_criteria(template=template),
        "framework": selectors.template_framework(template=template),
    }
    return render(request, "catalogue/template_detail.html", context)


@require_POST
@user_view("catalogue.edit")
def template_draft_create(request: ActorRequest) -> HttpResponse:
    return submit_confirmation(
        request,
        lambda: services.template_draft_create(by=request.actor).get_absolute_url(),
        success=_("A new draft version has been made. Change it, then publish it."),
        back=reverse("catalogue:template-list"),
    )


def _read_only(request: ActorRequest, template: ProgrammeTemplate) -> HttpResponse | None:
    """Back to the version's page, with the reason, when it is no longer a draft."""
    if template.is_editable:
        return None
    messages.info(
        request,
        _(
            "Version %(v)s can no longer be changed. Start a new version from the catalogue "
            "page to make changes."
        )
        % {"v": template.version},
    )
    return redirect_after_post(request, template.get_absolute_url())


@require_http_methods(["GET", "POST"])
@user_view("catalogue.edit")
def template_publish(request: ActorRequest, pk: int) -> HttpResponse:
    template = get_object_or_404(ProgrammeTemplate, pk=pk)
    if refused := _read_only(request, template):
        return refused
    if request.method == "POST":
        return submit_confirmation(
            request,
            lambda: services.template_publish(
                by=request.actor, template=template
            ).get_absolute_url(),
            success=_("Version %(v)s is published. New trajectories start from it.")
            % {"v": template.version},
            back=template.get_absolute_url(),
        )
    return render(
        request,
        "catalogue/template_publish.html",
        {"template": template, "form": ConfirmForm()},
    )


def _draft_form(
    request: ActorRequest,
    template: ProgrammeTemplate,
    form: forms.BaseForm,
    save: Callable[[dict[str, Any]], models.Model],
    *,
    page: str,
    context: dict[str, object],
    anchor: str = "",
    success: str | None = None,
) -> HttpResponse:
    """The form that changes one part of a draft version: refused once the version is
    published; on a valid POST ``save`` gets the cleaned data and the version's page follows."""
    if refused := _read_only(request, template):
        return refused
    if request.method == "POST":
        done = submit(
            request,
            form,
            lambda: (save(service_data(form)), template.get_absolute_url() + anchor)[1],
            success=success,
        )
        if done is not None:
            return done
    return render(request, page, {"form": form, "template": template, **context})


@require_http_methods(["GET", "POST"])
@user_view("catalogue.edit")
def theme_create(request: ActorRequest, pk: int) -> HttpResponse:
    template = get_object_or_404(ProgrammeTemplate, pk=pk)
    return _draft_form(
        request,
        template,
        ThemeForm(request.POST or None, instance=Theme(template=template)),
        lambda data: services.theme_create(by=request.actor, template=template, **data),
        page="catalogue/theme_form.html",
        context={},
    )


@require_http_methods(["GET", "POST"])
@user_view("catalogue.edit")
def theme_update(request: ActorRequest, pk: int) -> HttpResponse:
    theme = get_object_or_404(Theme.objects.select_related("template"), pk=pk)
    return _draft_form(
        request,
        theme.template,
        ThemeForm(request.POST or None, instance=theme),
        lambda data: services.theme_update(by=request.actor, theme=theme, **data),
        page="catalogue/theme_form.html",
        context={"theme": theme},
    )


@require_http_methods(["GET", "POST"])
@user_view("catalogue.edit")
def step_update(request: ActorRequest, pk: int) -> HttpResponse:
    step = get_object_or_404(Step.objects.select_related("template"), pk=pk)
    return _draft_form(
        request,
        step.template,
        StepForm(request.POST or None, instance=step),
        lambda data: services.step_update(by=request.actor, step=step, **data),
        page="catalogue/step_form.html",
        context={"step": step},
    )


@require_http_methods(["GET", "POST"])
@user_view("catalogue.edit")
def criterion_update(request: ActorRequest, pk: int) -> HttpResponse:
    criterion = get_object_or_404(SelectionCriterion.objects.select_related("template"), pk=pk)
    return _draft_form(
        request,
        criterion.template,
        CriterionForm(request.POST or None, instance=criterion),
        lambda data: services.criterion_update(by=request.actor, criterion=criterion, **data),
        page="catalogue/criterion_form.html",
        context={"criterion": criterion},
    )


@require_http_methods(["GET", "POST"])
@user_view("catalogue.edit")
def competence_create(request: ActorRequest, pk: int) -> HttpResponse:
    template = get_object_or_404(ProgrammeTemplate, pk=pk)
    return _draft_form(
        request,
        template,
        CompetenceForm(request.POST or None, instance=Competence(template=template)),
        lambda data: services.competence_create(by=request.actor, template=template, **data),
        page="catalogue/competence_form.html",
        context={},
        anchor="#framework-heading",
        success=_("The competence has been added."),
    )


@require_http_methods(["GET", "POST"])
@user_view("catalogue.edit")
def competence_update(request: ActorRequest, pk: int) -> HttpResponse:
    competence = get_object_or_404(Competence.objects.select_related("template"), pk=pk)
    return _draft_form(
        request,
        competence.template,
        CompetenceForm(request.POST or None, instance=competence),
        lambda data: services.competence_update(by=request.actor, competence=competence, **data),
        page="catalogue/competence_form.html",
        context={"competence": competence},
        anchor="#framework-heading",
        success=_("The competence has been saved."),
    )
