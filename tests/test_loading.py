"""load_config: ${VAR} interpolation, type conversion of placeholders, and its messages."""

from pathlib import Path

import pytest

from django_cfg import ConfigError, DjangoConfig, load_config
from tests.conftest import STRONG_KEY

PRODUCTION_HEAD = 'debug: false\nsecurity_domains: [myapp.com]\nsecret_key: "${SECRET_KEY}"\n'


def write(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(text, encoding="utf-8")


def load_development(folder: Path, text: str) -> DjangoConfig:
    """Load ``text`` as config.development.yaml, with a strong key so nothing warns."""
    write(folder, "config.development.yaml", f"secret_key: {STRONG_KEY!r}\n{text}")
    return load_config(environment="development", directory=folder)


def load_error(folder: Path, environment: str = "production") -> ConfigError:
    with pytest.raises(ConfigError) as error:
        load_config(environment=environment, directory=folder)
    return error.value


@pytest.fixture(autouse=True)
def _no_placeholder_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("SECRET_KEY", "SECRET_KEY_FILE", "NAME", "DEBUG", "DOMAINS", "DJANGO_CFG_DIR"):
        monkeypatch.delenv(name, raising=False)


def test_unset_variable_named_with_file_and_line(tmp_path: Path) -> None:
    write(tmp_path, "config.production.yaml", PRODUCTION_HEAD)

    error = load_error(tmp_path)

    assert str(error) == (
        "Invalid DjangoConfig (1 problem):\n"
        "- secret_key (config.production.yaml, line 3, environment variable SECRET_KEY): "
        "found no value, because SECRET_KEY is not set\n"
        "    expected: SECRET_KEY set in the environment, in .env, "
        "or in a file named by SECRET_KEY_FILE\n"
        "    fix: set SECRET_KEY in the environment or in .env"
    )


def test_unset_variable_fix_offers_default(tmp_path: Path) -> None:
    write(tmp_path, "config.development.yaml", "debug: true\nproject_name: ${NAME}\n")

    error = load_error(tmp_path, "development")

    assert len(error.problems) == 1
    assert error.problems[0].field == "project_name"
    assert error.problems[0].source == (
        "config.development.yaml, line 2, environment variable NAME"
    )
    assert error.problems[0].fix == (
        "set NAME in the environment or in .env, or give a default: ${NAME:-value}"
    )


def test_set_variable_substituted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SECRET_KEY", STRONG_KEY)
    write(tmp_path, "config.production.yaml", PRODUCTION_HEAD)

    config = load_config(environment="production", directory=tmp_path)

    assert config.secret_key == STRONG_KEY
    assert config.mode == "production"


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, "fallback"), ("", "fallback"), ("given", "given")],
    ids=["unset", "empty", "set"],
)
def test_default_when_unset_or_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str | None, expected: str
) -> None:
    if value is not None:
        monkeypatch.setenv("NAME", value)

    config = load_development(tmp_path, 'project_name: "${NAME:-fallback}"\n')

    assert config.project_name == expected


def test_empty_default(tmp_path: Path) -> None:
    config = load_development(tmp_path, 'project_name: "${NAME:-}"\n')

    assert config.project_name == ""


def test_value_with_comment_colon_and_quotes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    value = "Ops # team: \"blue\" 'green' #1"
    monkeypatch.setenv("NAME", value)

    config = load_development(tmp_path, "project_name: ${NAME}\n")

    assert config.project_name == value


def test_placeholder_inside_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NAME", "shop")

    config = load_development(tmp_path, 'project_name: "${NAME}: ${NAME}-$5 ${OTHER:-x}"\n')

    assert config.project_name == "shop: shop-$5 x"


def test_escaped_placeholder_stays_literal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("X", "substituted")

    config = load_development(tmp_path, 'project_name: "$${X} and $${X:-y}"\n')

    assert config.project_name == "${X} and ${X:-y}"


