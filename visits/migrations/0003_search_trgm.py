from django.db import migrations

from cooperation.search_indexes import trigram_indexes


class Migration(migrations.Migration):
    dependencies = [
        ("visits", "0002_record_times"),
        ("cooperation", "0005_search_trgm"),
    ]

    operations = [
        trigram_indexes(
            ("visits_delegation", "title"),
            ("visits_delegation", "name"),
            ("visits_delegation", "purpose"),
            ("visits_delegation", "summary"),
            ("visits_delegation", "body"),
            ("visits_sitevisit", "place"),
            ("visits_sitevisit", "description"),
            ("visits_meeting", "title"),
            ("visits_meeting", "place"),
            ("visits_meeting", "summary"),
            ("visits_speech", "points"),
            ("visits_speech", "name_as_printed"),
            ("visits_speech", "title_as_printed"),
        ),
    ]
