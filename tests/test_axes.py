"""django-axes through real login attempts with Django's test client."""

from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from django_cfg import AxesConfig, DjangoConfig
from tests.conftest import STRONG_KEY, settings_of

PASSWORD = "correct-horse-battery-staple"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def user() -> User:
    return User.objects.create_user("alice", password=PASSWORD)


def site(axes: AxesConfig | None = None, **fields: Any) -> DjangoConfig:
    """Return a production config with the test site's domain and ``axes``."""
    fields.setdefault("container_hosts", False)
    if axes is not None:
        fields["axes"] = axes
    return DjangoConfig(
        secret_key=STRONG_KEY,
        security_domains=["testserver"],
        project_apps=["tests.testapp"],
        **fields,
    )


def log_in(client: Client, password: str, **meta: Any) -> Any:
    return client.post("/login/", {"username": "alice", "password": password}, secure=True, **meta)


def is_logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


@pytest.fixture
def applied() -> Iterator[Callable[[DjangoConfig], None]]:
    stack: list[Any] = []

    def apply(config: DjangoConfig) -> None:
        context = settings_of(config)
        context.__enter__()
        stack.append(context)

    yield apply
    for context in reversed(stack):
        context.__exit__(None, None, None)


def test_default_production_locks_after_five(applied: Callable[[DjangoConfig], None]) -> None:
    applied(site())
    client = Client()

    statuses = [log_in(client, "wrong").status_code for _ in range(5)]

    assert statuses == [200, 200, 200, 200, 429]
    locked = log_in(client, PASSWORD)
    assert locked.status_code == 429
    assert locked.content.decode() == (
        "Account locked: too many login attempts. Please try again later."
    )
    assert not is_logged_in(client)


def test_other_ip_unaffected(applied: Callable[[DjangoConfig], None]) -> None:
    applied(site(AxesConfig(failure_limit=3)))
    for _ in range(3):
        log_in(Client(), "wrong", REMOTE_ADDR="203.0.113.5")

    other = Client()
    response = log_in(other, PASSWORD, REMOTE_ADDR="203.0.113.6")

    assert response.status_code == 302
    assert is_logged_in(other)


def test_success_resets_failures(applied: Callable[[DjangoConfig], None]) -> None:
    applied(site(AxesConfig(failure_limit=3)))
    client = Client()
    log_in(client, "wrong")
    log_in(client, "wrong")

    assert log_in(client, PASSWORD).status_code == 302
    assert AccessAttempt.objects.count() == 0
    client.logout()
    assert [log_in(client, "wrong").status_code for _ in range(2)] == [200, 200]


def test_success_kept_without_reset(applied: Callable[[DjangoConfig], None]) -> None:
    applied(site(AxesConfig(failure_limit=3, reset_on_success=False)))
    client = Client()
    log_in(client, "wrong")
    log_in(client, "wrong")
    log_in(client, PASSWORD)
    client.logout()

    assert log_in(client, "wrong").status_code == 429


def test_lock_lifts_after_cooloff(applied: Callable[[DjangoConfig], None]) -> None:
    applied(site(AxesConfig(failure_limit=2, cooloff_time=48)))
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client = Client()
        log_in(client, "wrong")
        assert log_in(client, "wrong").status_code == 429

    with time_machine.travel(start + timedelta(hours=47, minutes=59), tick=False):
        assert log_in(Client(), PASSWORD).status_code == 429

    with time_machine.travel(start + timedelta(hours=48, seconds=1), tick=False):
        client = Client()
        assert log_in(client, PASSWORD).status_code == 302
        assert is_logged_in(client)


@pytest.mark.parametrize(
    ("allowed", "address"),
    [
        ("192.168.1.0/24", "192.168.1.77"),
        ("10.0.0.100", "10.0.0.100"),
        ("2001:db8:abcd::/48", "2001:db8:abcd:12::1"),
    ],
)
def test_allowed_ips_never_locked(
    applied: Callable[[DjangoConfig], None], allowed: str, address: str
) -> None:
    applied(site(AxesConfig(failure_limit=2, allowed_ips=[allowed])))
    client = Client()

    statuses = {log_in(client, "wrong", REMOTE_ADDR=address).status_code for _ in range(8)}

    assert statuses == {200}
    assert log_in(client, PASSWORD, REMOTE_ADDR=address).status_code == 302