def test_no_recursive_expansion(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NAME", "${INNER}")
    monkeypatch.setenv("INNER", "expanded")

    config = load_development(tmp_path, "project_name: ${NAME}\n")

    assert config.project_name == "${INNER}"


def test_file_variable_fallback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secret_file = tmp_path / "secret_key.txt"
    secret_file.write_text(STRONG_KEY + "\n", encoding="utf-8")
    monkeypatch.setenv("SECRET_KEY_FILE", str(secret_file))
    write(tmp_path, "config.production.yaml", PRODUCTION_HEAD)

    config = load_config(environment="production", directory=tmp_path)

    assert config.secret_key == STRONG_KEY


def test_variable_wins_over_file_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secret_file = tmp_path / "secret_key.txt"
    secret_file.write_text("from-the-file", encoding="utf-8")
    monkeypatch.setenv("SECRET_KEY_FILE", str(secret_file))
    monkeypatch.setenv("SECRET_KEY", STRONG_KEY)
    write(tmp_path, "config.production.yaml", PRODUCTION_HEAD)

    config = load_config(environment="production", directory=tmp_path)

    assert config.secret_key == STRONG_KEY


def test_unreadable_file_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    missing = tmp_path / "missing.txt"
    monkeypatch.setenv("SECRET_KEY_FILE", str(missing))
    write(tmp_path, "config.production.yaml", PRODUCTION_HEAD)

    error = load_error(tmp_path)

    assert str(error) == (
        "Invalid DjangoConfig (1 problem):\n"
        "- secret_key (config.production.yaml, line 3, environment variable SECRET_KEY_FILE): "
        f"found the file {str(missing)!r} named by SECRET_KEY_FILE, which cannot be read: "
        "No such file or directory\n"
        "    expected: a readable file that contains the value of SECRET_KEY\n"
        "    fix: correct SECRET_KEY_FILE, or set SECRET_KEY itself"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("true", True),
        ("TRUE", True),
        ("True", True),
        ("false", False),
        ("FALSE", False),
        ("False", False),
        ("1", True),
        ("0", False),
        ("yes", True),
        ("Yes", True),
        ("no", False),
        ("NO", False),
        ("on", True),
        ("On", True),
        ("off", False),
        ("OFF", False),
        (" true ", True),
    ],
)
def test_debug_spellings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, expected: bool
) -> None:
    monkeypatch.setenv("DEBUG", text)

    config = load_development(tmp_path, "debug: ${DEBUG}\n")

    assert config.debug is expected


def test_debug_maybe_rejected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEBUG", "maybe")
    write(tmp_path, "config.development.yaml", f"secret_key: {STRONG_KEY}\ndebug: ${{DEBUG}}\n")

    error = load_error(tmp_path, "development")

    assert str(error) == (
        "Invalid DjangoConfig (1 problem):\n"
        "- debug (config.development.yaml, line 2, environment variable DEBUG): "
        "found a value of DEBUG that is not a boolean\n"
        "    expected: true, false, 1, 0, yes, no, on or off, in any case\n"
        "    fix: set DEBUG to true or false"
    )


