"""The profiles app's URLs in the access walk (tests/test_url_walk.py)."""

from __future__ import annotations

from django.core.files.base import ContentFile

from binnenuit.demo.images import tiny_png
from binnenuit.organisations.models import Person
from binnenuit.profiles import services
from binnenuit.profiles.models import Profile


def cases(world):
    from tests.test_url_walk import ORG_MEMBERS_200, ROLES, STAFF_ONLY, Case, expect

    trainer = world.actor("trainer")
    profile = services.profile_save(
        by=trainer,
        person=world.people["trainer"],
        story="Ik luister eerst.",
        difference="Ik begin bij wat bewoners zelf willen.",
        photo=ContentFile(tiny_png(), name="ik.png"),
    )
    profile = services.profile_share(by=trainer, profile=profile, share=True)
    elsewhere = Person.objects.create(
        organisation=world.other_org, full_name="Trainer Elders", email="trainer@elders.example"
    )
    foreign = Profile.objects.create(
        organisation=world.other_org, person=elsewhere, story="Elders.", difference="Elders."
    )
    foreign.photo.save("elders.png", ContentFile(tiny_png()), save=True)
    o = {"org_slug": world.org.slug}
    own_only = expect(403, trainer=200, outsider=404)
    token = {"token": profile.share_token}
    return {
        "profiles:gallery": Case(o, ORG_MEMBERS_200),
        "profiles:edit": Case(o, own_only),
        "profiles:share": Case(o, own_only),
        "profiles:strengths": Case(o, STAFF_ONLY),
        "profiles:story": Case(
            {**o, "pk": profile.pk}, ORG_MEMBERS_200, foreign={**o, "pk": foreign.pk}
        ),
        "profiles:photo": Case(
            {**o, "pk": profile.pk}, ORG_MEMBERS_200, foreign={**o, "pk": foreign.pk}
        ),
        "profiles:poster": Case(
            {**o, "pk": profile.pk}, ORG_MEMBERS_200, foreign={**o, "pk": foreign.pk}
        ),
        # Shared by the trainer's consent: no login, the secret address is the key.
        "profiles:shared": Case(token, dict.fromkeys(ROLES, 200)),
        "profiles:shared-photo": Case(token, dict.fromkeys(ROLES, 200)),
    }
