"""The pages of price lists, quotes and invoices.

A page about one row passes the gate with the rule to see such rows and then fetches the row
with the rule of its action: another organisation's row is 404 for everyone, as a missing one
is, and only an own row can answer 403.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from binnenuit.core.access import ActorRequest, can, org_view, user_view
from binnenuit.core.exceptions import ServiceError
from binnenuit.core.forms import ConfirmForm, submit, submit_confirmation
from binnenuit.core.htmx import page_or_partial, redirect_after_post
from binnenuit.core.pagination import paginate
from binnenuit.offers import documents, selectors, services, tables
from binnenuit.offers.forms import (
    InvoiceFilterForm,
    PaidForm,
    PriceListEndForm,
    PriceListForm,
    QuoteForm,
    StartTrajectoryForm,
)
from binnenuit.offers.models import Invoice, InvoiceState, PriceList, Quote, QuoteState
from binnenuit.organisations.access import OrgRequest
from binnenuit.trajectories.selectors import round_for

# --- Price lists (the provider's, outside any organisation) ---------------------------------


@require_GET
@user_view("pricelist.edit")
def pricelist_list(request: ActorRequest) -> HttpResponse:
    context = {
        "page": paginate(request, selectors.price_list_list()),
        "columns": tables.PRICE_LISTS,
    }
    return render(request, "offers/pricelist_list.html", context)


@require_http_methods(["GET", "POST"])
@user_view("pricelist.edit")
def pricelist_create(request: ActorRequest) -> HttpResponse:
    form = PriceListForm(request.POST or None)
    if request.method == "POST":
        done = submit(
            request,
            form,
            lambda: _saved_price_list(
                services.price_list_create(by=request.actor, **form.service_values())
            ),
            success=_("The price list has been saved."),
        )
        if done is not None:
            return done
    return render(request, "offers/pricelist_form.html", {"form": form})


def _saved_price_list(price_list: PriceList) -> str:
    del price_list
    return reverse("offers:pricelist-list")


@require_http_methods(["GET", "POST"])
@user_view("pricelist.edit")
def pricelist_update(request: ActorRequest, pk: int) -> HttpResponse:
    price_list = get_object_or_404(PriceList.objects.prefetch_related("prices"), pk=pk)
    in_use = selectors.price_list_in_use(price_list=price_list)
    form: PriceListForm | PriceListEndForm
    run: Callable[[], str]
    if in_use:
        form = PriceListEndForm(
            request.POST or None, initial={"valid_until": price_list.valid_until}
        )

        def run() -> str:
            return _saved_price_list(
                services.price_list_end(
                    by=request.actor,
                    price_list=price_list,
                    valid_until=form.cleaned_data["valid_until"],
                )
            )

    else:
        form = PriceListForm(request.POST or None, instance=price_list)

        def run() -> str:
            assert isinstance(form, PriceListForm)  # noqa: S101 (chosen just above)
            return _saved_price_list(
                services.price_list_update(
                    by=request.actor, price_list=price_list, **form.service_values()
                )
            )

    if request.method == "POST":
        done = submit(request, form, run, success=_("The price list has been saved."))
        if done is not None:
            return done
    return render(
        request,
        "offers/pricelist_form.html",
        {
            "form": form,
            "price_list": price_list,
            "in_use": in_use,
            "prices": price_list.prices_in_order() if in_use else (),
        },
    )


# --- Quotes ---------------------------------------------------------------------------------


@require_GET
@org_view("quote.view")
def quote_list(request: OrgRequest) -> HttpResponse:
    context = {
        "page": paginate(request, selectors.quote_list(actor=request.actor)),
        "columns": tables.QUOTES,
    }
    return render(request, "offers/quote_list.html", context)


def _quote_form(request: OrgRequest, quote: Quote | None = None) -> QuoteForm:
    """The quote form; a new one may come with its trajectory chosen (``?traject=<pk>``)."""
    trajectories = selectors.start_candidates(actor=request.actor)
    chosen = request.GET.get("traject", "")
    preselect = (
        trajectories.filter(pk=int(chosen)).first()
        if quote is None and request.method == "GET" and chosen.isdigit()
        else None
    )
    return QuoteForm(
        request.POST or None, trajectories=trajectories, instance=quote, preselect=preselect
    )


@require_http_methods(["GET", "POST"])
@org_view("quote.manage")
def quote_create(request: OrgRequest) -> HttpResponse:
    form = _quote_form(request)
    if request.method == "POST":
        done = submit(
            request,
            form,
            lambda: services.quote_create(
                by=request.actor, **form.service_values()
            ).get_absolute_url(),
            success=_("The draft quote has been saved. Check it, then send it."),
        )
        if done is not None:
            return done
    return render(request, "offers/quote_form.html", {"form": form})


@require_GET
@org_view("quote.view")
def quote_detail(request: OrgRequest, pk: int) -> HttpResponse:
    quote = selectors.quote_for(request.actor, pk)
    context = {
        **documents.quote_context(quote),
        "versions": selectors.quote_versions(quote=quote),
        "columns": tables.LINES,
        "version_columns": tables.VERSIONS,
        "form": ConfirmForm(),
        "newer": getattr(quote, "replaced_by", None),
    }
    return render(request, "offers/quote_detail.html", context)


def _read_only(request: OrgRequest, quote: Quote) -> HttpResponse | None:
    if quote.is_draft:
        return None
    messages.info(
        request,
        _("A quote that has been sent can no longer change. Make a new version to change it."),
    )
    return redirect_after_post(request, quote.get_absolute_url())


@require_http_methods(["GET", "POST"])
@org_view("quote.view")
def quote_update(request: OrgRequest, pk: int) -> HttpResponse:
    quote = selectors.quote_for(request.actor, pk, "quote.manage")
    if refused := _read_only(request, quote):
        return refused
    form = _quote_form(request, quote)
    if request.method == "POST":
        done = submit(
            request,
            form,
            lambda: services.quote_update(
                by=request.actor, quote=quote, **form.service_values()
            ).get_absolute_url(),
            success=_("The draft quote has been saved."),
        )
        if done is not None:
            return done
    return render(request, "offers/quote_form.html", {"form": form, "quote": quote})


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
@org_view("quote.view")
def quote_pdf(request: OrgRequest, pk: int) -> HttpResponse:
    quote = selectors.quote_for(request.actor, pk)
    content = documents.quote_pdf(quote, language=translation.get_language() or "nl")
    return _pdf(content, f"offerte-{quote.number}-v{quote.version}.pdf")


def _confirm(
    request: OrgRequest,
    quote: Quote,
    *,
    template: str,
    run: Callable[[], object],
    success: str,
) -> HttpResponse:
    if request.method == "POST":

        def act() -> str:
            run()
            return quote.get_absolute_url()

        return submit_confirmation(request, act, success=success, back=quote.get_absolute_url())
    context = {**documents.quote_context(quote), "form": ConfirmForm()}
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
@org_view("quote.view")
def quote_send(request: OrgRequest, pk: int) -> HttpResponse:
    quote = selectors.quote_for(request.actor, pk, "quote.manage")
    if request.method == "GET" and (refused := _read_only(request, quote)):
        return refused
    return _confirm(
        request,
        quote,
        template="offers/quote_send.html",
        run=lambda: services.quote_send(by=request.actor, quote=quote),
        success=_("The quote has been sent. The organisation can now accept it."),
    )


def _undecidable(request: OrgRequest, quote: Quote) -> HttpResponse | None:
    """Back to the quote, with the reason, when it cannot be accepted or declined now."""
    try:
        services.check_decidable(quote)
    except ServiceError as error:
        messages.error(request, " ".join(error.messages))
        return redirect_after_post(request, quote.get_absolute_url())
    return None


@require_http_methods(["GET", "POST"])
@org_view("quote.view")
def quote_accept(request: OrgRequest, pk: int) -> HttpResponse:
    quote = selectors.quote_for(request.actor, pk, "quote.decide")
    if request.method == "GET" and (refused := _undecidable(request, quote)):
        return refused
    return _confirm(
        request,
        quote,
        template="offers/quote_accept.html",
        run=lambda: services.quote_accept(by=request.actor, quote=quote),
        success=_("The quote has been accepted. Thank you: your adviser will be in touch."),
    )


@require_http_methods(["GET", "POST"])
@org_view("quote.view")
def quote_decline(request: OrgRequest, pk: int) -> HttpResponse:
    quote = selectors.quote_for(request.actor, pk, "quote.decide")
    if request.method == "GET" and (refused := _undecidable(request, quote)):
        return refused
    return _confirm(
        request,
        quote,
        template="offers/quote_decline.html",
        run=lambda: services.quote_decline(by=request.actor, quote=quote),
        success=_("The quote has been declined."),
    )


@require_POST
@org_view("quote.view")
def quote_new_version(request: OrgRequest, pk: int) -> HttpResponse:
    quote = selectors.quote_for(request.actor, pk, "quote.manage")
    return submit_confirmation(
        request,
        lambda: services.quote_new_version(by=request.actor, quote=quote).get_absolute_url(),
        success=_("A new version has been made as a draft. Change it, then send it."),
        back=quote.get_absolute_url(),
    )


@require_http_methods(["GET", "POST"])
@org_view("quote.view")
def quote_start_trajectory(request: OrgRequest, pk: int) -> HttpResponse:
    quote = selectors.quote_for(request.actor, pk, "quote.start_trajectory")
    if quote.state != QuoteState.ACCEPTED or quote.trajectory_id is not None:
        messages.info(request, _("Only an accepted quote without a trajectory can start one."))
        return redirect_after_post(request, quote.get_absolute_url())
    form = StartTrajectoryForm(request.POST or None)
    if request.method == "POST":
        done = submit(
            request,
            form,
            lambda: services.quote_start_trajectory(
                by=request.actor,
                quote=quote,
                name=form.cleaned_data["name"],
                starts_on=form.cleaned_data["starts_on"],
            ).get_absolute_url(),
            success=_("The trajectory has started with the numbers of the quote."),
        )
        if done is not None:
            return done
    return render(request, "offers/quote_start_trajectory.html", {"form": form, "quote": quote})


# --- Invoices -------------------------------------------------------------------------------


def _filter_query(status: str, organisation: str = "") -> str:
    params = {k: v for k, v in (("status", status), ("organisatie", organisation)) if v}
    return urlencode(params)


@require_GET
@org_view("invoice.view")
def invoice_list(request: OrgRequest) -> HttpResponse:
    form = InvoiceFilterForm(request.GET)
    status = form.status_value()
    invoices = selectors.invoice_list(actor=request.actor, status=status)
    context: dict[str, object] = {
        "form": form,
        "status": status,
        "query": _filter_query(status),
        "page": paginate(request, invoices),
        "summary": selectors.invoice_summary(selectors.invoice_list(actor=request.actor)),
        "columns": tables.INVOICES,
        "to_invoice_columns": tables.TO_INVOICE,
    }
    if can(request.actor, "invoice.manage") and not request.htmx:
        # Each button its own one-time token: two different rows are two different actions.
        context["rounds_to_invoice"] = [
            (round_, ConfirmForm(auto_id=False))
            for round_ in selectors.rounds_to_invoice(actor=request.actor)
        ]
        context["extras_to_invoice"] = [
            (quote, ConfirmForm(auto_id=False))
            for quote in selectors.quotes_with_extras_to_invoice(actor=request.actor)
        ]
    return render(request, page_or_partial(request, "offers/invoice_list.html", "results"), context)


@require_POST
@org_view("invoice.view")
def invoice_create_round(request: OrgRequest, pk: int) -> HttpResponse:
    round_ = round_for(request.actor, pk, "invoice.manage")
    return submit_confirmation(
        request,
        lambda: services.invoice_create_for_round(
            by=request.actor, round_=round_
        ).get_absolute_url(),
        success=_("The invoice has been made as a draft. Check it, then send it."),
        back=reverse("offers:invoice-list", kwargs={"org_slug": request.org.slug}),
    )


@require_POST
@org_view("invoice.view")
def invoice_create_extras(request: OrgRequest, pk: int) -> HttpResponse:
    quote = selectors.quote_for(request.actor, pk, "invoice.manage")
    return submit_confirmation(
        request,
        lambda: services.invoice_create_for_extras(
            by=request.actor, quote=quote
        ).get_absolute_url(),
        success=_("The invoice has been made as a draft. Check it, then send it."),
        back=reverse("offers:invoice-list", kwargs={"org_slug": request.org.slug}),
    )


@require_GET
@org_view("invoice.view")
def invoice_detail(request: OrgRequest, pk: int) -> HttpResponse:
    invoice = selectors.invoice_for(request.actor, pk)
    context = {
        **documents.invoice_context(invoice),
        "columns": tables.LINES,
        "credit_note": getattr(invoice, "credit_note", None),
    }
    return render(request, "offers/invoice_detail.html", context)


@require_GET
@org_view("invoice.view")
def invoice_pdf(request: OrgRequest, pk: int) -> HttpResponse:
    invoice = selectors.invoice_for(request.actor, pk)
    content = documents.invoice_pdf(invoice, language=translation.get_language() or "nl")
    return _pdf(content, f"factuur-{invoice.number}.pdf")


def _invoice_confirm(
    request: OrgRequest,
    invoice: Invoice,
    *,
    allowed: bool,
    template: str,
    run: Callable[[], str],
    success: str,
) -> HttpResponse:
    if request.method == "POST":
        return submit_confirmation(request, run, success=success, back=invoice.get_absolute_url())
    if not allowed:
        messages.info(request, _("This cannot be done with this invoice in its present state."))
        return redirect_after_post(request, invoice.get_absolute_url())
    context = {**documents.invoice_context(invoice), "form": ConfirmForm()}
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
@org_view("invoice.view")
def invoice_send(request: OrgRequest, pk: int) -> HttpResponse:
    invoice = selectors.invoice_for(request.actor, pk, "invoice.manage")

    def run() -> str:
        services.invoice_send(by=request.actor, invoice=invoice)
        return invoice.get_absolute_url()

    return _invoice_confirm(
        request,
        invoice,
        allowed=invoice.state == InvoiceState.DRAFT,
        template="offers/invoice_send.html",
        run=run,
        success=_("The invoice has been sent."),
    )


@require_http_methods(["GET", "POST"])
@org_view("invoice.view")
def invoice_paid(request: OrgRequest, pk: int) -> HttpResponse:
    invoice = selectors.invoice_for(request.actor, pk, "invoice.manage")
    if invoice.state != InvoiceState.SENT or invoice.is_credit_note:
        messages.info(request, _("Only a sent invoice can be marked as paid."))
        return redirect_after_post(request, invoice.get_absolute_url())
    form = PaidForm(request.POST or None)
    if request.method == "POST":

        def run() -> str:
            services.invoice_mark_paid(
                by=request.actor, invoice=invoice, paid_on=form.cleaned_data["paid_on"]
            )
            return invoice.get_absolute_url()

        done = submit(request, form, run, success=_("The invoice has been marked as paid."))
        if done is not None:
            return done
    return render(request, "offers/invoice_paid.html", {"form": form, "invoice": invoice})


@require_http_methods(["GET", "POST"])
@org_view("invoice.view")
def invoice_credit(request: OrgRequest, pk: int) -> HttpResponse:
    invoice = selectors.invoice_for(request.actor, pk, "invoice.manage")
    return _invoice_confirm(
        request,
        invoice,
        allowed=not invoice.is_credit_note and invoice.state != InvoiceState.CREDITED,
        template="offers/invoice_credit.html",
        run=lambda: services.invoice_credit(by=request.actor, invoice=invoice).get_absolute_url(),
        success=_("The invoice has been credited with this credit note."),
    )


# --- The advisers' overview across organisations ---------------------------------------------


@require_GET
@user_view("invoice.overview")
def invoice_overview(request: ActorRequest) -> HttpResponse:
    form = InvoiceFilterForm(request.GET)
    status = form.status_value()
    organisations = selectors.advised_organisations(user=request.user).order_by("name")
    slug = form.organisation_slug()
    organisation = organisations.filter(slug=slug).first() if slug else None
    invoices = selectors.invoice_overview(
        user=request.user, status=status, organisation=organisation
    )
    context = {
        "form": form,
        "status": status,
        "organisations": organisations.only("pk", "name", "slug"),
        "organisation": organisation,
        "query": _filter_query(status, organisation.slug if organisation else ""),
        "page": paginate(request, invoices),
        "summary": selectors.invoice_summary(
            selectors.invoice_overview(user=request.user, organisation=organisation)
        ),
        "columns": tables.OVERVIEW,
    }
    return render(
        request, page_or_partial(request, "offers/invoice_overview.html", "results"), context
    )
