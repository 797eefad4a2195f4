from django.db import migrations

from cooperation.search_indexes import trigram_extension, trigram_indexes


class Migration(migrations.Migration):
    dependencies = [("cooperation", "0004_record_times")]

    operations = [
        trigram_extension(),
        trigram_indexes(
            ("cooperation_person", "name"),
            ("cooperation_person", "disambiguation"),
            ("cooperation_person", "bio"),
            ("cooperation_appointment", "title"),
            ("cooperation_organization", "name"),
        ),
    ]
