"""load_config on the YAML of the original documentation, of the README and of the example."""

import importlib.util
import re
from datetime import timedelta
from pathlib import Path
from types import ModuleType

import pytest

from django_cfg import ConfigError, ConfigWarning, DjangoConfig, load_config
from tests.conftest import STRONG_KEY

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "example"

# The original documentation's YAML, as written there. Its text export lost the
# indentation of nested keys, so the lines under "axes:" are indented again.
DOCUMENTED_PRODUCTION = """\
# config.production.yaml
secret_key: "${SECRET_KEY}" # From environment
debug: false
security_domains:
- myapp.com # ✅ Flexible format
- https://api.myapp.com # ✅ With protocol
- admin.myapp.com:8443 # ✅ With port
# ssl_redirect: Optional - not needed (defaults to reverse proxy mode)
"""

DOCUMENTED_DEVELOPMENT = """\
# config.development.yaml
secret_key: "dev-secret-key-minimum-50-chars"
debug: true
# security_domains: Optional - not needed in development
"""

DOCUMENTED_AXES = """\
secret_key: "${SECRET_KEY}"
debug: false
security_domains:
- myapp.com
# Custom axes configuration
axes:
  failure_limit: 3
  cooloff_time: 48
  lockout_template: "account/locked.html"
"""