def test_allowed_ips_exclude_neighbours(applied: Callable[[DjangoConfig], None]) -> None:
    applied(site(AxesConfig(failure_limit=2, allowed_ips=["192.168.1.0/24"])))
    client = Client()

    statuses = [log_in(client, "wrong", REMOTE_ADDR="192.168.2.1").status_code for _ in range(2)]

    assert statuses == [200, 429]


def test_denied_ips_refused_with_password(applied: Callable[[DjangoConfig], None]) -> None:
    applied(site(AxesConfig(denied_ips=["10.0.0.2", "198.51.100.0/24"])))

    for address in ("10.0.0.2", "198.51.100.9"):
        client = Client()
        response = log_in(client, PASSWORD, REMOTE_ADDR=address)
        assert response.status_code == 429
        assert not is_logged_in(client)


def test_deny_wins_over_allow(applied: Callable[[DjangoConfig], None]) -> None:
    applied(site(AxesConfig(allowed_ips=["10.0.0.0/8"], denied_ips=["10.0.0.2"])))

    assert log_in(Client(), PASSWORD, REMOTE_ADDR="10.0.0.2").status_code == 429
    assert log_in(Client(), PASSWORD, REMOTE_ADDR="10.0.0.3").status_code == 302


def test_forged_forwarded_for_counts_real_client(applied: Callable[[DjangoConfig], None]) -> None:
    applied(site(AxesConfig(failure_limit=10, ipware_proxy_count=1)))

    statuses = []
    for attempt in range(10):
        forwarded = f"198.51.100.{attempt + 1}, 203.0.113.50"
        response = log_in(
            Client(), "wrong", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded
        )
        statuses.append(response.status_code)

    assert statuses == [200] * 9 + [429]
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["203.0.113.50"]
    assert (
        log_in(
            Client(), PASSWORD, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.50"
        ).status_code
        == 429
    )


def test_cloudflare_header_from_untrusted_peer_ignored(
    applied: Callable[[DjangoConfig], None],
) -> None:
    axes = AxesConfig(
        failure_limit=2,
        trusted_proxies=["173.245.48.0/20"],
        ipware_meta_precedence_order=["HTTP_CF_CONNECTING_IP", "REMOTE_ADDR"],
    )
    applied(site(axes))

    for attempt in range(2):
        log_in(
            Client(),
            "wrong",
            REMOTE_ADDR="203.0.113.9",
            HTTP_CF_CONNECTING_IP=f"192.0.2.{attempt}",
        )

    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["203.0.113.9"]
    via_proxy = log_in(
        Client(), "wrong", REMOTE_ADDR="173.245.48.1", HTTP_CF_CONNECTING_IP="192.0.2.77"
    )
    assert via_proxy.status_code == 200
    assert AccessAttempt.objects.filter(ip_address="192.0.2.77").count() == 1


def test_lockout_template_gets_hours(applied: Callable[[DjangoConfig], None]) -> None:
    applied(
        site(AxesConfig(failure_limit=1, cooloff_time=48, lockout_template="testapp/locked.html"))
    )

    response = log_in(Client(), "wrong")

    assert response.status_code == 429
    assert response.content.decode() == "Locked out after 1 failures; try again in 48 hours.\n"


def test_lockout_url_redirects(applied: Callable[[DjangoConfig], None]) -> None:
    applied(site(AxesConfig(failure_limit=1, lockout_url="/locked/")))

    response = log_in(Client(), "wrong")

    assert response.status_code == 302
    assert response["Location"] == "/locked/?username=alice"


def test_lockout_json_for_xhr(applied: Callable[[DjangoConfig], None]) -> None:
    applied(site(AxesConfig(failure_limit=1)))

    response = log_in(Client(), "wrong", HTTP_X_REQUESTED_WITH="XMLHttpRequest")

    assert response.status_code == 429
    assert response.json() == {"failure_limit": 1, "username": "alice", "cooloff_time": 24}
    assert "Access-Control-Allow-Origin" not in response


def test_disabled_axes_never_locks(applied: Callable[[DjangoConfig], None]) -> None:
    config = site(AxesConfig(enabled=False))
    applied(config)
    client = Client()

    statuses = {log_in(client, "wrong").status_code for _ in range(12)}

    assert statuses == {200}
    assert log_in(client, PASSWORD).status_code == 302
    settings = config.get_all_settings()
    assert "axes" not in settings["INSTALLED_APPS"]
    assert "axes.middleware.AxesMiddleware" not in settings["MIDDLEWARE"]
    assert settings["AUTHENTICATION_BACKENDS"] == ["django.contrib.auth.backends.ModelBackend"]
    assert not [key for key in settings if key.startswith("AXES_")]
