"""DjangoConfig: fields, modes, the production guard, properties and errors."""

import warnings
from collections.abc import Callable
from pathlib import Path

import pytest

from django_cfg import ConfigError, ConfigWarning, DjangoConfig
from tests.conftest import STRONG_KEY

ProductionFactory = Callable[..., DjangoConfig]

DEVELOPMENT_CSRF_ORIGINS = [
    "http://localhost:3000",
    "http://localhost:3001",
    "http://localhost:4200",
    "http://localhost:4173",
    "http://localhost:5173",
    "http://localhost:8000",
    "http://localhost:8080",
    "http://127.0.0.1:3000",
    "http://127.0.0.1:3001",
    "http://127.0.0.1:4200",
    "http://127.0.0.1:4173",
    "http://127.0.0.1:5173",
    "http://127.0.0.1:8000",
    "http://127.0.0.1:8080",
]

DEFAULT_CORS_HEADERS = [
    "accept",
    "accept-encoding",
    "authorization",
    "content-type",
    "dnt",
    "origin",
    "user-agent",
    "x-csrftoken",
    "x-requested-with",
]


def development(**fields: object) -> DjangoConfig:
    return DjangoConfig(secret_key=STRONG_KEY, debug=True, **fields)


class EnvironmentConfig(DjangoConfig):
    """A subclass that computes three fields from the detected environment."""

    secret_key: str = STRONG_KEY

    @property  # type: ignore[misc]
    def debug(self) -> bool:
        return self._environment == "development"

    @property  # type: ignore[misc]
    def security_domains(self) -> list[str]:
        if self._environment == "production":
            return ["myapp.com"]
        return []

    @property  # type: ignore[misc]
    def ssl_redirect(self) -> bool:
        return self._environment == "production"


# Modes


def test_mode_production_needs_domains_and_no_debug(production: ProductionFactory) -> None:
    assert production(["myapp.com"]).mode == "production"
    assert development(security_domains=["myapp.com"]).mode == "development"
    assert DjangoConfig(secret_key=STRONG_KEY).mode == "development"