def write(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(text, encoding="utf-8")


@pytest.fixture(autouse=True)
def _no_placeholder_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("SECRET_KEY", "SECRET_KEY_FILE", "DEBUG", "DOMAINS", "DJANGO_CFG_DIR"):
        monkeypatch.delenv(name, raising=False)


def test_documented_production_yaml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SECRET_KEY", STRONG_KEY)
    write(tmp_path, "config.production.yaml", DOCUMENTED_PRODUCTION)

    config = load_config(environment="production", directory=tmp_path)
    settings = config.get_all_settings()

    assert config.secret_key == STRONG_KEY
    assert config.mode == "production"
    assert config.security_domains == [
        "myapp.com",
        "https://api.myapp.com",
        "admin.myapp.com:8443",
    ]
    assert settings["CSRF_TRUSTED_ORIGINS"] == [
        "https://myapp.com",
        "https://api.myapp.com",
        "https://admin.myapp.com:8443",
    ]
    assert settings["SECURE_SSL_REDIRECT"] is False


def test_documented_production_yaml_without_key(tmp_path: Path) -> None:
    write(tmp_path, "config.production.yaml", DOCUMENTED_PRODUCTION)

    with pytest.raises(ConfigError) as error:
        load_config(environment="production", directory=tmp_path)

    assert [(problem.field, problem.source) for problem in error.value.problems] == [
        ("secret_key", "config.production.yaml, line 2, environment variable SECRET_KEY")
    ]


def test_documented_development_yaml(tmp_path: Path) -> None:
    write(tmp_path, "config.development.yaml", DOCUMENTED_DEVELOPMENT)

    with pytest.warns(ConfigWarning, match="secret_key is weak"):
        config = load_config(environment="development", directory=tmp_path)
    settings = config.get_all_settings()

    assert config.secret_key == "dev-secret-key-minimum-50-chars"
    assert config.debug is True
    assert settings["ALLOWED_HOSTS"] == ["*"]
    assert settings["CORS_ALLOW_ALL_ORIGINS"] is True


def test_documented_axes_yaml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SECRET_KEY", STRONG_KEY)
    write(tmp_path, "config.production.yaml", DOCUMENTED_AXES)

    config = load_config(environment="production", directory=tmp_path)
    settings = config.get_all_settings()

    assert config.axes.failure_limit == 3
    assert config.axes.cooloff_time == 48
    assert config.axes.lockout_template == "account/locked.html"
    assert settings["AXES_FAILURE_LIMIT"] == 3
    assert settings["AXES_COOLOFF_TIME"] == timedelta(hours=48)
    assert settings["AXES_LOCKOUT_TEMPLATE"] == "account/locked.html"


def import_example_config(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """Import example/config.py, which loads the development config as it is imported."""
    monkeypatch.setenv("SECRET_KEY", STRONG_KEY)
    spec = importlib.util.spec_from_file_location("example_config", EXAMPLE / "config.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_example_development(monkeypatch: pytest.MonkeyPatch) -> None:
    config = import_example_config(monkeypatch).config
    settings = config.get_all_settings()

    assert config.environment == "development"
    assert config.project_name == "django-cfg example"
    assert config.debug is True
    assert config.security_domains == []
    assert settings["ALLOWED_HOSTS"] == ["*"]
    assert settings["ROOT_URLCONF"] == "example_site.urls"


def test_example_development_without_key(monkeypatch: pytest.MonkeyPatch) -> None:
    example_class = import_example_config(monkeypatch).ExampleConfig
    monkeypatch.delenv("SECRET_KEY")

    with pytest.warns(ConfigWarning, match="secret_key is not set"):
        config = load_config(example_class, directory=EXAMPLE)

    assert config.secret_key == ""
    assert len(config.get_secret_key()) >= 50


def test_example_environments_differ(monkeypatch: pytest.MonkeyPatch) -> None:
    example_class = import_example_config(monkeypatch).ExampleConfig

    staging = load_config(example_class, environment="staging", directory=EXAMPLE)
    production = load_config(example_class, environment="production", directory=EXAMPLE)
    staging_settings = staging.get_all_settings()
    production_settings = production.get_all_settings()

    assert staging.environment == "staging"
    assert staging.secret_key == STRONG_KEY
    assert staging_settings["DEBUG"] is False
    assert staging_settings["CSRF_TRUSTED_ORIGINS"] == ["https://staging.example.com"]
    assert production.environment == "production"
    assert production_settings["DEBUG"] is False
    assert production_settings["CSRF_TRUSTED_ORIGINS"] == [
        "https://example.com",
        "https://app.example.com",
        "https://admin.example.com:8443",
    ]
    assert production_settings["INSTALLED_APPS"][-1] == "portal"


def test_example_production_without_key(monkeypatch: pytest.MonkeyPatch) -> None:
    example_class = import_example_config(monkeypatch).ExampleConfig
    monkeypatch.delenv("SECRET_KEY")

    with pytest.raises(ConfigError) as error:
        load_config(example_class, environment="production", directory=EXAMPLE)

    assert [(problem.field, problem.source) for problem in error.value.problems] == [
        ("secret_key", "config.production.yaml, line 1, environment variable SECRET_KEY")
    ]


def readme_section() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("\n## Configuration files\n")
    return readme[start : readme.index("\n## ", start + 1)]


def readme_blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", readme_section(), flags=re.DOTALL)


def test_readme_yaml_files_load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for block in readme_blocks("yaml"):
        first_line = block.splitlines()[0]
        if first_line.startswith("# config"):
            write(tmp_path, first_line.removeprefix("# "), block)
    monkeypatch.setenv("SECRET_KEY", STRONG_KEY)

    production = load_config(environment="production", directory=tmp_path)
    development = load_config(environment="development", directory=tmp_path)

    assert production.project_name == "Shop"
    assert production.security_domains == ["myapp.com", "https://api.myapp.com"]
    assert production.axes.failure_limit == 5
    assert production.axes.cooloff_time == 48
    assert development.debug is True
    assert development.axes.failure_limit == 5
    assert development.axes.cooloff_time is None


def readme_error(tmp_path: Path) -> str:
    with pytest.raises(ConfigError) as error:
        load_config(DjangoConfig, directory=tmp_path)
    text = f"django_cfg.errors.ConfigError: {error.value}\n"
    return text.replace(str(tmp_path), "/srv/mysite")


def test_readme_error_outputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DJANGO_ENV", "production")
    monkeypatch.setenv("DEBUG", "maybe")
    outputs = readme_blocks("text")
    mistakes = tmp_path / "mistakes"
    mistakes.mkdir()
    write(mistakes, "config.production.yaml", readme_blocks("yaml")[-1])
    syntax = tmp_path / "syntax"
    syntax.mkdir()
    write(syntax, "config.production.yaml", "debug: false\nproject_name: Shop: the online store\n")

    assert readme_error(mistakes) in outputs
    assert readme_error(syntax) in outputs
    assert readme_error(tmp_path) in outputs
