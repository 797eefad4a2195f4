"""An index on a project's 项目名称: a 项目 row without 编号 finds its project by name (with
受援方), and a trip's 相关项目 by name. Without it PostgreSQL read the whole table for every
2,500 names of a sheet.

Written with cooperation/listing_indexes.py rather than as db_index, for the reason given in
0006_updated_at_index.
"""

from django.db import migrations

from cooperation.listing_indexes import listing_indexes


class Migration(migrations.Migration):
    dependencies = [("projects", "0006_updated_at_index")]

    operations = [
        listing_indexes(
            ("projects_project_name", "projects_project", "name"),
        )
    ]