def test_development_security_settings() -> None:
    settings = development().get_all_settings()

    assert settings["DEBUG"] is True
    assert settings["ALLOWED_HOSTS"] == ["*"]
    assert settings["CORS_ALLOW_ALL_ORIGINS"] is True
    assert settings["CORS_ALLOW_CREDENTIALS"] is False
    assert settings["CORS_ALLOWED_ORIGINS"] == []
    assert settings["CSRF_TRUSTED_ORIGINS"] == DEVELOPMENT_CSRF_ORIGINS
    assert settings["SECURE_SSL_REDIRECT"] is False
    assert settings["SECURE_PROXY_SSL_HEADER"] is None
    assert settings["SESSION_COOKIE_SECURE"] is False
    assert settings["CSRF_COOKIE_SECURE"] is False
    assert settings["SECURE_HSTS_SECONDS"] == 0
    assert settings["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is False
    assert settings["SECURE_HSTS_PRELOAD"] is False
    assert settings["SECURE_CONTENT_TYPE_NOSNIFF"] is False
    assert settings["X_FRAME_OPTIONS"] == "SAMEORIGIN"


def test_production_security_settings(production: ProductionFactory) -> None:
    config = production(["myapp.com", "https://api.myapp.com", "admin.myapp.com:8443"])
    settings = config.get_all_settings()

    assert settings["DEBUG"] is False
    assert settings["ALLOWED_HOSTS"] == [
        "myapp.com",
        "api.myapp.com",
        "admin.myapp.com",
        "localhost",
        "127.0.0.1",
        "[::1]",
    ]
    origins = ["https://myapp.com", "https://api.myapp.com", "https://admin.myapp.com:8443"]
    assert settings["CORS_ALLOWED_ORIGINS"] == origins
    assert settings["CSRF_TRUSTED_ORIGINS"] == origins
    assert settings["CORS_ALLOWED_ORIGIN_REGEXES"] == []
    assert settings["CORS_ALLOW_ALL_ORIGINS"] is False
    assert settings["CORS_ALLOW_CREDENTIALS"] is True
    assert settings["SECURE_SSL_REDIRECT"] is False
    assert settings["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")
    assert settings["SESSION_COOKIE_SECURE"] is True
    assert settings["CSRF_COOKIE_SECURE"] is True
    assert settings["SECURE_HSTS_SECONDS"] == 31_536_000
    assert settings["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert settings["SECURE_HSTS_PRELOAD"] is True
    assert settings["SECURE_CONTENT_TYPE_NOSNIFF"] is True
    assert settings["X_FRAME_OPTIONS"] == "DENY"
    assert settings["SECURE_REFERRER_POLICY"] == "same-origin"
    assert settings["SECURE_CROSS_ORIGIN_OPENER_POLICY"] == "same-origin"
    assert settings["SILENCED_SYSTEM_CHECKS"] == ["security.W008"]
    assert "SECURE_BROWSER_XSS_FILTER" not in settings


def test_ssl_redirect_true_keeps_django_check(production: ProductionFactory) -> None:
    settings = production(["myapp.com"], ssl_redirect=True).get_all_settings()

    assert settings["SECURE_SSL_REDIRECT"] is True
    assert settings["SILENCED_SYSTEM_CHECKS"] == []


def test_header_overrides_win_in_production(production: ProductionFactory) -> None:
    config = production(
        ["myapp.com"],
        hsts_seconds=3600,
        hsts_include_subdomains=False,
        hsts_preload=False,
        content_type_nosniff=False,
        x_frame_options="SAMEORIGIN",
        referrer_policy="strict-origin-when-cross-origin",
        cross_origin_opener_policy="same-origin-allow-popups",
    )
    settings = config.get_all_settings()

    assert settings["SECURE_HSTS_SECONDS"] == 3600
    assert settings["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is False
    assert settings["SECURE_HSTS_PRELOAD"] is False
    assert settings["SECURE_CONTENT_TYPE_NOSNIFF"] is False
    assert settings["X_FRAME_OPTIONS"] == "SAMEORIGIN"
    assert settings["SECURE_REFERRER_POLICY"] == "strict-origin-when-cross-origin"
    assert settings["SECURE_CROSS_ORIGIN_OPENER_POLICY"] == "same-origin-allow-popups"


def test_cors_headers_merged_lowercase_once(production: ProductionFactory) -> None:
    config = production(
        ["myapp.com"], cors_allow_headers=["X-API-Key", "Authorization", "x-api-key"]
    )

    assert config.get_all_settings()["CORS_ALLOW_HEADERS"] == [*DEFAULT_CORS_HEADERS, "x-api-key"]


def test_cors_allow_all_never_with_credentials(production: ProductionFactory) -> None:
    for config in (development(), production(["myapp.com"])):
        settings = config.get_all_settings()
        if settings["CORS_ALLOW_ALL_ORIGINS"]:
            assert settings["CORS_ALLOW_CREDENTIALS"] is False


# The production guard


def test_production_environment_with_debug_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DJANGO_ENV", "production")

    with pytest.raises(ConfigError) as error:
        DjangoConfig(secret_key=STRONG_KEY, debug=True, security_domains=["myapp.com"])

    assert str(error.value) == (
        "Invalid DjangoConfig (1 problem):\n"
        "- debug: found debug=True while the environment is 'production' (DJANGO_ENV)\n"
        "    expected: debug=False in production\n"
        "    fix: set debug to False, or select the development environment (DJANGO_ENV)"
    )


def test_staging_without_domains_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENVIRONMENT", "stage")

    with pytest.raises(ConfigError) as error:
        DjangoConfig(secret_key=STRONG_KEY)

    assert str(error.value) == (
        "Invalid DjangoConfig (1 problem):\n"
        "- security_domains: found an empty list while the environment is 'staging' "
        "(ENVIRONMENT)\n"
        "    expected: the domains the site serves\n"
        "    fix: list them, such as security_domains=['myapp.com']; production never "
        "falls back to ALLOWED_HOSTS = ['*']"
    )


def test_unknown_environment_reported_with_others(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DJANGO_ENV", "prd")

    with pytest.raises(ConfigError) as error:
        DjangoConfig(secret_key="changeme", security_domains=["*", "myapp.com"])

    fields = [problem.field for problem in error.value.problems]
    assert fields == ["environment", "security_domains[0]", "secret_key"]


# Secret keys


def test_production_rejects_weak_key() -> None:
    with pytest.raises(ConfigError) as error:
        DjangoConfig(secret_key="changeme", security_domains=["myapp.com"])

    assert str(error.value) == (
        "Invalid DjangoConfig (1 problem):\n"
        "- secret_key: found a key of 8 characters, a placeholder key from an example "
        "or template\n"
        "    expected: a random key of at least 50 characters with at least 5 distinct "
        "characters, not starting with 'django-insecure-'\n"
        "    fix: read it from an environment variable; generate one with: python -c "
        '"from django.core.management.utils import get_random_secret_key; '
        'print(get_random_secret_key())"'
    )


def test_development_warns_about_weak_key() -> None:
    with pytest.warns(ConfigWarning) as record:
        config = DjangoConfig(secret_key="changeme", debug=True)

    assert str(record[0].message).startswith(
        "secret_key is weak (a key of 8 characters, a placeholder key from an example or "
        "template): development accepts it, production rejects it"
    )
    assert config.get_all_settings()["SECRET_KEY"] == "changeme"


def test_development_without_key_gets_random_one() -> None:
    with pytest.warns(ConfigWarning, match="secret_key is not set"):
        first = DjangoConfig(debug=True)
    with pytest.warns(ConfigWarning):
        second = DjangoConfig(debug=True)

    first_key = first.get_all_settings()["SECRET_KEY"]
    assert len(first_key) >= 50
    assert first_key == first.get_all_settings()["SECRET_KEY"]
    assert first_key != second.get_all_settings()["SECRET_KEY"]


def test_secret_values_never_in_messages() -> None:
    secret = "short-but-secret-Zq9"
    database_url = "postgres://admin:hunter2-Xy@db.internal:5432/app"

    with pytest.raises(ConfigError) as error:
        DjangoConfig(
            secret_key=secret,
            security_domains=["myapp.com", "*"],
            database_url=database_url,
            cache_url="mongodb://user:pw-Qr7@cache/0",
        )

    message = str(error.value)
    assert secret not in message
    assert "hunter2-Xy" not in message
    assert "pw-Qr7" not in message
    assert error.value.__context__ is None


def test_secret_values_hidden_on_type_errors() -> None:
    with pytest.raises(ConfigError) as error:
        DjangoConfig(secret_key=["s3cr3t-value-Lk2"], debug=True)

    assert "s3cr3t-value-Lk2" not in str(error.value)
    assert error.value.__suppress_context__ is True
    assert "secret_key: found a value of the wrong type (hidden because the field is secret)" in (
        str(error.value)
    )


def test_repr_masks_secrets(production: ProductionFactory) -> None:
    config = production(["myapp.com"], database_url="postgres://u:pw-Mn4@db/app")

    text = repr(config)

    assert STRONG_KEY not in text
    assert "pw-Mn4" not in text
    assert "secret_key='**********'" in text


# Errors


def test_all_problems_reported_at_once() -> None:
    with pytest.raises(ConfigError) as error:
        DjangoConfig(
            secret_key="changeme",
            debug="maybe",
            security_domains=["*"],
            hsts_preload=True,
            hsts_seconds=60,
        )

    fields = [problem.field for problem in error.value.problems]
    assert fields == ["debug", "security_domains[0]"]


def test_all_semantic_problems_reported_together() -> None:
    with pytest.raises(ConfigError) as error:
        DjangoConfig(
            secret_key="changeme",
            security_domains=["*", "myapp.com"],
            hsts_seconds=60,
            cors_allow_headers=["x-ok", "bad header"],
            time_zone=3,
        )

    fields = [problem.field for problem in error.value.problems]
    assert fields == [
        "time_zone",
        "security_domains[0]",
        "secret_key",
        "hsts_preload",
        "cors_allow_headers[1]",
    ]
    assert str(error.value).startswith("Invalid DjangoConfig (5 problems):\n")


def test_bare_string_for_list_rejected() -> None:
    with pytest.raises(ConfigError) as error:
        DjangoConfig(secret_key=STRONG_KEY, security_domains="myapp.com")

    assert str(error.value) == (
        "Invalid DjangoConfig (1 problem):\n"
        "- security_domains: found str 'myapp.com'\n"
        "    expected: a value that is a valid list\n"
        "    fix: write security_domains as a list, such as ['myapp.com'], even for one item"
    )


def test_unknown_field_suggests_closest() -> None:
    with pytest.raises(ConfigError) as error:
        DjangoConfig(secret_key=STRONG_KEY, securty_domains=["myapp.com"])

    assert str(error.value) == (
        "Invalid DjangoConfig (1 problem):\n"
        "- securty_domains: found the unknown field 'securty_domains'\n"
        "    expected: a field of DjangoConfig\n"
        "    fix: rename it to 'security_domains'; the fields are listed in the README's "
        "field reference"
    )


def test_number_strings_coerced() -> None:
    config = development(hsts_seconds="3600")

    assert config.hsts_seconds == 3600


def test_config_error_is_value_error() -> None:
    assert issubclass(ConfigError, ValueError)


def test_config_is_frozen(production: ProductionFactory) -> None:
    config = production(["myapp.com"])

    with pytest.raises(ValueError, match="frozen"):
        config.debug = True  # type: ignore[misc]


def test_get_all_settings_returns_new_dict(production: ProductionFactory) -> None:
    config = production(["myapp.com"])
    first = config.get_all_settings()
    first["ALLOWED_HOSTS"].append("evil.com")

    assert "evil.com" not in config.get_all_settings()["ALLOWED_HOSTS"]
    assert config.security_domains == ["myapp.com"]


# Properties that replace fields


@pytest.mark.parametrize(
    ("environment", "mode", "debug", "ssl_redirect"),
    [
        ("development", "development", True, False),
        ("production", "production", False, True),
    ],
)
def test_property_fields_follow_environment(
    monkeypatch: pytest.MonkeyPatch, environment: str, mode: str, debug: bool, ssl_redirect: bool
) -> None:
    monkeypatch.setenv("DJANGO_ENV", environment)

    config = EnvironmentConfig()

    assert config.environment == environment
    assert config._environment == environment
    assert config.debug is debug
    assert config.mode == mode
    assert config.get_all_settings()["SECURE_SSL_REDIRECT"] is ssl_redirect


def test_property_not_taken_as_default() -> None:
    field = EnvironmentConfig.model_fields["debug"]

    assert field.default is False
    assert isinstance(EnvironmentConfig.__dict__["debug"], property)
    assert EnvironmentConfig.__property_fields__ == frozenset(
        {"debug", "security_domains", "ssl_redirect"}
    )


def test_property_field_rejects_input() -> None:
    with pytest.raises(ConfigError) as error:
        EnvironmentConfig(debug=True)

    assert str(error.value) == (
        "Invalid EnvironmentConfig (1 problem):\n"
        "- debug: found a value for debug, which EnvironmentConfig.debug computes as a "
        "property\n"
        "    expected: no value for a computed field\n"
        "    fix: remove the value, or remove the debug property from EnvironmentConfig"
    )


def test_property_value_type_checked() -> None:
    class BadConfig(DjangoConfig):
        @property  # type: ignore[misc]
        def security_domains(self) -> str:  # type: ignore[override]
            return "myapp.com"

    with pytest.raises(ConfigError) as error:
        BadConfig(secret_key=STRONG_KEY)

    problem = error.value.problems[0]
    assert problem.field == "security_domains"
    assert problem.source == "property BadConfig.security_domains"
    assert problem.found == "str 'myapp.com'"


def test_field_declared_again_below_property() -> None:
    class Redeclared(EnvironmentConfig):
        debug: bool = True

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        config = Redeclared()

    assert config.debug is True
    assert Redeclared.__property_fields__ == frozenset({"security_domains", "ssl_redirect"})


# Core settings


def test_core_settings_complete(tmp_path: Path) -> None:
    config = development(
        base_dir=tmp_path,
        project_apps=["blog"],
        root_urlconf="site_urls",
        wsgi_application="site_wsgi.application",
        time_zone="Europe/Berlin",
        language_code="de",
        template_dirs=[Path("templates")],
        staticfiles_dirs=[Path("assets")],
    )
    settings = config.get_all_settings()

    assert settings["INSTALLED_APPS"] == [
        "django.contrib.admin",
        "django.contrib.auth",
        "django.contrib.contenttypes",
        "django.contrib.sessions",
        "django.contrib.messages",
        "django.contrib.staticfiles",
        "corsheaders",
        "django_cfg",
        "axes",
        "blog",
    ]
    assert settings["MIDDLEWARE"] == [
        "django.middleware.security.SecurityMiddleware",
        "django.contrib.sessions.middleware.SessionMiddleware",
        "corsheaders.middleware.CorsMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
        "axes.middleware.AxesMiddleware",
    ]
    assert settings["ROOT_URLCONF"] == "site_urls"
    assert settings["WSGI_APPLICATION"] == "site_wsgi.application"
    assert settings["DATABASES"]["default"]["ENGINE"] == "django.db.backends.sqlite3"
    assert settings["DATABASES"]["default"]["NAME"] == str(tmp_path / "db.sqlite3")
    assert settings["TIME_ZONE"] == "Europe/Berlin"
    assert settings["LANGUAGE_CODE"] == "de"
    assert settings["USE_TZ"] is True
    assert settings["DEFAULT_AUTO_FIELD"] == "django.db.models.BigAutoField"
    assert settings["STATIC_URL"] == "/static/"
    assert settings["STATIC_ROOT"] == str(tmp_path / "staticfiles")
    assert settings["STATICFILES_DIRS"] == [str(tmp_path / "assets")]
    assert settings["TEMPLATES"][0]["DIRS"] == [str(tmp_path / "templates")]
    assert len(settings["AUTH_PASSWORD_VALIDATORS"]) == 4
    assert "CACHES" not in settings


def test_base_dir_defaults_to_config_module_folder() -> None:
    assert EnvironmentConfig().get_base_dir() == Path(__file__).resolve().parent


def test_database_url_unencoded_password() -> None:
    with pytest.raises(ConfigError) as error:
        development(database_url="postgres://app:p#ss-Wd9@db/app")

    assert "p#ss-Wd9" not in str(error.value)
    assert error.value.problems[0].found == "a postgres URL that dj-database-url cannot parse"
    assert error.value.problems[0].fix == (
        "give the port as a number, and percent-encode special characters in the user name "
        "and password ('#' as %23)"
    )


def test_database_url_parsed() -> None:
    config = development(database_url="postgres://app:pw@db.internal:5433/shop")
    database = config.get_all_settings()["DATABASES"]["default"]

    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert database["NAME"] == "shop"
    assert database["USER"] == "app"
    assert database["HOST"] == "db.internal"
    assert database["PORT"] == 5433


@pytest.mark.parametrize(
    ("url", "cache"),
    [
        (
            "redis://127.0.0.1:6379/1",
            {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": "redis://127.0.0.1:6379/1",
            },
        ),
        (
            "locmem://shared",
            {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "shared"},
        ),
        (
            "file:///srv/cache",
            {
                "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": "/srv/cache",
            },
        ),
        (
            "memcached://127.0.0.1:11211",
            {
                "BACKEND": "django.core.cache.backends.memcached.PyMemcacheCache",
                "LOCATION": "127.0.0.1:11211",
            },
        ),
        ("dummy://", {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}),
    ],
)
def test_cache_url_parsed(url: str, cache: dict[str, str]) -> None:
    assert development(cache_url=url).get_all_settings()["CACHES"] == {"default": cache}


def test_unknown_cache_scheme_rejected() -> None:
    with pytest.raises(ConfigError) as error:
        development(cache_url="mongodb://cache/0")

    assert str(error.value) == (
        "Invalid DjangoConfig (1 problem):\n"
        "- cache_url: found a cache URL with the scheme 'mongodb'\n"
        "    expected: a URL whose scheme is one of redis://, rediss://, memcached://, "
        "locmem://, file://, db://, dummy://\n"
        "    fix: use redis://HOST:6379/0 for a cache that several servers share"
    )


def test_near_miss_field_warns() -> None:
    with pytest.warns(ConfigWarning) as record:

        class Misspelled(DjangoConfig):
            securty_domains: list[str] = ["myapp.com"]
            custom_flag: bool = False

    assert [str(warning.message) for warning in record] == [
        "Misspelled.securty_domains is a new field, not one that django_cfg reads; "
        "rename it to 'security_domains' if that was meant"
    ]
    assert record[0].filename == __file__


def test_database_url_without_scheme() -> None:
    with pytest.raises(ConfigError) as error:
        development(database_url="db.internal/shop")

    assert error.value.problems[0].found == "a value without a scheme and '://'"
