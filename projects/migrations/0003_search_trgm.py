from django.db import migrations

from cooperation.search_indexes import trigram_indexes


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0002_record_times"),
        ("cooperation", "0005_search_trgm"),
    ]

    operations = [
        trigram_indexes(
            ("projects_project", "name"),
            ("projects_project", "description"),
        ),
    ]
