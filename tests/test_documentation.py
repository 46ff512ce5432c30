"""The configurations of the original django-cfg security documentation, run as written.

Where a result differs on purpose (weak example keys refused in production,
ports kept in origins, no invented www variants), the test asserts our result
and the README's "Differences from the original documentation" gives the reason.
"""

import pytest

from django_cfg import ConfigError, ConfigWarning, DjangoConfig
from tests.conftest import STRONG_KEY

DOCUMENTED_DOMAINS = ["myapp.com", "https://api.myapp.com", "admin.myapp.com:8443"]


class DocumentedProduction(DjangoConfig):
    secret_key: str = "your-production-secret-key-minimum-50-characters"
    debug: bool = False
    project_name: str = "My Production App"
    security_domains: list = DOCUMENTED_DOMAINS  # type: ignore[type-arg]


class DocumentedDevelopment(DjangoConfig):
    secret_key: str = "dev-secret-key-minimum-50-characters-long-string"
    debug: bool = True
    project_name: str = "My Dev App"


class DocumentedMinimalDevelopment(DjangoConfig):
    debug: bool = True


class DocumentedEnvironment(DjangoConfig):
    secret_key: str = "your-secret-key"
    project_name: str = "My App"

    @property  # type: ignore[misc]
    def debug(self) -> bool:
        return self._environment == "development"

    @property  # type: ignore[misc]
    def security_domains(self) -> list:  # type: ignore[type-arg]
        if self._environment == "production":
            return ["myapp.com", "api.myapp.com"]
        elif self._environment == "staging":  # noqa: RET505
            return ["staging.myapp.com"]
        return []  # Development

    @property  # type: ignore[misc]
    def ssl_redirect(self) -> bool:
        return self._environment in ["production", "staging"]


class DocumentedCustomHeaders(DjangoConfig):
    secret_key: str = STRONG_KEY
    debug: bool = False
    security_domains: list = ["myapp.com"]  # type: ignore[type-arg]
    cors_allow_headers: list = ["x-api-key", "x-custom-header"]  # type: ignore[type-arg]


class DocumentedApi(DjangoConfig):
    secret_key: str = STRONG_KEY
    debug: bool = False
    security_domains: list = ["api.myapp.com", "myapp.com"]  # type: ignore[type-arg]
    cors_allow_headers: list = ["x-api-key", "authorization"]  # type: ignore[type-arg]


class DocumentedSslRedirect(DjangoConfig):
    secret_key: str = STRONG_KEY
    debug: bool = False
    security_domains: list = ["myapp.com"]  # type: ignore[type-arg]
    ssl_redirect: bool = True


def key_problem_count(error: ConfigError) -> int:
    return sum(1 for problem in error.problems if problem.field == "secret_key")


def test_documented_production_key_refused() -> None:
    with pytest.raises(ConfigError) as error:
        DocumentedProduction()

    assert [problem.field for problem in error.value.problems] == ["secret_key"]
    assert error.value.problems[0].found == (
        "a key of 48 characters, a placeholder key from an example or template"
    )


def test_documented_production_settings() -> None:
    settings = DocumentedProduction(
        secret_key=STRONG_KEY, container_hosts=False
    ).get_all_settings()

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
    assert "SECURE_BROWSER_XSS_FILTER" not in settings


def test_documented_development_settings() -> None:
    with pytest.warns(ConfigWarning, match="secret_key is weak"):
        config = DocumentedDevelopment()
    settings = config.get_all_settings()

    assert config.mode == "development"
    assert settings["CORS_ALLOW_ALL_ORIGINS"] is True
    assert settings["CORS_ALLOW_CREDENTIALS"] is False
    assert settings["ALLOWED_HOSTS"] == ["*"]
    assert "http://localhost:3000" in settings["CSRF_TRUSTED_ORIGINS"]
    assert "http://localhost:5173" in settings["CSRF_TRUSTED_ORIGINS"]
    assert "http://localhost:8080" in settings["CSRF_TRUSTED_ORIGINS"]
    assert "http://localhost:4200" in settings["CSRF_TRUSTED_ORIGINS"]
    assert settings["SECURE_SSL_REDIRECT"] is False
    assert settings["SESSION_COOKIE_SECURE"] is False
    assert settings["CSRF_COOKIE_SECURE"] is False
    assert settings["SECURE_CONTENT_TYPE_NOSNIFF"] is False
    assert settings["X_FRAME_OPTIONS"] == "SAMEORIGIN"


