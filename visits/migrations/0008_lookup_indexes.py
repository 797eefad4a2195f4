"""Indexes for what a ledger import matches its rows by: a trip's 标题 (a ledger without 编号 or
链接 finds its trips by title) and a meeting's title (a 会议发言 row of a meeting without a trip).
Without them PostgreSQL read the whole table for every 2,500 values of a sheet.

Written with cooperation/listing_indexes.py rather than as db_index, for the reason given in
0006_updated_at_index.
"""

from django.db import migrations

from cooperation.listing_indexes import listing_indexes


class Migration(migrations.Migration):
    dependencies = [("visits", "0007_delegation_related_projects")]

    operations = [
        listing_indexes(
            ("visits_delegation_title", "visits_delegation", "title"),
            ("visits_meeting_title", "visits_meeting", "title"),
        )
    ]
