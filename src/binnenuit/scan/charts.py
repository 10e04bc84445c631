"""The report's charts as SVG, drawn here (no script, no external file): the same markup in
the page and in the PDF. Each chart has a title and a description for screen readers, and
the page follows it with its data table."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from binnenuit.scan.models import SCORE_MAX
from binnenuit.scan.selectors import Row, Stat

ROW = 22  # height of one competence's row
LABEL = 210  # width of the label column
PLOT = 330  # width of the plot
STRENGTH_COLOUR = "#1a5e8c"
IMPORTANCE_COLOUR = "#b35900"
GAP_COLOUR = "#8c1a3a"
TEXT = "#1a1a1a"


def _number(value: float | None) -> str:
    return "–" if value is None else number_format(round(value, 1), 1)


def _svg(chart_id: str, title: str, description: str, height: int, body: list[str]) -> SafeString:
    width = LABEL + PLOT + 50
    return mark_safe(  # noqa: S308 (every text in it is escaped here)
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="bu-chart" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>'
        f'<g font-family="sans-serif" font-size="12" fill="{TEXT}">{"".join(body)}</g></svg>'
    )


def _label(y: float, text: str) -> str:
    short = text if len(text) <= 32 else text[:31] + "…"
    return f'<text x="{LABEL - 6}" y="{y + 14}" text-anchor="end">{escape(short)}</text>'


def gap_description(rows: Sequence[Row]) -> str:
    top = [r for r in rows if (r.total.gap or 0) > 0][:3]
    if not top:
        return _("No competence has a gap: everywhere we are as strong as it matters.")
    items = ", ".join(f"{r.competence.name} ({_number(r.total.gap)})" for r in top)
    return _("The biggest gaps (importance minus strength): %(items)s.") % {"items": items}


def gap_chart(rows: Sequence[Row], *, chart_id: str = "gap-chart") -> SafeString:
    """A horizontal bar per competence: the gap, biggest first; negative gaps to the left."""
    low = min([0.0, *(r.total.gap or 0.0 for r in rows)])
    high = max([0.0, *(r.total.gap or 0.0 for r in rows)])
    span = (high - low) or 1.0
    zero = LABEL + PLOT * (-low / span)
    body = [
        f'<line x1="{zero:.1f}" y1="0" x2="{zero:.1f}" y2="{ROW * len(rows)}" stroke="{TEXT}"/>'
    ]
    for i, row in enumerate(rows):
        y = i * ROW
        gap = row.total.gap or 0.0
        end = LABEL + PLOT * ((gap - low) / span)
        x, width = min(zero, end), abs(end - zero)
        body.append(_label(y, row.competence.name))
        body.append(
            f'<rect x="{x:.1f}" y="{y + 4}" width="{width:.1f}" height="{ROW - 8}" '
            f'fill="{GAP_COLOUR}"/>'
        )
        body.append(f'<text x="{max(zero, end) + 4:.1f}" y="{y + 14}">{_number(gap)}</text>')
    title = _("Gap per competence: importance minus strength")
    return _svg(chart_id, title, gap_description(rows), ROW * len(rows) + 4, body)


def group_description(name: str, stats: Sequence[tuple[Row, Stat]]) -> str:
    shown = [(r, s) for r, s in stats if s.mean_strength is not None]
    if not shown:
        return _("%(group)s: no scores.") % {"group": name}
    strongest = max(shown, key=lambda p: p[1].mean_strength or 0.0)
    weakest = min(shown, key=lambda p: p[1].mean_strength or 0.0)
    return _(
        "%(group)s: strongest in %(strong)s (%(strong_score)s), weakest in %(weak)s "
        "(%(weak_score)s), on a scale of 1 to 5. The table below gives every figure."
    ) % {
        "group": name,
        "strong": strongest[0].competence.name,
        "strong_score": _number(strongest[1].mean_strength),
        "weak": weakest[0].competence.name,
        "weak_score": _number(weakest[1].mean_strength),
    }


def group_chart(name: str, stats: Sequence[tuple[Row, Stat]], *, chart_id: str) -> SafeString:
    """Per competence two bars on the scale 0–5: strength now and importance."""
    strength, importance = escape(_("strength")), escape(_("importance"))
    body = [
        f'<rect x="{LABEL}" y="2" width="10" height="10" fill="{STRENGTH_COLOUR}"/>'
        f'<text x="{LABEL + 14}" y="11">{strength}</text>'
        f'<rect x="{LABEL + 110}" y="2" width="10" height="10" fill="{IMPORTANCE_COLOUR}"/>'
        f'<text x="{LABEL + 124}" y="11">{importance}</text>'
    ]
    top = 18
    for i, (row, stat) in enumerate(stats):
        y = top + i * ROW
        body.append(_label(y, row.competence.name))
        for offset, value, colour in (
            (3, stat.mean_strength, STRENGTH_COLOUR),
            (11, stat.mean_importance, IMPORTANCE_COLOUR),
        ):
            width = PLOT * (value or 0.0) / SCORE_MAX
            body.append(
                f'<rect x="{LABEL}" y="{y + offset}" width="{width:.1f}" height="7" '
                f'fill="{colour}"/>'
            )
        body.append(
            f'<text x="{LABEL + PLOT + 4}" y="{y + 14}">'
            f"{_number(stat.mean_strength)} / {_number(stat.mean_importance)}</text>"
        )
    title = _("Strength and importance per competence: %(group)s") % {"group": name}
    return _svg(chart_id, title, group_description(name, stats), top + ROW * len(stats) + 4, body)
