"""``axes_reset``: remove django-axes access attempts, all of them or by IP or username."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

KINDS = {"ip": "IP address", "username": "username"}


class Command(BaseCommand):
    help = (
        "Remove access attempts and so lift lockouts: all of them, or those of the "
        "given IP addresses (axes_reset ip ADDRESS...) or usernames (axes_reset username NAME...)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "kind", nargs="?", choices=sorted(KINDS), help="what the values are: ip or username"
        )
        parser.add_argument("values", nargs="*", help="IP addresses or usernames")

    def handle(self, *args: Any, kind: str | None, values: list[str], **options: Any) -> None:
        from axes.utils import reset

        if kind is None:
            self.stdout.write(_removed(reset(), "in all"))
            return
        if not values:
            raise CommandError(f"axes_reset {kind} needs at least one {KINDS[kind]}")
        for value in values:
            count = reset(ip=value) if kind == "ip" else reset(username=value)
            self.stdout.write(_removed(count, f"for {KINDS[kind]} {value}"))


def _removed(count: int, scope: str) -> str:
    noun = "access attempt" if count == 1 else "access attempts"
    return f"Removed {count} {noun} {scope}."
