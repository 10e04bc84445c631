"""Django's own screen texts that its Dutch catalogue misses.

Django 6.1 rewrote the "too short" password message; its Dutch catalogue still has the old
wording, so users would read it in English. Naming the new message here puts it in our
catalogue (``./dev messages``), which Django consults first.
"""

from __future__ import annotations

from django.utils.translation import ngettext_lazy

PASSWORD_TOO_SHORT = ngettext_lazy(
    "This password is too short. It must contain at least %d character.",
    "This password is too short. It must contain at least %d characters.",
    "min_length",
)
