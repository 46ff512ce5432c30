"""AxesConfig: the settings django-axes reads, their types, defaults and errors."""

from datetime import timedelta

import pytest

from django_cfg import AxesConfig, ConfigError, DjangoConfig
from django_cfg.ip import IPNetworkSet
from tests.conftest import STRONG_KEY


def production(
    axes: AxesConfig | dict[str, object] | None = None, **fields: object
) -> DjangoConfig:
    if axes is not None:
        fields["axes"] = axes
    return DjangoConfig(secret_key=STRONG_KEY, security_domains=["myapp.com"], **fields)


def development(axes: AxesConfig | None = None) -> DjangoConfig:
    fields = {} if axes is None else {"axes": axes}
    return DjangoConfig(secret_key=STRONG_KEY, debug=True, **fields)


def test_production_defaults() -> None:
    settings = production().get_all_settings()

    assert settings["AXES_ENABLED"] is True
    assert settings["AXES_FAILURE_LIMIT"] == 5
    assert settings["AXES_COOLOFF_TIME"] == timedelta(hours=24)
    assert settings["AXES_VERBOSE"] is False
    assert settings["AXES_LOCK_OUT_AT_FAILURE"] is True
    assert settings["AXES_RESET_ON_SUCCESS"] is True
    assert settings["AXES_ENABLE_ACCESS_FAILURE_LOG"] is True
    assert settings["AXES_LOCKOUT_PARAMETERS"] == ["ip_address"]
    assert settings["AXES_HANDLER"] == "axes.handlers.database.AxesDatabaseHandler"
    assert settings["AXES_IPWARE_PROXY_COUNT"] == 1
    assert settings["AXES_IPWARE_META_PRECEDENCE_ORDER"] == [
        "HTTP_X_FORWARDED_FOR",
        "HTTP_X_REAL_IP",
        "REMOTE_ADDR",
    ]
    assert settings["AXES_CLIENT_IP_CALLABLE"] == "django_cfg.ip.get_client_ip"
    assert settings["AXES_LOCKOUT_CALLABLE"] == "django_cfg.lockout.lockout_response"
    assert settings["AXES_IP_WHITELIST"] is None
    assert settings["AXES_IP_BLACKLIST"] is None
    assert settings["AXES_NEVER_LOCKOUT_WHITELIST"] is False
    assert settings["AXES_USERNAME_FORM_FIELD"] == "username"
    assert "AXES_CACHE" not in settings


def test_development_defaults() -> None:
    settings = development().get_all_settings()

    assert settings["AXES_FAILURE_LIMIT"] == 10
    assert settings["AXES_COOLOFF_TIME"] == timedelta(hours=1)
    assert settings["AXES_VERBOSE"] is True


def test_explicit_values_win() -> None:
    axes = AxesConfig(failure_limit=3, cooloff_time=48, verbose=True, username_form_field="email")
    settings = production(axes).get_all_settings()

    assert settings["AXES_FAILURE_LIMIT"] == 3
    assert settings["AXES_COOLOFF_TIME"] == timedelta(hours=48)
    assert settings["AXES_VERBOSE"] is True
    assert settings["AXES_USERNAME_FORM_FIELD"] == "email"


def test_string_numbers_coerced() -> None:
    settings = production({"failure_limit": "5", "cooloff_time": "48"}).get_all_settings()

    assert settings["AXES_FAILURE_LIMIT"] == 5
    assert type(settings["AXES_FAILURE_LIMIT"]) is int
    assert settings["AXES_COOLOFF_TIME"] == timedelta(hours=48)


def test_fractional_cooloff_hours() -> None:
    settings = production(AxesConfig(cooloff_time=0.5)).get_all_settings()

    assert settings["AXES_COOLOFF_TIME"] == timedelta(minutes=30)


def test_wiring_keeps_user_backends() -> None:
    backends = ["myapp.auth.EmailBackend", "django.contrib.auth.backends.ModelBackend"]
    settings = production(authentication_backends=backends).get_all_settings()

    assert settings["AUTHENTICATION_BACKENDS"] == [
        "axes.backends.AxesStandaloneBackend",
        *backends,
    ]
    assert settings["MIDDLEWARE"][-1] == "axes.middleware.AxesMiddleware"
    apps = settings["INSTALLED_APPS"]
    assert apps.index("django_cfg") < apps.index("axes")


def test_axes_backend_listed_once() -> None:
    backends = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
    settings = production(authentication_backends=backends).get_all_settings()

    assert settings["AUTHENTICATION_BACKENDS"] == backends


