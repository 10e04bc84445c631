"""My calendar (the subscription under the account), the feed itself, a meeting's entry."""

from __future__ import annotations

import datetime

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from binnenuit.calendars import entries, ics, selectors, services
from binnenuit.core import ratelimit
from binnenuit.core.access import ActorRequest, org_view, user_view
from binnenuit.core.forms import ConfirmForm, submit_confirmation
from binnenuit.core.http import client_ip
from binnenuit.organisations.access import OrgRequest

# Calendar apps fetch a feed every few minutes to every few hours, and a whole town hall may
# share one address: generous per address, and still a limit.
FEED_LIMIT = 600
FEED_WINDOW = datetime.timedelta(hours=1)
FEED_REFRESH = datetime.timedelta(hours=1)  # asked of calendar apps (Google keeps its own pace)


def _page() -> str:
    return reverse("calendars:feed-detail")


@require_http_methods(["GET", "POST"])
@user_view("calendar.own")
def feed_detail(request: ActorRequest) -> HttpResponse:
    """My calendar: the subscription's address, how to subscribe; the button that makes it."""
    if request.method == "POST":
        return submit_confirmation(
            request,
            lambda: (services.feed_start(by=request.actor), _page())[1],
            success=_("Your calendar address is ready. Copy it into your calendar app."),
            back=_page(),
        )
    feed = selectors.feed_of(request.user)
    url = selectors.feed_url(feed) if feed is not None else ""
    context = {
        "feed": feed,
        "url": url,
        "webcal": "webcal://" + url.partition("://")[2] if url else "",
        "form": ConfirmForm(),
    }
    return render(request, "calendars/feed_detail.html", context)


@require_http_methods(["GET", "POST"])
@user_view("calendar.own")
def feed_renew(request: ActorRequest) -> HttpResponse:
    if request.method == "POST":
        return submit_confirmation(
            request,
            lambda: (services.feed_renew(by=request.actor), _page())[1],
            success=_("Your calendar has a new address. Put it in your calendar app instead."),
            back=_page(),
        )
    if selectors.feed_of(request.user) is None:
        return redirect(_page())
    return render(request, "calendars/feed_renew.html", {"form": ConfirmForm()})


@require_http_methods(["GET", "POST"])
@user_view("calendar.own")
def feed_revoke(request: ActorRequest) -> HttpResponse:
    if request.method == "POST":
        return submit_confirmation(
            request,
            lambda: (services.feed_revoke(by=request.actor), _page())[1],
            success=_("Your calendar address no longer works."),
            back=_page(),
        )
    if selectors.feed_of(request.user) is None:
        return redirect(_page())
    return render(request, "calendars/feed_revoke.html", {"form": ConfirmForm()})


def _calendar_response(document: bytes, filename: str, *, download: bool) -> HttpResponse:
    response = HttpResponse(document, content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if download else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
def feed_ics(request: HttpRequest, token: str) -> HttpResponse:
    """The subscription itself, for calendar apps: no login, the token is the key.

    An unknown, renewed or revoked token gets the site's ordinary 404, the same as any
    address that does not exist. Every request counts against its address's limit.
    """
    key = f"calendar-feed:{client_ip(request)}"
    if ratelimit.exceeded(key, limit=FEED_LIMIT, window=FEED_WINDOW):
        response = HttpResponse(
            _("Too many requests from this address. Try again later."),
            status=429,
            content_type="text/plain; charset=utf-8",
        )
        response["Retry-After"] = str(int(FEED_WINDOW.total_seconds()))
        return response
    ratelimit.hit(key)
    feed = selectors.feed_by_token(token)
    if feed is None:
        raise Http404
    events = [
        entries.meeting_event(meeting, part=selectors.meeting_part(meeting))
        for meeting in selectors.feed_meetings(feed.user)
    ]
    document = ics.calendar(events, name=_("Binnenuit meetings"), refresh=FEED_REFRESH)
    services.feed_fetched(feed)
    return _calendar_response(document, "binnenuit.ics", download=False)


@require_safe
@org_view()
def meeting_ics(request: OrgRequest, pk: int) -> HttpResponse:
    """One planned meeting's calendar entry, for whoever may see the meeting."""
    meeting = selectors.meeting_to_download(request.actor, pk)
    document = ics.calendar([entries.meeting_event(meeting)], method=ics.Method.PUBLISH)
    filename = f"{meeting.date:%Y-%m-%d}-{slugify(meeting.title)[:60] or 'bijeenkomst'}.ics"
    return _calendar_response(document, filename, download=True)
