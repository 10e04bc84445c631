"""Data: the first price list, the brochure's 2013 list prices (``offers.price_list_v1``)."""

from django.db import migrations

from binnenuit.offers import price_list_v1


def create_first_price_list(apps, schema_editor):
    price_list_v1.seed(
        price_list_model=apps.get_model("offers", "PriceList"),
        price_model=apps.get_model("offers", "Price"),
    )


class Migration(migrations.Migration):
    dependencies = [("offers", "0001_initial")]

    # Going back keeps the list: quotes may refer to it, and the seed never makes it twice.
    operations = [migrations.RunPython(create_first_price_list, migrations.RunPython.noop)]
