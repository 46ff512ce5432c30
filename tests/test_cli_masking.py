"""Masking of secrets and the text forms of settings values."""

import json
from datetime import timedelta
from pathlib import Path

import pytest

from django_cfg.cli.masking import MASK, is_secret_name, mask_secrets, mask_url_credentials
from django_cfg.cli.rendering import format_differences, format_settings, to_plain
from django_cfg.ip import IPNetworkSet


@pytest.mark.parametrize(
    "name",
    ["SECRET_KEY", "SECRET_KEY_FALLBACKS", "PASSWORD", "password", "API_TOKEN", "STRIPE_KEY"],
)
def test_secret_names(name: str) -> None:
    assert is_secret_name(name) is True


@pytest.mark.parametrize(
    "name",
    ["AUTH_PASSWORD_VALIDATORS", "PASSWORD_HASHERS", "KEY_PREFIX", "DEBUG", "USER", "LOCATION"],
)
def test_names_that_are_not_secret(name: str) -> None:
    assert is_secret_name(name) is False


def test_mask_database_password() -> None:
    databases = {"default": {"NAME": "shop", "USER": "app", "PASSWORD": "pw-1", "PORT": 5432}}

    assert mask_secrets(databases, "DATABASES") == {
        "default": {"NAME": "shop", "USER": "app", "PASSWORD": MASK, "PORT": 5432}
    }


def test_mask_keeps_empty_secret_visible() -> None:
    assert mask_secrets({"PASSWORD": "", "TOKEN": None}) == {"PASSWORD": "", "TOKEN": None}


def test_mask_leaves_input_unchanged() -> None:
    settings = {"SECRET_KEY": "k" * 50}
    mask_secrets(settings)

    assert settings == {"SECRET_KEY": "k" * 50}


def test_mask_url_in_list_and_tuple() -> None:
    value = ["redis://:pw@cache:6379/0", ("https://u:pw@a.example/",)]

    assert mask_secrets(value, "LOCATION") == [
        "redis://********@cache:6379/0",
        ("https://********@a.example/",),
    ]


@pytest.mark.parametrize(
    ("url", "masked"),
    [
        ("postgres://app:pw@db:5432/shop", "postgres://********@db:5432/shop"),
        ("postgres://app:p@ss/w@db/shop", "postgres://********@db/shop"),
        ("redis://user@cache/0", "redis://********@cache/0"),
        ("https://user@a.example/path/@name", "https://********@a.example/path/@name"),
        ("https://a.example/@name", "https://a.example/@name"),
        ("https://a.example:8443", "https://a.example:8443"),
        ("not a url: x@y", "not a url: x@y"),
        ("admin@example.com", "admin@example.com"),
    ],
)
def test_mask_url_credentials(url: str, masked: str) -> None:
    assert mask_url_credentials(url) == masked


def test_plain_values() -> None:
    value = {
        "cooloff": timedelta(hours=24),
        "header": ("HTTP_X_FORWARDED_PROTO", "https"),
        "networks": IPNetworkSet(["10.0.0.0/8", "2001:db8::/32"]),
        "root": Path("/srv/static"),
        "tags": {"b", "a"},
        "class": IPNetworkSet,
        1: None,
    }

    assert to_plain(value) == {
        "cooloff": "P1DT00H00M00S",
        "header": ["HTTP_X_FORWARDED_PROTO", "https"],
        "networks": ["10.0.0.0/8", "2001:db8::/32"],
        "root": "/srv/static",
        "tags": ["a", "b"],
        "class": "django_cfg.ip.IPNetworkSet",
        "1": None,
    }


SETTINGS = {
    "SECRET_KEY": "k-" * 30,
    "DEBUG": False,
    "AXES_COOLOFF_TIME": timedelta(hours=1),
    "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
}


def test_format_table() -> None:
    assert format_settings(SETTINGS, "table").splitlines() == [
        'AXES_COOLOFF_TIME        "P0DT01H00M00S"',
        "DEBUG                    false",
        'SECRET_KEY               "********"',
        'SECURE_PROXY_SSL_HEADER  ["HTTP_X_FORWARDED_PROTO", "https"]',
    ]


def test_format_json() -> None:
    assert json.loads(format_settings(SETTINGS, "json")) == {
        "AXES_COOLOFF_TIME": "P0DT01H00M00S",
        "DEBUG": False,
        "SECRET_KEY": MASK,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
    }


def test_format_python() -> None:
    assert format_settings(SETTINGS, "python").splitlines() == [
        "AXES_COOLOFF_TIME = datetime.timedelta(seconds=3600)",
        "DEBUG = False",
        "SECRET_KEY = '********'",
        "SECURE_PROXY_SSL_HEADER = ('HTTP_X_FORWARDED_PROTO', 'https')",
    ]


def test_differences_listed_with_values() -> None:
    first = {"DEBUG": True, "ALLOWED_HOSTS": ["*"], "TIME_ZONE": "UTC"}
    second = {"DEBUG": False, "ALLOWED_HOSTS": ["a.example"], "TIME_ZONE": "UTC", "NEW": 1}

    assert format_differences(("development", first), ("production", second)).splitlines() == [
        "ALLOWED_HOSTS",
        '  development: ["*"]',
        '  production:  ["a.example"]',
        "DEBUG",
        "  development: true",
        "  production:  false",
        "NEW",
        "  development: (not set)",
        "  production:  1",
    ]


def test_differences_in_secrets_hidden() -> None:
    first = {"SECRET_KEY": "a" * 50, "DATABASES": {"default": {"PASSWORD": "one", "NAME": "x"}}}
    second = {"SECRET_KEY": "b" * 50, "DATABASES": {"default": {"PASSWORD": "two", "NAME": "x"}}}

    output = format_differences(("staging", first), ("production", second))

    assert output.splitlines() == [
        "DATABASES: differs in secret values, which are not shown",
        "SECRET_KEY: differs in secret values, which are not shown",
    ]


def test_no_differences() -> None:
    same = {"DEBUG": False, "AXES_COOLOFF_TIME": timedelta(days=1)}

    assert format_differences(("production", same), ("production", dict(same))) == (
        "production and production produce the same settings"
    )
