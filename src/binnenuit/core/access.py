"""The access framework: who acts, which rules exist, and the gates views pass through.

This module knows no domain app. Each app registers what it owns when it loads (in its
``rules.py``, imported by its ``AppConfig.ready``):

- its **rules**, small predicates over ``(actor, obj)`` built with the ``rules`` package and
  registered with :func:`add_rule`;
- the **facts** its rules need about an actor (``@fact("trajectories.followed_round_ids")``),
  loaded on first use and cached on the actor for the rest of the request;
- for ``organisations``: the **actor loader** that turns a user and an organisation slug into
  an :class:`Actor`.

Views pass one of two gates: ``org_view(action)`` (404 for a non-member, 403 for a role
without the action) or ``user_view(action)`` outside any organisation. Objects are fetched and
checked in one step with :func:`fetch` (the same 404 for "missing" and "another
organisation's", 403 when the rule refuses). Services that change state take the acting
:class:`Actor` as ``by=`` and call :func:`require` themselves. Templates ask ``{% can %}``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from typing import TYPE_CHECKING, Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from rules.predicates import Predicate
from rules.rulesets import RuleSet

if TYPE_CHECKING:
    from django_htmx.middleware import HtmxDetails

type ActorLoader = Callable[[Any, str], "Actor"]
type FactLoader = Callable[["Actor"], Any]


@dataclass(eq=False)
class Actor:
    """A logged-in user, acting inside one organisation with a role there, or outside any.

    Role-specific facts (the actor's own employee record, the rounds they follow ...) are
    loaded on first use through the loaders apps register, and kept for the request.
    """

    user: Any  # the AUTH_USER_MODEL instance; core names no domain model
    organisation: Any = None  # the Organisation acted in; None outside an organisation
    role: str = ""
    role_label: str = ""  # the role as the reader's language names it
    _facts: dict[str, Any] = field(default_factory=dict, repr=False)

    def fact(self, name: str) -> Any:
        if name not in self._facts:
            self._facts[name] = _FACT_LOADERS[name](self)
        return self._facts[name]

    @property
    def in_organisation(self) -> bool:
        return self.organisation is not None


# --- The registries -----------------------------------------------------------------------

RULES = RuleSet()
_FACT_LOADERS: dict[str, FactLoader] = {}
_actor_loader: list[ActorLoader] = []


def predicate(fn: Callable[..., bool]) -> Predicate:
    """A rule's building block: one condition over ``(actor)`` or ``(actor, obj)``.

    Predicates combine with ``|``, ``&`` and ``~`` (the ``rules`` package).
    """
    return Predicate(fn)


def add_rule(name: str, rule: Predicate) -> None:
    """Register a rule; a second rule with the same name is a programming error."""
    RULES.add_rule(name, rule)  # type: ignore[no-untyped-call]


def rule_names() -> list[str]:
    return sorted(RULES)


def fact(name: str) -> Callable[[FactLoader], FactLoader]:
    """Register the loader of one actor fact: ``@fact("app.name") def loader(actor): ...``."""

    def register(loader: FactLoader) -> FactLoader:
        if name in _FACT_LOADERS:
            raise KeyError(f"A fact named {name!r} is registered already.")
        _FACT_LOADERS[name] = loader
        return loader

    return register


def register_actor_loader(loader: ActorLoader) -> None:
    """Set how a user and an organisation slug become an Actor (404 for a non-member)."""
    _actor_loader[:] = [loader]


def actor_in(user: Any, org_slug: str) -> Actor:
    if not _actor_loader:
        raise LookupError("No actor loader is registered: is the organisations app installed?")
    return _actor_loader[0](user, org_slug)


def actor_outside(user: Any) -> Actor:
    """The user acting outside any organisation (the catalogue, adding an organisation)."""
    return Actor(user=user)


# --- Checking -----------------------------------------------------------------------------


def can(actor: Actor | None, action: str, obj: Any = None) -> bool:
    """Whether the actor may do ``action`` (on ``obj``); an unknown rule is an error.

    Whatever the rule says, an object of another organisation than the actor's is refused.
    """
    if action not in RULES:
        raise KeyError(f"No access rule is named {action!r}.")
    if actor is None:
        return False
    if actor.in_organisation and _tenant_of(actor, obj) not in (None, actor.organisation.pk):
        return False
    return bool(RULES[action].test(actor, obj))


def _tenant_of(actor: Actor, obj: Any) -> Any:
    """The organisation (its key) an object belongs to: its own for an organisation."""
    if obj is None:
        return None
    if isinstance(obj, type(actor.organisation)):
        return obj.pk
    return getattr(obj, "organisation_id", None)


def require(actor: Actor, action: str, obj: Any = None) -> None:
    """Raise PermissionDenied (403) unless the actor may do ``action`` (on ``obj``)."""
    if not can(actor, action, obj):
        raise PermissionDenied


def get_in_organisation_or_404[M: Model](
    queryset: type[M] | QuerySet[M], actor: Actor, **lookup: Any
) -> M:
    """One row of the actor's organisation; the same 404 when it is missing or foreign."""
    qs = queryset._default_manager.all() if isinstance(queryset, type) else queryset
    row: M = get_object_or_404(qs.filter(organisation=actor.organisation), **lookup)
    return row


def fetch[M: Model](queryset: type[M] | QuerySet[M], actor: Actor, action: str, **lookup: Any) -> M:
    """Fetch a row of the actor's organisation and check the rule on it, in one step.

    404 when it is missing or another organisation's; 403 when the rule refuses.
    """
    row = get_in_organisation_or_404(queryset, actor, **lookup)
    require(actor, action, row)
    return row


# --- The gates ----------------------------------------------------------------------------


class ActorRequest(HttpRequest):
    """A request past one of the gates below: there is a user and an actor."""

    user: Any  # the AUTH_USER_MODEL instance, never anonymous here
    actor: Actor
    htmx: HtmxDetails


def org_view(action: str = "organisation.view") -> Callable[..., Any]:
    """Resolve ``org_slug`` into ``request.actor`` and ``request.org``.

    404 for a user who is not a member, 403 for a role without the action.
    """

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, org_slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
            actor = actor_in(request.user, org_slug)
            require(actor, action)
            request.actor = actor  # type: ignore[attr-defined]
            request.org = actor.organisation  # type: ignore[attr-defined]
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def user_view(action: str | None = None) -> Callable[..., Any]:
    """A logged-in view outside any organisation, optionally guarded by a rule (403)."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            actor = actor_outside(request.user)
            if action is not None:
                require(actor, action)
            request.actor = actor  # type: ignore[attr-defined]
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def request_actor(request: HttpRequest) -> Actor | None:
    """The actor a gate set, or the logged-in user outside an organisation, or None."""
    actor: Actor | None = getattr(request, "actor", None)
    if actor is None:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            actor = actor_outside(user)
    return actor
