from django.db import migrations

from cooperation.search_indexes import bigram_columns, bigram_function


class Migration(migrations.Migration):
    dependencies = [("cooperation", "0014_slug_redirect_field_names")]

    operations = [
        bigram_function(),
        bigram_columns(
            ("cooperation_person", ("name", "disambiguation", "bio")),
        ),
    ]
