"""An index on updated_at, newest first: govsite.site reads the newest change among published
people on every miss of its cache entry (PostgreSQL, large data: the whole query 11 ms → 0.4 ms).

Written with cooperation/listing_indexes.py rather than as db_index: on SQLite an AlterField
rebuilds the table and loses the raw-SQL listing indexes made before it.
"""

from django.db import migrations

from cooperation.listing_indexes import listing_indexes


class Migration(migrations.Migration):
    dependencies = [("cooperation", "0007_review_data")]

    operations = [
        listing_indexes(
            ("cooperation_person_updated", "cooperation_person", "updated_at DESC"),
        )
    ]