def test_documented_development_without_key() -> None:
    with pytest.warns(ConfigWarning, match="secret_key is not set"):
        config = DocumentedMinimalDevelopment()

    assert config.get_all_settings()["ALLOWED_HOSTS"] == ["*"]


@pytest.mark.parametrize(
    ("environment", "hosts", "ssl_redirect"),
    [
        ("staging", ["staging.myapp.com", "localhost", "127.0.0.1", "[::1]"], True),
        ("production", ["myapp.com", "api.myapp.com", "localhost", "127.0.0.1", "[::1]"], True),
    ],
)
def test_documented_environment_detection(
    monkeypatch: pytest.MonkeyPatch, environment: str, hosts: list[str], ssl_redirect: bool
) -> None:
    monkeypatch.setenv("DJANGO_ENV", environment)

    with pytest.raises(ConfigError) as error:
        DocumentedEnvironment()
    assert [problem.field for problem in error.value.problems] == ["secret_key"]

    config = DocumentedEnvironment(secret_key=STRONG_KEY, container_hosts=False)
    settings = config.get_all_settings()
    assert config.debug is False
    assert config.mode == "production"
    assert settings["ALLOWED_HOSTS"] == hosts
    assert settings["SECURE_SSL_REDIRECT"] is ssl_redirect
    assert settings["SESSION_COOKIE_SECURE"] is True


def test_documented_environment_detection_development() -> None:
    with pytest.warns(ConfigWarning):
        config = DocumentedEnvironment()
    settings = config.get_all_settings()

    assert config.debug is True
    assert config.security_domains == []
    assert config.ssl_redirect is False
    assert settings["ALLOWED_HOSTS"] == ["*"]
    assert settings["CORS_ALLOW_ALL_ORIGINS"] is True


def test_documented_custom_headers() -> None:
    headers = DocumentedCustomHeaders().get_all_settings()["CORS_ALLOW_HEADERS"]

    assert headers == [
        "accept",
        "accept-encoding",
        "authorization",
        "content-type",
        "dnt",
        "origin",
        "user-agent",
        "x-csrftoken",
        "x-requested-with",
        "x-api-key",
        "x-custom-header",
    ]


def test_documented_api_origins() -> None:
    settings = DocumentedApi(container_hosts=False).get_all_settings()

    assert settings["CORS_ALLOWED_ORIGINS"] == ["https://api.myapp.com", "https://myapp.com"]
    assert settings["CORS_ALLOW_CREDENTIALS"] is True
    assert settings["CORS_ALLOW_HEADERS"][-1] == "x-api-key"
    assert settings["CORS_ALLOW_HEADERS"].count("authorization") == 1


def test_documented_ssl_redirect() -> None:
    settings = DocumentedSslRedirect().get_all_settings()

    assert settings["SECURE_SSL_REDIRECT"] is True
    assert settings["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")


@pytest.mark.parametrize("weak_key", ["changeme", "django-insecure-key", "your-secret-key"])
def test_documented_bad_keys_refused(weak_key: str) -> None:
    with pytest.raises(ConfigError) as error:
        DjangoConfig(secret_key=weak_key, security_domains=["myapp.com"])

    assert key_problem_count(error.value) == 1


def test_documented_key_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SECRET_KEY", STRONG_KEY)
    monkeypatch.setenv("DATABASE_URL", "postgres://app:pw@db/app")
    import os

    class FromEnvironment(DjangoConfig):
        secret_key: str = os.environ["SECRET_KEY"]
        database_url: str = os.environ["DATABASE_URL"]
        debug: bool = os.getenv("DEBUG", "false").lower() == "true"
        security_domains: list = ["myapp.com"]  # type: ignore[type-arg]

    config = FromEnvironment()

    assert config.get_all_settings()["SECRET_KEY"] == STRONG_KEY
    assert config.mode == "production"
