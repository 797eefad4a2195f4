from django.db import migrations

from cooperation.reference import load_regions


def reload_regions(apps, schema_editor):
    # Updates names, short names and aliases of the shipped divisions in place; slugs stay, so
    # every address keeps working (通州区's page stays at /regions/tong-xian/).
    load_regions(apps.get_model("cooperation", "Region"))


class Migration(migrations.Migration):
    dependencies = [("cooperation", "0009_review_moved_to_review_app")]

    operations = [migrations.RunPython(reload_regions, migrations.RunPython.noop)]
