from django.db import migrations

from cooperation.search_indexes import bigram_columns


class Migration(migrations.Migration):
    dependencies = [
        ("visits", "0007_delegation_related_projects"),
        ("cooperation", "0015_search_bigrams"),
    ]

    operations = [
        bigram_columns(
            ("visits_delegation", ("title", "name", "purpose", "summary", "body")),
            ("visits_sitevisit", ("place", "description")),
            ("visits_meeting", ("title", "place", "summary")),
            ("visits_speech", ("points", "name_as_printed", "title_as_printed")),
        ),
    ]
