"""An index on a source's 链接: a ledger import finds the trips and sources its rows cite by
their address (one URL, one Source). Without it PostgreSQL read the whole table for every
2,500 addresses of a sheet.

Written with cooperation/listing_indexes.py rather than as db_index, for the reason given there.
"""

from django.db import migrations

from cooperation.listing_indexes import listing_indexes


class Migration(migrations.Migration):
    dependencies = [("cooperation", "0014_slug_redirect_field_names")]

    operations = [
        listing_indexes(
            ("cooperation_source_url", "cooperation_source", "url"),
        )
    ]
