"""The review models now belong to the `review` app: removed from this app's state only.

Their tables (cooperation_reviewrequest …) stay and are used by review's models unchanged.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('cooperation', '0008_updated_at_index'),
        ('review', '0001_move_from_cooperation'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.RemoveField(
                model_name='historicalreviewpolicy',
                name='history_user',
            ),
            migrations.RemoveField(
                model_name='historicalsensitiveword',
                name='history_user',
            ),
            migrations.RemoveField(
                model_name='reviewopinion',
                name='review_request',
            ),
            migrations.RemoveField(
                model_name='reviewopinion',
                name='reviewer',
            ),
            migrations.DeleteModel(
                name='ReviewPolicy',
            ),
            migrations.RemoveField(
                model_name='reviewrequest',
                name='content_type',
            ),
            migrations.RemoveField(
                model_name='reviewrequest',
                name='submitted_by',
            ),
            migrations.DeleteModel(
                name='SensitiveWord',
            ),
            migrations.DeleteModel(
                name='HistoricalReviewPolicy',
            ),
            migrations.DeleteModel(
                name='HistoricalSensitiveWord',
            ),
            migrations.DeleteModel(
                name='ReviewOpinion',
            ),
            migrations.DeleteModel(
                name='ReviewRequest',
            ),
            ],
        ),
    ]
