import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create a first administrator with a random password if there is none (development)."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username, **options):
        users = get_user_model()
        if users.objects.filter(is_superuser=True).exists():
            self.stdout.write("管理员账号已存在；忘记密码请运行 manage.py changepassword <用户名>。")
            return
        password = secrets.token_urlsafe(12)
        users.objects.create_superuser(username=username, email="", password=password)
        self.stdout.write(
            f"已创建管理员 (administrator created): 用户名 {username}  密码 {password}\n"
            "此密码只显示这一次 (shown once); 修改: .venv/bin/python manage.py changepassword admin"
        )
