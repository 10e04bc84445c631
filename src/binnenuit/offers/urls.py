from __future__ import annotations

from django.urls import path

from binnenuit.offers import views

app_name = "offers"

Q = "o/<slug:org_slug>/offertes/<int:pk>"
F = "o/<slug:org_slug>/facturen/<int:pk>"

urlpatterns = [
    path("prijslijsten/", views.pricelist_list, name="pricelist-list"),
    path("prijslijsten/nieuw/", views.pricelist_create, name="pricelist-create"),
    path("prijslijsten/<int:pk>/bewerken/", views.pricelist_update, name="pricelist-update"),
    path("facturen/", views.invoice_overview, name="invoice-overview"),
    path("o/<slug:org_slug>/offertes/", views.quote_list, name="quote-list"),
    path("o/<slug:org_slug>/offertes/nieuw/", views.quote_create, name="quote-create"),
    path(f"{Q}/", views.quote_detail, name="quote-detail"),
    path(f"{Q}/bewerken/", views.quote_update, name="quote-update"),
    path(f"{Q}/pdf/", views.quote_pdf, name="quote-pdf"),
    path(f"{Q}/versturen/", views.quote_send, name="quote-send"),
    path(f"{Q}/accepteren/", views.quote_accept, name="quote-accept"),
    path(f"{Q}/afwijzen/", views.quote_decline, name="quote-decline"),
    path(f"{Q}/nieuwe-versie/", views.quote_new_version, name="quote-new-version"),
    path(f"{Q}/traject-starten/", views.quote_start_trajectory, name="quote-start-trajectory"),
    path(f"{Q}/extra-factureren/", views.invoice_create_extras, name="invoice-create-extras"),
    path(
        "o/<slug:org_slug>/rondes/<int:pk>/factureren/",
        views.invoice_create_round,
        name="invoice-create-round",
    ),
    path("o/<slug:org_slug>/facturen/", views.invoice_list, name="invoice-list"),
    path(f"{F}/", views.invoice_detail, name="invoice-detail"),
    path(f"{F}/pdf/", views.invoice_pdf, name="invoice-pdf"),
    path(f"{F}/versturen/", views.invoice_send, name="invoice-send"),
    path(f"{F}/betaald/", views.invoice_paid, name="invoice-paid"),
    path(f"{F}/crediteren/", views.invoice_credit, name="invoice-credit"),
]
