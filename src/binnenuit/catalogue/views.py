from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from binnenuit.access import UserRequest, can_edit_catalogue, user_view
from binnenuit.catalogue import selectors, services
from binnenuit.catalogue.forms import StepForm, ThemeForm
from binnenuit.catalogue.models import ModuleTemplate, ProgrammeTemplate, Theme
from binnenuit.core.exceptions import ServiceError
from binnenuit.core.forms import apply_service_errors
from binnenuit.core.htmx import redirect_after_post
from binnenuit.core.pagination import paginate


@require_GET
@user_view(can_edit_catalogue)
def template_list(request: UserRequest) -> HttpResponse:
    return render(
        request,
        "catalogue/template_list.html",
        {"page": paginate(request, selectors.template_list()), "draft": selectors.template_draft()},
    )


@require_GET
@user_view(can_edit_catalogue)
def template_detail(request: UserRequest, pk: int) -> HttpResponse:
    template = get_object_or_404(ProgrammeTemplate, pk=pk)
    context = {
        "template": template,
        "steps": selectors.template_steps(template=template),
        "themes": selectors.template_themes(template=template),
    }
    return render(request, "catalogue/template_detail.html", context)


@require_POST
@user_view(can_edit_catalogue)
def template_draft_create(request: UserRequest) -> HttpResponse:
    try:
        draft = services.template_draft_create()
    except ServiceError as exc:
        messages.error(request, str(exc))
        return redirect_after_post(request, reverse("catalogue:template-list"))
    messages.success(request, _("A new draft version has been made. Change it, then publish it."))
    return redirect_after_post(request, draft.get_absolute_url())


def _read_only(request: UserRequest, template: ProgrammeTemplate) -> HttpResponse | None:
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
@user_view(can_edit_catalogue)
def template_publish(request: UserRequest, pk: int) -> HttpResponse:
    template = get_object_or_404(ProgrammeTemplate, pk=pk)
    if refused := _read_only(request, template):
        return refused
    if request.method == "POST":
        try:
            services.template_publish(template=template)
        except ServiceError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("Version %(v)s is published. New trajectories start from it.")
                % {"v": template.version},
            )
        return redirect_after_post(request, template.get_absolute_url())
    return render(request, "catalogue/template_publish.html", {"template": template})


@require_http_methods(["GET", "POST"])
@user_view(can_edit_catalogue)
def theme_create(request: UserRequest, pk: int) -> HttpResponse:
    template = get_object_or_404(ProgrammeTemplate, pk=pk)
    if refused := _read_only(request, template):
        return refused
    form = ThemeForm(request.POST or None, instance=Theme(template=template))
    if request.method == "POST" and form.is_valid():
        try:
            services.theme_create(template=template, **form.cleaned_data)
        except (ServiceError, ValidationError) as exc:
            apply_service_errors(form, exc)
        else:
            return redirect_after_post(request, template.get_absolute_url())
    return render(request, "catalogue/theme_form.html", {"form": form, "template": template})


@require_http_methods(["GET", "POST"])
@user_view(can_edit_catalogue)
def theme_update(request: UserRequest, pk: int) -> HttpResponse:
    theme = get_object_or_404(Theme.objects.select_related("template"), pk=pk)
    if refused := _read_only(request, theme.template):
        return refused
    form = ThemeForm(request.POST or None, instance=theme)
    if request.method == "POST" and form.is_valid():
        try:
            services.theme_update(theme=theme, **form.cleaned_data)
        except (ServiceError, ValidationError) as exc:
            apply_service_errors(form, exc)
        else:
            return redirect_after_post(request, theme.template.get_absolute_url())
    return render(
        request,
        "catalogue/theme_form.html",
        {"form": form, "template": theme.template, "theme": theme},
    )


@require_http_methods(["GET", "POST"])
@user_view(can_edit_catalogue)
def step_update(request: UserRequest, pk: int) -> HttpResponse:
    step = get_object_or_404(ModuleTemplate.objects.select_related("template"), pk=pk)
    if refused := _read_only(request, step.template):
        return refused
    form = StepForm(request.POST or None, instance=step)
    if request.method == "POST" and form.is_valid():
        try:
            services.step_update(step=step, **form.cleaned_data)
        except (ServiceError, ValidationError) as exc:
            apply_service_errors(form, exc)
        else:
            return redirect_after_post(request, step.template.get_absolute_url())
    return render(
        request, "catalogue/step_form.html", {"form": form, "template": step.template, "step": step}
    )
