"""An index on updated_at, newest first: govsite.site reads the newest change among published
projects on every miss of its cache entry (PostgreSQL, large data: the whole query 11 ms → 0.4 ms).

Written with cooperation/listing_indexes.py rather than as db_index: on SQLite an AlterField
rebuilds the table and loses the raw-SQL listing indexes made before it.
"""

from django.db import migrations

from cooperation.listing_indexes import listing_indexes


class Migration(migrations.Migration):
    dependencies = [("projects", "0005_listing_indexes")]

    operations = [
        listing_indexes(
            ("projects_project_updated", "projects_project", "updated_at DESC"),
        )
    ]
