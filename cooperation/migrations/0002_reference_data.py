from django.db import migrations

from cooperation.reference import load_regions, load_topics


def load(apps, schema_editor):
    load_regions(apps.get_model("cooperation", "Region"))
    load_topics(apps.get_model("cooperation", "Topic"))


class Migration(migrations.Migration):
    dependencies = [("cooperation", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
