"""Who may see and do what: the one place for organisation scoping and permission rules.

Views never filter tenant data themselves. They resolve the organisation through
``org_view`` (404 for a non-member, 403 for a role without the action), fetch rows
through ``get_for_org_or_404`` (the same 404 for "missing" and "another
organisation's"), and check object rules with ``require``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from typing import TYPE_CHECKING, Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from binnenuit.organisations.models import Membership, Organisation, Person, Role
from binnenuit.trajectories.models import Enrolment, Meeting, Round, Trajectory

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django_htmx.middleware import HtmxDetails

    from binnenuit.accounts.models import User

    type AnyUser = User | AnonymousUser


STAFF_ROLES = frozenset({Role.ADVISER, Role.PROJECT_LEADER, Role.MANAGER})
ORGANISERS = frozenset({Role.ADVISER, Role.PROJECT_LEADER})


@dataclass(frozen=True)
class Actor:
    """A logged-in user acting inside one organisation, with their role there."""

    user: User
    organisation: Organisation
    role: str
    person: Person | None = None
    round_ids: frozenset[int] = field(default_factory=frozenset)
    given_round_ids: frozenset[int] = field(default_factory=frozenset)

    def gives(self, round_: Round) -> bool:
        """Whether this trainer gives the round (round 2 after their own round 1)."""
        return round_.pk in self.given_round_ids

    @property
    def is_organiser(self) -> bool:
        return self.role in ORGANISERS

    @property
    def is_staff_role(self) -> bool:
        return self.role in STAFF_ROLES

    @property
    def role_label(self) -> str:
        return str(Role(self.role).label)


# --- Scoping -------------------------------------------------------------------------------


def organisations_for(user: AnyUser) -> QuerySet[Organisation]:
    """The organisations a user belongs to or advises."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        pk__in=Membership.objects.filter(user=user).values("organisation_id")
    )


def trajectories_for(user: AnyUser) -> QuerySet[Trajectory]:
    """Trajectories of the organisations where the user has a staff role (across organisations)."""
    if not user.is_authenticated:
        return Trajectory.objects.none()
    return Trajectory.objects.filter(
        organisation__in=Membership.objects.filter(user=user, role__in=STAFF_ROLES).values(
            "organisation_id"
        )
    )


def actor_for(user: User, org_slug: str) -> Actor:
    """The user's actor in the organisation with this slug; 404 when they are not a member."""
    membership = (
        Membership.objects.select_related("organisation")
        .filter(user=user, organisation__slug=org_slug)
        .first()
    )
    if membership is None:
        raise Http404
    org = membership.organisation
    person = Person.objects.for_org(org).filter(user=user).first()
    round_ids: frozenset[int] = frozenset()
    given_round_ids: frozenset[int] = frozenset()
    if person is not None and membership.role not in STAFF_ROLES:
        enrolled = Enrolment.objects.for_org(org).filter(
            person=person, status=Enrolment.Status.ENROLLED
        )
        round_ids = frozenset(enrolled.values_list("round_id", flat=True))
        if membership.role == Role.TRAINER:
            # The new trainers give round 2 of the trajectory whose round 1 they followed.
            trained_in = enrolled.filter(round__kind=Round.Kind.TRAINERS)
            given_round_ids = frozenset(
                Round.objects.for_org(org)
                .filter(
                    kind=Round.Kind.COLLEAGUES,
                    trajectory__in=trained_in.values("round__trajectory_id"),
                )
                .values_list("pk", flat=True)
            )
    return Actor(
        user=user,
        organisation=org,
        role=membership.role,
        person=person,
        round_ids=round_ids,
        given_round_ids=given_round_ids,
    )


def get_for_org_or_404[M: Model](queryset: type[M] | QuerySet[M], actor: Actor, **lookup: Any) -> M:
    """One row of the actor's organisation; the same 404 when missing or foreign."""
    qs = queryset._default_manager.all() if isinstance(queryset, type) else queryset
    row: M = get_object_or_404(qs.filter(organisation=actor.organisation), **lookup)
    return row


def rounds_visible_to(actor: Actor) -> QuerySet[Round]:
    """Staff roles see every round of their organisation; others their own and those they give."""
    qs = Round.objects.for_org(actor.organisation)
    if actor.is_staff_role:
        return qs
    return qs.filter(pk__in=actor.round_ids | actor.given_round_ids)


def meetings_visible_to(actor: Actor) -> QuerySet[Meeting]:
    """Staff roles see every meeting, preparation included; others those of their rounds."""
    qs = Meeting.objects.for_org(actor.organisation)
    if actor.is_staff_role:
        return qs
    return qs.filter(round__in=rounds_visible_to(actor))


# --- Permission rules (one condition a line) -----------------------------------------------


def _view_organisation(actor: Actor, obj: Any = None) -> bool:
    return True


def _edit_organisation(actor: Actor, obj: Any = None) -> bool:
    return actor.is_organiser


def _view_people(actor: Actor, obj: Any = None) -> bool:
    return actor.is_staff_role


def _manage_people(actor: Actor, obj: Any = None) -> bool:
    return actor.is_organiser


def _view_trajectory(actor: Actor, obj: Any = None) -> bool:
    return actor.is_staff_role


def _manage_trajectory(actor: Actor, obj: Any = None) -> bool:
    return actor.is_organiser


def _view_round(actor: Actor, obj: Round | None = None) -> bool:
    if actor.is_staff_role:
        return True
    return obj is not None and (obj.pk in actor.round_ids or actor.gives(obj))


RULES: dict[str, Callable[[Actor, Any], bool]] = {
    "organisation.view": _view_organisation,
    "organisation.edit": _edit_organisation,
    "people.view": _view_people,
    "people.manage": _manage_people,
    "trajectory.view": _view_trajectory,
    "trajectory.manage": _manage_trajectory,
    "round.view": _view_round,
}


def can(actor: Actor, action: str, obj: Any = None) -> bool:
    return RULES[action](actor, obj)


def require(actor: Actor, action: str, obj: Any = None) -> None:
    if not can(actor, action, obj):
        raise PermissionDenied


# Rules outside any organisation: provider staff (advisers) run the catalogue and add clients.


def can_create_organisation(user: AnyUser) -> bool:
    return user.is_authenticated and user.is_provider_staff


def can_edit_catalogue(user: AnyUser) -> bool:
    return user.is_authenticated and user.is_provider_staff


# --- View decorators -----------------------------------------------------------------------


class UserRequest(HttpRequest):
    """A request past ``login_required``: the user is a real one."""

    user: User  # narrower than HttpRequest's User | AnonymousUser
    htmx: HtmxDetails


class OrgRequest(UserRequest):
    """A request inside an organisation, resolved by ``org_view``."""

    actor: Actor
    org: Organisation


def org_view(action: str = "organisation.view") -> Callable[..., Any]:
    """Resolve ``org_slug`` into ``request.actor`` and ``request.org``.

    404 for a user who is not a member, 403 for a role without the action.
    """

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, org_slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
            actor = actor_for(request.user, org_slug)  # type: ignore[arg-type]
            require(actor, action)
            request.actor = actor  # type: ignore[attr-defined]
            request.org = actor.organisation  # type: ignore[attr-defined]
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def user_view(rule: Callable[[Any], bool] | None = None) -> Callable[..., Any]:
    """A logged-in view outside any organisation, optionally guarded by a user rule (403)."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if rule is not None and not rule(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
