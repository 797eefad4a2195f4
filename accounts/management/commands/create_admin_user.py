"""Create a 系统管理员 (or 安全管理员, 审计管理员) account: how production starts without a superuser."""

import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.roles import ADMIN_ROLES

PASSWORD_ENV = "ADMIN_USER_PASSWORD"


class Command(BaseCommand):
    help = (
        "Create a staff account in one administrator role (not a superuser). The password is asked "
        f"twice, or read from ${PASSWORD_ENV} with --no-input; it must meet the password rules. "
        "At its first sign-in the account sets up two-factor login."
    )

    def add_arguments(self, parser):
        parser.add_argument("--role", required=True, choices=ADMIN_ROLES)
        parser.add_argument("--username", required=True)
        parser.add_argument("--email", default="")
        parser.add_argument("--no-input", action="store_false", dest="interactive")

    def handle(self, *args, role, username, email, interactive, **options):
        users = get_user_model()
        if users.objects.filter(username=username).exists():
            raise CommandError(f"用户 {username} 已存在。")
        password = self._password(interactive)
        user = users(username=username, email=email, is_staff=True)
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError("；".join(error.messages)) from error
        with transaction.atomic():
            user.set_password(password)
            user.save()
            user.groups.add(Group.objects.get(name=role))
        self.stdout.write(f"已创建{role}账号 {username}；首次登录时须设置两步验证。")

    def _password(self, interactive):
        if not interactive:
            password = os.environ.get(PASSWORD_ENV, "")
            if not password:
                raise CommandError(f"--no-input 需要环境变量 {PASSWORD_ENV}。")
            return password
        password = getpass.getpass("密码 (password): ")
        if password != getpass.getpass("再次输入 (again): "):
            raise CommandError("两次输入的密码不一致。")
        return password
