from django.db import migrations

from cooperation.search_indexes import bigram_columns


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0006_updated_at_index"),
        ("cooperation", "0015_search_bigrams"),
    ]

    operations = [
        bigram_columns(
            ("projects_project", ("name", "description")),
        ),
    ]
