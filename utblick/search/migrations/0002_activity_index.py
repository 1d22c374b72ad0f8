"""The activities' search index and the triggers that keep it (see ``utblick.search.index``)."""

from django.db import migrations

from utblick.search import index


def forward(apps, schema_editor):  # noqa: ANN001, ANN201
    index.install(schema_editor.connection, rebuild=True)


def backward(apps, schema_editor):  # noqa: ANN001, ANN201
    index.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
        ("activities", "0005_history_action"),
    ]
    operations = [migrations.RunPython(forward, backward)]
