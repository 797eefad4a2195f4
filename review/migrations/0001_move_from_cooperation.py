"""The review models, moved here from `cooperation`: their tables stay where they are.

On a database that already has them (made by cooperation 0006) this only records, in the
migration state, that the models now belong to `review`; cooperation 0009 removes them from
its state the same way. Nothing in the database changes.
"""

import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        # The tables were made there, and stay.
        ('cooperation', '0008_updated_at_index'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.CreateModel(
                name='ReviewPolicy',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('grade', models.CharField(choices=[('normal', '一般'), ('important', '重要'), ('sensitive', '敏感')], max_length=10, unique=True, verbose_name='审核等级')),
                    ('first_review', models.BooleanField(default=True, verbose_name='初审')),
                    ('second_review', models.BooleanField(default=False, verbose_name='复审（含保密审查）')),
                ],
                options={
                    'verbose_name': '审核流程',
                    'verbose_name_plural': '审核流程',
                    'db_table': 'cooperation_reviewpolicy',
                    'ordering': ['id'],
                },
            ),
            migrations.CreateModel(
                name='SensitiveWord',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('word', models.CharField(max_length=60, unique=True, verbose_name='词语')),
                    ('hard', models.BooleanField(default=False, help_text='勾选后，含此词的记录在改正前不能通过审核', verbose_name='禁止发布')),
                    ('suggestion', models.CharField(blank=True, max_length=60, verbose_name='建议改为')),
                    ('note', models.CharField(blank=True, max_length=200, verbose_name='说明')),
                ],
                options={
                    'verbose_name': '错敏词',
                    'verbose_name_plural': '错敏词',
                    'db_table': 'cooperation_sensitiveword',
                    'ordering': ['-hard', 'word'],
                },
            ),
            migrations.CreateModel(
                name='HistoricalReviewPolicy',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('grade', models.CharField(choices=[('normal', '一般'), ('important', '重要'), ('sensitive', '敏感')], db_index=True, max_length=10, verbose_name='审核等级')),
                    ('first_review', models.BooleanField(default=True, verbose_name='初审')),
                    ('second_review', models.BooleanField(default=False, verbose_name='复审（含保密审查）')),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'verbose_name': 'historical 审核流程',
                    'verbose_name_plural': 'historical 审核流程',
                    'db_table': 'cooperation_historicalreviewpolicy',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='HistoricalSensitiveWord',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('word', models.CharField(db_index=True, max_length=60, verbose_name='词语')),
                    ('hard', models.BooleanField(default=False, help_text='勾选后，含此词的记录在改正前不能通过审核', verbose_name='禁止发布')),
                    ('suggestion', models.CharField(blank=True, max_length=60, verbose_name='建议改为')),
                    ('note', models.CharField(blank=True, max_length=200, verbose_name='说明')),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'verbose_name': 'historical 错敏词',
                    'verbose_name_plural': 'historical 错敏词',
                    'db_table': 'cooperation_historicalsensitiveword',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='ReviewRequest',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('object_id', models.PositiveBigIntegerField(verbose_name='记录编号')),
                    ('record_repr', models.CharField(max_length=300, verbose_name='记录')),
                    ('action', models.CharField(choices=[('publish', '发布'), ('change', '修改已发布记录'), ('withdraw', '撤回')], max_length=10, verbose_name='申请事项')),
                    ('grade', models.CharField(choices=[('normal', '一般'), ('important', '重要'), ('sensitive', '敏感')], max_length=10, verbose_name='审核等级')),
                    ('steps', models.JSONField(verbose_name='审核环节')),
                    ('current_step', models.CharField(blank=True, choices=[('first', '初审'), ('second', '复审'), ('final', '终审签发')], db_index=True, max_length=10, verbose_name='当前环节')),
                    ('state', models.CharField(choices=[('pending', '审核中'), ('approved', '已通过'), ('rejected', '已退回'), ('superseded', '已被新提交取代'), ('cancelled', '已撤销送审')], db_index=True, default='pending', max_length=12, verbose_name='状态')),
                    ('submitted_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='提交时间')),
                    ('closed_at', models.DateTimeField(blank=True, null=True, verbose_name='办结时间')),
                    ('author_ids', models.JSONField(default=list, verbose_name='作者')),
                    ('summary', models.TextField(blank=True, verbose_name='说明')),
                    ('revision', models.JSONField(blank=True, null=True, verbose_name='待审修改')),
                    ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='contenttypes.contenttype', verbose_name='记录类型')),
                    ('submitted_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='提交人')),
                ],
                options={
                    'verbose_name': '审核申请',
                    'verbose_name_plural': '审核申请',
                    'db_table': 'cooperation_reviewrequest',
                    'ordering': ['-submitted_at', '-pk'],
                    'permissions': [('review_first', '可以初审'), ('review_second', '可以复审（含保密审查）'), ('review_final', '可以终审签发')],
                },
            ),
            migrations.CreateModel(
                name='ReviewOpinion',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('step', models.CharField(choices=[('first', '初审'), ('second', '复审'), ('final', '终审签发')], max_length=10, verbose_name='环节')),
                    ('decision', models.CharField(choices=[('approve', '通过'), ('reject', '退回'), ('mask', '脱敏')], max_length=10, verbose_name='结论')),
                    ('opinion', models.TextField(verbose_name='审核意见')),
                    ('secrecy', models.CharField(blank=True, choices=[('cleared', '不涉及国家秘密和工作秘密，可以公开'), ('not_cleared', '涉及国家秘密或工作秘密，不得公开')], max_length=12, verbose_name='保密审查结论')),
                    ('decided_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='时间')),
                    ('reviewer', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='审核人')),
                    ('review_request', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='opinions', to='review.reviewrequest', verbose_name='审核申请')),
                ],
                options={
                    'verbose_name': '审核意见',
                    'verbose_name_plural': '审核意见',
                    'db_table': 'cooperation_reviewopinion',
                    'ordering': ['decided_at', 'pk'],
                },
            ),
            migrations.AddIndex(
                model_name='reviewrequest',
                index=models.Index(fields=['content_type', 'object_id', 'state'], name='cooperation_content_c2d577_idx'),
            ),
            migrations.AddConstraint(
                model_name='reviewopinion',
                constraint=models.UniqueConstraint(condition=models.Q(('decision', 'approve')), fields=('review_request', 'step'), name='review_opinion_one_approval_per_step'),
            ),
            ],
        ),
    ]
