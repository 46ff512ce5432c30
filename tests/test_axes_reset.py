"""The axes_reset management command: all attempts, by IP address, by username."""

from collections.abc import Iterator
from io import StringIO

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.core.management.base import CommandError

from django_cfg import DjangoConfig
from tests.conftest import STRONG_KEY, settings_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def attempts() -> Iterator[None]:
    config = DjangoConfig(secret_key=STRONG_KEY, security_domains=["myapp.com"])
    with settings_of(config):
        for ip_address, username in [
            ("192.168.1.100", "admin"),
            ("192.168.1.100", "bob"),
            ("10.0.0.5", "admin"),
            ("10.0.0.6", "carol"),
        ]:
            AccessAttempt.objects.create(
                ip_address=ip_address,
                username=username,
                user_agent="test",
                failures_since_start=1,
                get_data="",
                post_data="",
                http_accept="",
                path_info="/login/",
            )
        yield


def reset(*arguments: str) -> str:
    output = StringIO()
    call_command("axes_reset", *arguments, stdout=output)
    return output.getvalue()


def test_reset_all() -> None:
    assert reset() == "Removed 4 access attempts in all.\n"
    assert AccessAttempt.objects.count() == 0
    assert reset() == "Removed 0 access attempts in all.\n"


def test_reset_by_ip() -> None:
    output = reset("ip", "192.168.1.100", "10.0.0.9")

    assert output == (
        "Removed 2 access attempts for IP address 192.168.1.100.\n"
        "Removed 0 access attempts for IP address 10.0.0.9.\n"
    )
    assert sorted(AccessAttempt.objects.values_list("ip_address", flat=True)) == [
        "10.0.0.5",
        "10.0.0.6",
    ]


def test_reset_by_username() -> None:
    output = reset("username", "admin", "carol")

    assert output == (
        "Removed 2 access attempts for username admin.\n"
        "Removed 1 access attempt for username carol.\n"
    )
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["bob"]


def test_reset_kind_without_values() -> None:
    with pytest.raises(CommandError, match=r"^axes_reset ip needs at least one IP address$"):
        reset("ip")

    assert AccessAttempt.objects.count() == 4