def test_ip_lists_become_network_sets() -> None:
    axes = AxesConfig(allowed_ips=["192.168.1.0/24", "10.0.0.100"], denied_ips=["10.0.0.2"])
    settings = production(axes).get_all_settings()

    assert settings["AXES_NEVER_LOCKOUT_WHITELIST"] is True
    assert settings["AXES_IP_WHITELIST"] == IPNetworkSet(["192.168.1.0/24", "10.0.0.100"])
    assert settings["AXES_IP_BLACKLIST"] == IPNetworkSet(["10.0.0.2"])


def test_cache_name_selects_cache_handler() -> None:
    config = production(AxesConfig(cache_name="default"), cache_url="redis://127.0.0.1:6379/0")
    settings = config.get_all_settings()

    assert settings["AXES_HANDLER"] == "axes.handlers.cache.AxesCacheHandler"
    assert settings["AXES_CACHE"] == "default"


def test_cache_name_without_shared_cache_rejected() -> None:
    with pytest.raises(ConfigError) as error:
        production(AxesConfig(cache_name="default"))

    assert str(error.value) == (
        "Invalid DjangoConfig (1 problem):\n"
        "- axes.cache_name: found 'default' without a shared cache_url\n"
        "    expected: a cache that every app server reaches, such as Redis\n"
        "    fix: set cache_url (redis://HOST:6379/0), or remove cache_name to keep lockouts "
        "in the database; a per-process cache would not share them"
    )


def test_network_with_host_bits_rejected() -> None:
    with pytest.raises(ConfigError) as error:
        production(AxesConfig(allowed_ips=["192.168.1.5/24", "office"]))

    assert str(error.value) == (
        "Invalid DjangoConfig (2 problems):\n"
        "- axes.allowed_ips[0]: found '192.168.1.5/24'\n"
        "    expected: an IPv4 or IPv6 address, or a network in CIDR notation\n"
        "    fix: write the network address, '192.168.1.0/24', or a single address without '/'\n"
        "- axes.allowed_ips[1]: found 'office'\n"
        "    expected: an IPv4 or IPv6 address, or a network in CIDR notation\n"
        "    fix: write an address such as '10.0.0.5' or a network such as '192.168.1.0/24'"
    )


def test_precedence_names_checked() -> None:
    with pytest.raises(ConfigError) as error:
        production(AxesConfig(ipware_meta_precedence_order=["X-Forwarded-For", "REMOTE_ADDR"]))

    problem = error.value.problems[0]
    assert problem.field == "axes.ipware_meta_precedence_order[0]"
    assert problem.found == "'X-Forwarded-For'"
    assert problem.fix == "write a header such as X-Forwarded-For as 'HTTP_X_FORWARDED_FOR'"


def test_template_and_url_together_rejected() -> None:
    with pytest.raises(ConfigError) as error:
        production(AxesConfig(lockout_template="locked.html", lockout_url="locked/"))

    assert [problem.found for problem in error.value.problems] == [
        "both lockout_template and lockout_url",
        "'locked/'",
    ]


def test_trusted_proxies_need_a_proxy() -> None:
    with pytest.raises(ConfigError) as error:
        production(AxesConfig(trusted_proxies=["10.0.0.0/8"], ipware_proxy_count=0))

    assert error.value.problems[0].found == "trusted proxies with ipware_proxy_count=0"


def test_wrong_types_named_with_path() -> None:
    with pytest.raises(ConfigError) as error:
        production({"failure_limit": "five", "cooloff_time": 0, "allowed_ips": "10.0.0.1"})

    assert [problem.field for problem in error.value.problems] == [
        "axes.failure_limit",
        "axes.cooloff_time",
        "axes.allowed_ips",
    ]


def test_unknown_axes_option_rejected() -> None:
    with pytest.raises(ConfigError) as error:
        production({"failure_limt": 3})

    assert error.value.problems[0].field == "axes.failure_limt"


def test_axes_config_raises_config_error() -> None:
    with pytest.raises(ConfigError) as error:
        AxesConfig(failure_limit="five")

    assert str(error.value) == (
        "Invalid AxesConfig (1 problem):\n"
        "- failure_limit: found str 'five'\n"
        "    expected: a value that is a valid integer, unable to parse string as an integer\n"
        "    fix: set failure_limit to a whole number"
    )


def test_axes_type_and_network_errors_together() -> None:
    with pytest.raises(ConfigError) as error:
        production({"failure_limit": "five", "allowed_ips": ["192.168.1.5/24"]})

    assert [problem.field for problem in error.value.problems] == [
        "axes.failure_limit",
        "axes.allowed_ips[0]",
    ]
