"""The django-cfg command line, run as a user runs it: in a subprocess, in a project folder."""

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from django_cfg.secret_key import secret_key_weaknesses
from tests.conftest import STRONG_KEY

EXAMPLE = Path(__file__).resolve().parent.parent / "example"

#: Variables that would choose a configuration or environment behind a test's back.
CLEARED_VARIABLES = (
    "DJANGO_SETTINGS_MODULE",
    "DJANGO_ENV",
    "ENVIRONMENT",
    "ENV",
    "SECRET_KEY",
    "DJANGO_CFG_DIR",
    "http_proxy",
    "https_proxy",
    "HTTP_PROXY",
    "HTTPS_PROXY",
)

DEVELOPMENT_KEY_WARNING = (
    "django-cfg: warning: secret_key is not set: development uses a random key for this "
    "process, so sessions end when it restarts; production rejects a missing key\n"
)

#: Secrets of the YAML configurations below; none may ever be printed.
DATABASE_PASSWORD = "Db-Pass-7731"
CACHE_PASSWORD = "Cache-Pass-4411"
STAGING_KEY = "staging-Wd4Kp9Rz2Lq7Vn3Xc8Bt5Hy1Mf6Jg0Ps-uvwxyzabcdefghijk"


def run_cli(
    *arguments: str, cwd: Path = EXAMPLE, command: tuple[str, ...] = (), **variables: str
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m django_cfg`` (or ``command``) in ``cwd`` with only ``variables`` set."""
    environment = {k: v for k, v in os.environ.items() if k not in CLEARED_VARIABLES}
    environment.update(variables)
    return subprocess.run(
        [*(command or (sys.executable, "-m", "django_cfg")), *arguments],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def table_values(output: str) -> dict[str, str]:
    """Map each setting name of the table format to its value text."""
    values = {}
    for line in output.splitlines():
        name, value = line.split(maxsplit=1)
        values[name] = value
    return values


@pytest.fixture
def shop_folder(tmp_path: Path) -> Path:
    """Write YAML files for staging and production that differ in their secrets."""
    (tmp_path / "config.yaml").write_text(
        "security_domains: [shop.example]\n"
        'cache_url: "redis://:${CACHE_PASSWORD}@cache.internal:6379/0"\n'
    )
    (tmp_path / "config.production.yaml").write_text(
        'secret_key: "${SECRET_KEY}"\n'
        'database_url: "postgres://shop:${DATABASE_PASSWORD}@db.internal:5432/shop"\n'
    )
    (tmp_path / "config.staging.yaml").write_text(
        f'secret_key: "{STAGING_KEY}"\n'
        'database_url: "postgres://shop:staging-only@db.internal:5432/shop"\n'
    )
    return tmp_path


def run_in_shop(folder: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    return run_cli(
        *arguments,
        "--config",
        str(folder),
        cwd=folder,
        SECRET_KEY=STRONG_KEY,
        DATABASE_PASSWORD=DATABASE_PASSWORD,
        CACHE_PASSWORD=CACHE_PASSWORD,
    )


def assert_no_secret(result: subprocess.CompletedProcess[str]) -> None:
    for secret in (STRONG_KEY, STAGING_KEY, DATABASE_PASSWORD, CACHE_PASSWORD, "staging-only"):
        assert secret not in result.stdout
        assert secret not in result.stderr


# settings


def test_settings_class_development_table() -> None:
    result = run_cli("settings", "--config", "config:ExampleConfig")
    values = table_values(result.stdout)

    assert result.returncode == 0
    assert result.stderr == DEVELOPMENT_KEY_WARNING
    assert values["SECRET_KEY"] == '"********"'
    assert values["ALLOWED_HOSTS"] == '["*"]'
    assert values["AXES_COOLOFF_TIME"] == '"P0DT01H00M00S"'
    assert values["ROOT_URLCONF"] == '"example_site.urls"'
    assert list(values) == sorted(values)


def test_settings_module_production_json() -> None:
    result = run_cli(
        "settings",
        "--env",
        "prod",
        "--format",
        "json",
        DJANGO_SETTINGS_MODULE="example_site.settings",
        SECRET_KEY=STRONG_KEY,
    )
    settings = json.loads(result.stdout)

    assert result.returncode == 0
    assert result.stderr == ""
    assert STRONG_KEY not in result.stdout
    assert settings["SECRET_KEY"] == "********"
    assert settings["DEBUG"] is False
    assert settings["ALLOWED_HOSTS"] == [
        "example.com",
        "app.example.com",
        "admin.example.com",
        "localhost",
        "127.0.0.1",
        "[::1]",
    ]
    assert settings["AXES_COOLOFF_TIME"] == "P1DT00H00M00S"
    assert settings["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert settings["STATIC_ROOT"] == str(EXAMPLE / "staticfiles")
    # The config's own settings, not the names the settings module adds.
    assert "LOGIN_REDIRECT_URL" not in settings


def test_settings_instance_python_format() -> None:
    result = run_cli(
        "settings", "--config", "config:config", "--env", "production", "--format", "python",
        SECRET_KEY=STRONG_KEY,
    )  # fmt: skip
    lines = result.stdout.splitlines()

    assert result.returncode == 0
    assert "AXES_COOLOFF_TIME = datetime.timedelta(days=1)" in lines
    assert "SECRET_KEY = '********'" in lines
    assert "SECURE_PROXY_SSL_HEADER = ('HTTP_X_FORWARDED_PROTO', 'https')" in lines
    assert "AXES_LOCKOUT_TEMPLATE = 'portal/locked.html'" in lines
    assert STRONG_KEY not in result.stdout


@pytest.mark.parametrize("output_format", ["table", "json", "python"])
def test_settings_folder_masks_passwords(shop_folder: Path, output_format: str) -> None:
    result = run_in_shop(shop_folder, "settings", "--env", "production", "--format", output_format)

    assert result.returncode == 0
    assert result.stderr == ""
    assert_no_secret(result)
    assert "db.internal" in result.stdout


def test_settings_folder_json_values(shop_folder: Path) -> None:
    result = run_in_shop(shop_folder, "settings", "--env", "production", "--format", "json")
    settings = json.loads(result.stdout)

    assert settings["DATABASES"]["default"]["PASSWORD"] == "********"
    assert settings["DATABASES"]["default"]["USER"] == "shop"
    assert settings["DATABASES"]["default"]["HOST"] == "db.internal"
    assert settings["CACHES"]["default"]["LOCATION"] == "redis://********@cache.internal:6379/0"
    assert settings["ALLOWED_HOSTS"][0] == "shop.example"


def test_settings_plain_settings_module(tmp_path: Path) -> None:
    (tmp_path / "plainsite.py").write_text(
        'SECRET_KEY = "plain-settings-key-that-must-stay-hidden-0123456789"\n'
        "DEBUG = False\n"
        'ALLOWED_HOSTS = ["plain.example"]\n'
        'PAYMENT_API_TOKEN = "tok-live-5521"\n'
        'PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]\n'
        'EMAIL_URL = "smtp://mailer:mail-pass-88@smtp.example:587"\n'
        'lowercase_name = "not a setting"\n'
    )
    result = run_cli(
        "settings", "--format", "json", cwd=tmp_path, DJANGO_SETTINGS_MODULE="plainsite"
    )

    assert result.returncode == 0
    assert json.loads(result.stdout) == {
        "ALLOWED_HOSTS": ["plain.example"],
        "DEBUG": False,
        "EMAIL_URL": "smtp://********@smtp.example:587",
        "PASSWORD_HASHERS": ["django.contrib.auth.hashers.Argon2PasswordHasher"],
        "PAYMENT_API_TOKEN": "********",
        "SECRET_KEY": "********",
    }


# diff


def test_diff_settings_module() -> None:
    result = run_cli(
        "diff",
        "development",
        "production",
        DJANGO_SETTINGS_MODULE="example_site.settings",
        SECRET_KEY=STRONG_KEY,
    )
    lines = result.stdout.splitlines()
    names = [line for line in lines if not line.startswith(" ")]

    assert result.returncode == 0
    assert result.stderr == ""
    assert lines[lines.index("DEBUG") : lines.index("DEBUG") + 3] == [
        "DEBUG",
        "  development: true",
        "  production:  false",
    ]
    assert lines[lines.index("SECURE_HSTS_SECONDS") + 2] == "  production:  31536000"
    assert {"ALLOWED_HOSTS", "CORS_ALLOW_ALL_ORIGINS", "CSRF_TRUSTED_ORIGINS"} <= set(names)
    assert names == sorted(names)
    # Both environments read the same SECRET_KEY and share the time zone.
    assert "SECRET_KEY" not in names
    assert "TIME_ZONE" not in names


def test_diff_hides_secret_values(shop_folder: Path) -> None:
    result = run_in_shop(shop_folder, "diff", "staging", "production")

    assert result.returncode == 0
    assert result.stderr == ""
    assert_no_secret(result)
    assert result.stdout.splitlines() == [
        "DATABASES: differs in secret values, which are not shown",
        "SECRET_KEY: differs in secret values, which are not shown",
    ]


def test_diff_same_environment(shop_folder: Path) -> None:
    result = run_in_shop(shop_folder, "diff", "production", "prod")

    assert result.returncode == 0
    assert result.stdout == "production and production produce the same settings\n"


def test_diff_class_reloads_module(tmp_path: Path) -> None:
    # The module reads DJANGO_ENV when imported, so each environment must import it anew.
    (tmp_path / "envconfig.py").write_text(
        "import os\n"
        "from django_cfg import DjangoConfig\n"
        "\n"
        "class EnvConfig(DjangoConfig):\n"
        '    time_zone: str = "Europe/Paris" if os.environ["DJANGO_ENV"] == "test" else "UTC"\n'
    )
    result = run_cli(
        "diff", "development", "test", "--config", "envconfig:EnvConfig", cwd=tmp_path
    )

    assert result.returncode == 0
    assert "TIME_ZONE\n" in result.stdout
    assert '  test:        "Europe/Paris"\n' in result.stdout


# errors


def test_bad_config_path() -> None:
    result = run_cli("settings", "--config", "/no/such/folder")

    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        "django-cfg: error: --config /no/such/folder: no such folder; expected a folder of "
        "YAML files, or module:Class such as config:MyConfig\n"
    )


def test_bad_module() -> None:
    result = run_cli("audit", "--config", "no_such_module:Config")

    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        "django-cfg: error: cannot import 'no_such_module': no module 'no_such_module' in the "
        "working directory or on sys.path\n"
    )


def test_module_that_raises(tmp_path: Path) -> None:
    (tmp_path / "broken.py").write_text('raise RuntimeError("database unreachable")\n')
    result = run_cli("settings", "--config", "broken:Config", cwd=tmp_path)

    assert result.returncode == 1
    assert result.stderr == (
        "django-cfg: error: importing 'broken' failed: RuntimeError: database unreachable\n"
    )


def test_missing_attribute() -> None:
    result = run_cli("settings", "--config", "config:MissingConfig")

    assert result.returncode == 1
    assert result.stderr == DEVELOPMENT_KEY_WARNING + (
        "django-cfg: error: --config config:MissingConfig: config has no attribute "
        "'MissingConfig'\n"
    )


def test_attribute_not_a_config() -> None:
    result = run_cli("settings", "--config", "config:load_config")

    assert result.returncode == 1
    assert result.stderr == DEVELOPMENT_KEY_WARNING + (
        "django-cfg: error: --config config:load_config: found a function, expected a "
        "DjangoConfig subclass or instance\n"
    )


def test_no_configuration() -> None:
    result = run_cli("settings")

    assert result.returncode == 1
    assert result.stderr == (
        "django-cfg: error: no configuration given: set DJANGO_SETTINGS_MODULE, or pass "
        "--config module:Class or --config FOLDER\n"
    )


def test_unknown_environment() -> None:
    result = run_cli("settings", "--env", "prd", "--config", "config:ExampleConfig")

    assert result.returncode == 1
    assert result.stderr == (
        "django-cfg: error: --env 'prd' names no environment; use one of dev, development, "
        "local, prod, production, stage, staging, test, testing\n"
    )


def test_invalid_config_full_text(tmp_path: Path) -> None:
    (tmp_path / "shopconfig.py").write_text(
        "from django_cfg import DjangoConfig\n"
        "\n"
        "class ShopConfig(DjangoConfig):\n"
        '    secret_key: str = "short"\n'
        '    security_domains: list[str] = ["*"]\n'
    )
    result = run_cli(
        "settings", "--config", "shopconfig:ShopConfig", "--env", "production", cwd=tmp_path
    )

    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines()[:2] == [
        "django-cfg: error: Invalid ShopConfig (2 problems):",
        "- security_domains[0]: found '*', which would accept any Host header",
    ]
    assert "Traceback" not in result.stderr
    assert "short" not in result.stderr


def test_module_chooses_other_environment(tmp_path: Path) -> None:
    (tmp_path / "fixed.py").write_text(
        "from django_cfg import DjangoConfig\n"
        "from django_cfg.environment import environment_override\n"
        "\n"
        'with environment_override("development"):\n'
        "    config = DjangoConfig(debug=True)\n"
    )
    result = run_cli("settings", "--config", "fixed:config", "--env", "staging", cwd=tmp_path)

    assert result.returncode == 1
    assert result.stderr == DEVELOPMENT_KEY_WARNING + (
        "django-cfg: error: fixed:config built its config for the environment 'development', "
        "not 'staging'; it chooses the environment itself instead of reading DJANGO_ENV\n"
    )


# secret-key


def test_secret_key_passes_rules() -> None:
    first = run_cli("secret-key")
    second = run_cli("secret-key")
    keys = [first.stdout.removesuffix("\n"), second.stdout.removesuffix("\n")]

    assert first.returncode == 0
    assert first.stderr == ""
    assert [len(key) for key in keys] == [67, 67]
    assert [secret_key_weaknesses(key) for key in keys] == [[], []]
    assert keys[0] != keys[1]


def test_console_script_installed(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("django-cfg")
    result = run_cli("secret-key", cwd=tmp_path, command=(str(script),))

    assert result.returncode == 0
    assert secret_key_weaknesses(result.stdout.strip()) == []


def readme_section() -> str:
    readme = (EXAMPLE.parent / "README.md").read_text(encoding="utf-8")
    start = readme.index("\n## Command line\n")
    return readme[start : readme.index("\n## ", start + 1)]


@pytest.mark.usefixtures("example_static_files")
def test_readme_commands_run() -> None:
    console = readme_section().split("```console\n", 1)[1].split("```", 1)[0]
    commands = [
        shlex.split(line.removeprefix("$ ").split("#", 1)[0])
        for line in console.splitlines()
        if line.startswith("$ django-cfg")
    ]

    assert len(commands) == 5
    for command in commands:
        result = run_cli(
            *command[1:], DJANGO_SETTINGS_MODULE="example_site.settings", SECRET_KEY=STRONG_KEY
        )
        assert result.returncode == 0, command
        assert result.stderr == "", command
