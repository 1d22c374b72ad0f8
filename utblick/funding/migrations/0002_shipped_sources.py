"""The shipped reference list of funders (utblick/funding/reference.py)."""

from django.db import migrations


def load(apps, schema_editor):
    from utblick.funding.reference import ensure_funding_sources

    ensure_funding_sources(apps.get_model("funding", "FundingSource"))


class Migration(migrations.Migration):
    dependencies = [("funding", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
