"""Trigram similarity (misspellings) and unaccent (å/ä/ö) on PostgreSQL.

Django's extension operations do nothing on other databases: SQLite searches
with its own fold() function (see ``utblick.search.db``).
"""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    initial = True
    dependencies: list = []
    operations = [TrigramExtension(), UnaccentExtension()]
