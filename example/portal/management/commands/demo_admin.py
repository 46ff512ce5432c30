import secrets
from pathlib import Path
from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = (
        "Create the superuser 'admin' with a random password written to PASSWORD_FILE, "
        "unless that user exists."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("password_file", type=Path)

    def handle(self, *args: Any, password_file: Path, **options: Any) -> None:
        if User.objects.filter(username="admin").exists():
            self.stdout.write(f"admin user: admin, password in {password_file}")
            return
        password = secrets.token_urlsafe(16)
        password_file.write_text(password + "\n")
        password_file.chmod(0o600)
        User.objects.create_superuser("admin", password=password)
        self.stdout.write(f"created admin user: admin, password in {password_file}")