@pytest.mark.parametrize("text", ["t", "f", "y", "2", "", "truthy"])
def test_other_boolean_spellings_rejected(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    monkeypatch.setenv("DEBUG", text)
    write(tmp_path, "config.development.yaml", f"secret_key: {STRONG_KEY}\ndebug: ${{DEBUG}}\n")

    error = load_error(tmp_path, "development")

    assert [problem.found for problem in error.problems] == [
        "a value of DEBUG that is not a boolean"
    ]


def test_domain_list_from_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOMAINS", "https://a.com, https://b.com")
    monkeypatch.setenv("SECRET_KEY", STRONG_KEY)
    write(
        tmp_path,
        "config.production.yaml",
        'secret_key: "${SECRET_KEY}"\ndebug: false\nsecurity_domains: ${DOMAINS}\n',
    )

    config = load_config(environment="production", directory=tmp_path)

    assert config.security_domains == ["https://a.com", "https://b.com"]
    assert config.get_all_settings()["CSRF_TRUSTED_ORIGINS"] == ["https://a.com", "https://b.com"]


def test_empty_domain_list_from_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOMAINS", "")

    config = load_development(tmp_path, "security_domains: ${DOMAINS}\n")

    assert config.security_domains == []
    assert config.get_all_settings()["ALLOWED_HOSTS"] == ["*"]


def test_domain_list_drops_empty_items(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOMAINS", " a.com ,, b.com ,")

    config = load_development(tmp_path, "debug: true\nsecurity_domains: ${DOMAINS}\n")

    assert config.security_domains == ["a.com", "b.com"]


def test_list_item_placeholder_not_split(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HEADER", "x-api-key")

    config = load_development(tmp_path, "cors_allow_headers: [x-one, '${HEADER}']\n")

    assert config.cors_allow_headers == ["x-one", "x-api-key"]


def test_empty_optional_becomes_none(tmp_path: Path) -> None:
    config = load_development(tmp_path, 'ssl_redirect: "${SSL_REDIRECT:-}"\n')

    assert config.ssl_redirect is None


def test_whole_number_from_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HSTS_SECONDS", "63072000")

    config = load_development(tmp_path, "hsts_seconds: ${HSTS_SECONDS}\n")

    assert config.hsts_seconds == 63_072_000


def test_invalid_whole_number_rejected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HSTS_SECONDS", "1e3")
    write(tmp_path, "config.development.yaml", "hsts_seconds: ${HSTS_SECONDS}\n")

    error = load_error(tmp_path, "development")

    assert str(error) == (
        "Invalid DjangoConfig (1 problem):\n"
        "- hsts_seconds (config.development.yaml, line 1, environment variable HSTS_SECONDS): "
        "found a value of HSTS_SECONDS that is not a whole number\n"
        "    expected: a whole number such as 3600\n"
        "    fix: set HSTS_SECONDS to a whole number"
    )


def test_nested_fields_converted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LIMIT", "3")
    monkeypatch.setenv("COOLOFF", "1.5")
    monkeypatch.setenv("VERBOSE", "off")

    config = load_development(
        tmp_path,
        "axes:\n  failure_limit: ${LIMIT}\n  cooloff_time: ${COOLOFF}\n  verbose: ${VERBOSE}\n",
    )

    assert config.axes.failure_limit == 3
    assert config.axes.cooloff_time == 1.5
    assert config.axes.verbose is False


def test_nested_field_rejected_with_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LIMIT", "three")
    write(
        tmp_path, "config.development.yaml", "axes:\n  enabled: true\n  failure_limit: ${LIMIT}\n"
    )

    error = load_error(tmp_path, "development")

    assert [(problem.field, problem.source) for problem in error.problems] == [
        ("axes.failure_limit", "config.development.yaml, line 3, environment variable LIMIT")
    ]


def test_password_inside_database_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DB_PASSWORD", "s3cr3t-Pass")

    config = load_development(
        tmp_path, 'database_url: "postgres://app:${DB_PASSWORD}@db:5432/shop"\n'
    )

    database = config.get_all_settings()["DATABASES"]["default"]
    assert database["PASSWORD"] == "s3cr3t-Pass"
    assert database["HOST"] == "db"
    assert database["NAME"] == "shop"


def test_unknown_key_suggests_field(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SECRET_KEY", STRONG_KEY)
    write(
        tmp_path,
        "config.production.yaml",
        'secret_key: "${SECRET_KEY}"\ndebug: false\n\nsecurty_domains:\n  - myapp.com\n',
    )

    error = load_error(tmp_path)

    assert error.problems[0].render() == (
        "- securty_domains (config.production.yaml, line 4): "
        "found the unknown field 'securty_domains'\n"
        "    expected: a field of DjangoConfig\n"
        "    fix: rename it to 'security_domains'; "
        "the fields are listed in the README's field reference"
    )


def test_wrong_type_names_file_and_line(tmp_path: Path) -> None:
    write(tmp_path, "config.development.yaml", "debug: true\n\nhsts_seconds: soon\n")

    error = load_error(tmp_path, "development")

    assert str(error) == (
        "Invalid DjangoConfig (1 problem):\n"
        "- hsts_seconds (config.development.yaml, line 3): found str 'soon'\n"
        "    expected: a value that is a valid integer, unable to parse string as an integer\n"
        "    fix: set hsts_seconds to a whole number"
    )


def test_bare_string_for_list_rejected(tmp_path: Path) -> None:
    write(tmp_path, "config.development.yaml", "debug: true\nsecurity_domains: myapp.com\n")

    error = load_error(tmp_path, "development")

    assert [(problem.field, problem.source) for problem in error.problems] == [
        ("security_domains", "config.development.yaml, line 2")
    ]
    assert error.problems[0].fix == (
        "write security_domains as a list, such as ['myapp.com'], even for one item"
    )


def test_list_item_problem_points_at_item_line(tmp_path: Path) -> None:
    write(
        tmp_path,
        "config.production.yaml",
        f"secret_key: {STRONG_KEY}\nsecurity_domains:\n  - myapp.com\n  - '*'\n",
    )

    error = load_error(tmp_path)

    assert [(problem.field, problem.source) for problem in error.problems] == [
        ("security_domains[1]", "config.production.yaml, line 4")
    ]


def test_all_problems_reported_together(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEBUG", "maybe")
    write(
        tmp_path,
        "config.production.yaml",
        "secret_key: ${SECRET_KEY}\n"
        "debug: ${DEBUG}\n"
        "securty_domains: [myapp.com]\n"
        "hsts_seconds: soon\n"
        "security_domains: ['*']\n",
    )

    error = load_error(tmp_path)

    assert [(problem.field, problem.source) for problem in error.problems] == [
        ("secret_key", "config.production.yaml, line 1, environment variable SECRET_KEY"),
        ("debug", "config.production.yaml, line 2, environment variable DEBUG"),
        ("hsts_seconds", "config.production.yaml, line 4"),
        ("securty_domains", "config.production.yaml, line 3"),
        ("security_domains[0]", "config.production.yaml, line 5"),
    ]
    assert str(error).startswith("Invalid DjangoConfig (5 problems):\n")


def test_weak_secret_key_not_shown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SECRET_KEY", "hunter2-weak-key")
    write(tmp_path, "config.production.yaml", PRODUCTION_HEAD)

    error = load_error(tmp_path)

    assert "hunter2" not in str(error)
    assert [(problem.field, problem.source, problem.found) for problem in error.problems] == [
        (
            "secret_key",
            "config.production.yaml, line 3, environment variable SECRET_KEY",
            "a key of 16 characters",
        )
    ]


def test_database_password_not_shown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "nosuchdb://app:hunter2@db/shop")
    write(tmp_path, "config.development.yaml", "debug: true\ndatabase_url: ${DATABASE_URL}\n")

    error = load_error(tmp_path, "development")

    assert "hunter2" not in str(error)
    assert [(problem.field, problem.source) for problem in error.problems] == [
        ("database_url", "config.development.yaml, line 2, environment variable DATABASE_URL")
    ]


def test_invalid_value_from_variable_not_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DOMAINS", "myapp.com, https://hunter2.example.com/private")
    write(tmp_path, "config.development.yaml", "debug: true\nsecurity_domains: ${DOMAINS}\n")

    error = load_error(tmp_path, "development")

    assert "hunter2" not in str(error)
    assert str(error) == (
        "Invalid DjangoConfig (1 problem):\n"
        "- security_domains[1] (config.development.yaml, line 2, environment variable DOMAINS): "
        "found an invalid value from DOMAINS (values of variables are not shown)\n"
        "    expected: a host name with an optional http(s) scheme and port, such as "
        "'myapp.com', 'https://api.myapp.com' or 'admin.myapp.com:8443'\n"
        "    fix: remove the path; an entry names a scheme, a host and a port only"
    )


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("${1NAME}", "the invalid placeholder '${1NAME}': the name must be letters, digits"),
        ("${NAME:fallback}", "the invalid placeholder '${NAME:fallback}': the name must be"),
        ("${NAME", "the invalid placeholder '${NAME': it has no closing '}'"),
        ("${A:-${B}}", "the invalid placeholder '${A:-${B}': a default cannot contain another"),
    ],
)
def test_invalid_placeholder(tmp_path: Path, text: str, found: str) -> None:
    write(tmp_path, "config.development.yaml", f"debug: true\nproject_name: '{text}'\n")

    error = load_error(tmp_path, "development")

    assert len(error.problems) == 1
    assert error.problems[0].field == "project_name"
    assert error.problems[0].source == "config.development.yaml, line 2"
    assert error.problems[0].found.startswith(found)
    assert error.problems[0].expected == "${NAME} or ${NAME:-default}, and $${ for a literal ${"


def test_invalid_placeholder_in_secret_not_quoted(tmp_path: Path) -> None:
    write(tmp_path, "config.production.yaml", "secret_key: 'hunter2${'\n")

    error = load_error(tmp_path)

    assert "hunter2" not in str(error)
    assert error.problems[0].found == "an invalid placeholder: it has no closing '}'"


def test_every_unset_variable_in_value_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DB_USER", raising=False)
    monkeypatch.delenv("DB_PASSWORD", raising=False)
    write(
        tmp_path,
        "config.development.yaml",
        'debug: true\ndatabase_url: "postgres://${DB_USER}:${DB_PASSWORD}@db/shop"\n',
    )

    error = load_error(tmp_path, "development")

    assert [(problem.field, problem.source) for problem in error.problems] == [
        ("database_url", "config.development.yaml, line 2, environment variable DB_USER"),
        ("database_url", "config.development.yaml, line 2, environment variable DB_PASSWORD"),
    ]


def test_value_quoted_by_other_field_hidden(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HSTS_SECONDS", "86400")
    write(
        tmp_path,
        "config.production.yaml",
        f"secret_key: {STRONG_KEY}\nsecurity_domains: [myapp.com]\n"
        "hsts_seconds: ${HSTS_SECONDS}\nhsts_preload: true\n",
    )

    error = load_error(tmp_path)

    assert "86400" not in str(error)
    assert [(problem.field, problem.source, problem.found) for problem in error.problems] == [
        (
            "hsts_preload",
            "config.production.yaml, line 4",
            "an invalid value from HSTS_SECONDS (values of variables are not shown)",
        )
    ]
