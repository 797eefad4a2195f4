"""An index on updated_at, newest first: govsite.site reads the newest change among published
trips and meetings on every miss of its cache entry (PostgreSQL, large data: the whole query 11 ms → 0.4 ms).

Written with cooperation/listing_indexes.py rather than as db_index: on SQLite an AlterField
rebuilds the table and loses the raw-SQL listing indexes made before it.
"""

from django.db import migrations

from cooperation.listing_indexes import listing_indexes


class Migration(migrations.Migration):
    dependencies = [("visits", "0005_listing_indexes")]

    operations = [
        listing_indexes(
            ("visits_delegation_updated", "visits_delegation", "updated_at DESC"),
            ("visits_meeting_updated", "visits_meeting", "updated_at DESC"),
        )
    ]
