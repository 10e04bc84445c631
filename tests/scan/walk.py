"""The scan app's URLs in the access walk (tests/test_url_walk.py), public pages included."""

from __future__ import annotations

from binnenuit.scan import services, tasks
from binnenuit.scan.models import Scan
from tests.scan.conftest import competences, make_scan, respond


def cases(world):
    from tests.test_url_walk import ADVISERS_ONLY, ROLES, STAFF_ONLY, Case, expect

    adviser = world.actor("adviser")
    scan = make_scan(world, title="Open scan")
    first = competences(scan)[0]
    for name in ("Inwoners", "Medewerkers Wijken"):
        for _ in range(5):
            respond(scan, name, {first.pk: (2, 4)}, {scan.questions.first().pk: "Goed."})
    closed = make_scan(world, title="Gesloten scan")
    for _ in range(5):
        respond(closed, "Inwoners", {first.pk: (2, 4)})
    closed = services.scan_close(by=adviser, scan=closed)
    services.report_request(by=adviser, scan=closed)
    tasks.report_make(scan_id=closed.pk)
    foreign = Scan.objects.create(
        organisation=world.other_org,
        title="Elders",
        template=scan.template,
        token=services.new_browser_token(),
    )
    o = {"org_slug": world.org.slug}

    def own(s: Scan) -> dict[str, object]:
        return {**o, "pk": s.pk}

    other = {**o, "pk": foreign.pk}
    token = {"token": scan.token}
    return {
        "scan:scan-list": Case(o, STAFF_ONLY),
        "scan:scan-create": Case(o, ADVISERS_ONLY),
        "scan:scan-detail": Case(own(scan), STAFF_ONLY, foreign=other),
        "scan:scan-update": Case(own(scan), ADVISERS_ONLY, foreign=other),
        "scan:scan-status": Case(own(scan), ADVISERS_ONLY, foreign=other),
        "scan:scan-live": Case(own(scan), STAFF_ONLY, foreign=other),
        "scan:open-answers": Case(own(scan), ADVISERS_ONLY, foreign=other),
        "scan:report": Case(own(closed), STAFF_ONLY, foreign=other),
        # Without its one-time token the request changes nothing and goes back to the report.
        "scan:report-make": Case(
            own(closed), expect(403, adviser=302, outsider=404), method="post", foreign=other
        ),
        "scan:report-pdf": Case(own(closed), STAFF_ONLY, foreign=other),
        "scan:report-csv": Case(own(closed), STAFF_ONLY, foreign=other),
        # Public: no login, the link's key is the way in. Without a group chosen in this
        # browser the questions send you back to the start.
        "scan:respond": Case(token, dict.fromkeys(ROLES, 200)),
        "scan:answer": Case(token, dict.fromkeys(ROLES, 302)),
        "scan:thanks": Case(token, dict.fromkeys(ROLES, 200)),
    }
