"""The X-factor gallery, a story, the trainer's own profile and consent, the strengths roll-up."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from binnenuit.core.access import can, org_view, require
from binnenuit.core.forms import ConfirmForm, service_data, submit, submit_confirmation
from binnenuit.core.pagination import paginate
from binnenuit.organisations.access import OrgRequest
from binnenuit.organisations.models import Person
from binnenuit.profiles import documents, selectors, services
from binnenuit.profiles.forms import ProfileForm
from binnenuit.profiles.models import Profile

GALLERY_PAGE = 24


@require_GET
@org_view("xfactor.view")
def gallery(request: OrgRequest) -> HttpResponse:
    person = selectors.own_person(request.actor)
    own = selectors.profile_of(person) if person else None
    context = {
        "page": paginate(request, selectors.profile_gallery(request.actor), per_page=GALLERY_PAGE),
        "own": own,
        "may_write": can(request.actor, "xfactor.write"),
    }
    return render(request, "profiles/gallery.html", context)


@require_GET
@org_view("xfactor.view")
def story(request: OrgRequest, pk: int) -> HttpResponse:
    profile = selectors.profile_for(request.actor, pk)
    return render(request, "profiles/story.html", {"profile": profile, "shared": False})


@require_GET
@org_view("xfactor.view")
def photo(request: OrgRequest, pk: int) -> FileResponse:
    profile = selectors.profile_for(request.actor, pk)
    if not profile.photo:
        raise Http404
    return FileResponse(profile.photo.open("rb"))


@require_GET
@org_view("xfactor.view")
def poster(request: OrgRequest, pk: int) -> HttpResponse:
    profile = selectors.profile_for(request.actor, pk)
    content = documents.poster_pdf(profile, language=translation.get_language() or "nl")
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{documents.poster_filename(profile)}"'
    return response


def _own(request: OrgRequest) -> tuple[Person, Profile | None]:
    """The actor's own employee record and profile; 403 for anyone who writes none."""
    require(request.actor, "xfactor.write")
    person = selectors.own_person(request.actor)
    if person is None:  # the rule passed, so there is one; for the type checker
        raise Http404
    return person, selectors.profile_of(person)


@require_http_methods(["GET", "POST"])
@org_view("xfactor.view")
def edit(request: OrgRequest) -> HttpResponse:
    person, profile = _own(request)
    photo_url = (
        reverse("profiles:photo", kwargs={"org_slug": request.org.slug, "pk": profile.pk})
        if profile and profile.photo
        else ""
    )
    form = ProfileForm(
        request.POST or None,
        request.FILES or None,
        instance=profile or Profile(organisation=request.org, person=person),
        strengths=selectors.strength_choices(person),
        photo_url=photo_url,
    )
    if request.method == "POST":
        done = submit(
            request,
            form,
            lambda: reverse(
                "profiles:story",
                kwargs={
                    "org_slug": request.org.slug,
                    "pk": services.profile_save(
                        by=request.actor,
                        person=person,
                        **service_data(form),
                    ).pk,
                },
            ),
            success=_("Your X-factor profile has been saved."),
        )
        if done is not None:
            return done
    return render(request, "profiles/profile_form.html", {"form": form, "profile": profile})


@require_http_methods(["GET", "POST"])
@org_view("xfactor.view")
def share(request: OrgRequest) -> HttpResponse:
    _person, profile = _own(request)
    if profile is None:
        raise Http404
    if request.method == "POST":
        sharing = not profile.is_shared
        return submit_confirmation(
            request,
            lambda: reverse(
                "profiles:story",
                kwargs={
                    "org_slug": request.org.slug,
                    "pk": services.profile_share(
                        by=request.actor, profile=profile, share=sharing
                    ).pk,
                },
            ),
            success=(
                _("Your story can now be read beyond your organisation, at its own address.")
                if sharing
                else _("Your story is no longer shared beyond your organisation.")
            ),
            back=reverse("profiles:edit", kwargs={"org_slug": request.org.slug}),
        )
    return render(request, "profiles/share.html", {"profile": profile, "form": ConfirmForm()})


@require_GET
@org_view("xfactor.strengths")
def strengths(request: OrgRequest) -> HttpResponse:
    template, rows = selectors.organisation_strengths(request.actor)
    context = {
        "template": template,
        "rows": rows,
        "uncovered": [row for row in rows if row.count == 0],
        "profiles": Profile.objects.filter(organisation=request.org).count(),
    }
    return render(request, "profiles/strengths.html", context)


# --- Shared beyond the organisation: no login, only the trainer's own secret address --------


@require_GET
def shared(request: HttpRequest, token: str) -> HttpResponse:
    profile = selectors.shared_profile(token)
    if profile is None:
        raise Http404
    return render(request, "profiles/story.html", {"profile": profile, "shared": True})


@require_GET
def shared_photo(request: HttpRequest, token: str) -> FileResponse:
    profile = selectors.shared_profile(token)
    if profile is None or not profile.photo:
        raise Http404
    return FileResponse(profile.photo.open("rb"))
