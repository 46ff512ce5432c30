"""load_config: which files it reads, from which folder, merged how, and their errors."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from django_cfg import ConfigError, ConfigWarning, load_config
from django_cfg.environment import environment_override
from tests.conftest import STRONG_KEY

DEVELOPMENT = f"secret_key: {STRONG_KEY}\ndebug: true\n"
PRODUCTION = f"secret_key: {STRONG_KEY}\nsecurity_domains: [myapp.com]\n"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def load_error(folder: Path, environment: str | None = "production") -> ConfigError:
    with pytest.raises(ConfigError) as error:
        load_config(environment=environment, directory=folder)
    return error.value


@pytest.fixture(autouse=True)
def _no_loading_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DJANGO_CFG_DIR", "NAME", "SECRET_KEY"):
        monkeypatch.delenv(name, raising=False)


def test_yaml_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    write(tmp_path, "config.production.yaml", "debug: false\nsecurity_domains: a: b\n")

    error = load_error(tmp_path)

    assert str(error) == (
        "Invalid DjangoConfig (1 problem):\n"
        "- config.production.yaml (line 2): "
        "found invalid YAML: mapping values are not allowed here\n"
        "    expected: valid YAML: 'key: value' lines, with nested values indented by spaces\n"
        "    fix: correct the file at that line; quote a value that contains ': ' or ' #'"
    )


def test_unclosed_quote_names_start_line(tmp_path: Path) -> None:
    write(tmp_path, "config.production.yaml", "debug: false\nproject_name: 'shop\n\n")

    error = load_error(tmp_path)

    assert [(problem.field, problem.source, problem.found) for problem in error.problems] == [
        (
            "config.production.yaml",
            "line 4",
            "invalid YAML: found unexpected end of stream, "
            "while scanning a quoted scalar that starts on line 2",
        )
    ]


def test_syntax_errors_of_both_files_reported(tmp_path: Path) -> None:
    write(tmp_path, "config.yaml", "project_name: [unclosed\n")
    write(tmp_path, "config.production.yaml", "debug: false\n\tsecret_key: x\n")

    error = load_error(tmp_path)

    assert [(problem.field, problem.source) for problem in error.problems] == [
        ("config.yaml", "line 2"),
        ("config.production.yaml", "line 2"),
    ]


def test_top_level_list_rejected(tmp_path: Path) -> None:
    write(tmp_path, "config.production.yaml", "- debug\n- security_domains\n")

    error = load_error(tmp_path)

    assert str(error) == (
        "Invalid DjangoConfig (1 problem):\n"
        "- config.production.yaml (line 1): found a list at the top level\n"
        "    expected: a mapping of field names to values, such as 'debug: false'\n"
        "    fix: write one 'field: value' line per setting"
    )


def test_empty_file_sets_nothing(tmp_path: Path) -> None:
    write(tmp_path, "config.development.yaml", "# nothing here yet\n")

    with pytest.warns(ConfigWarning, match="secret_key is not set"):
        config = load_config(environment="development", directory=tmp_path)

    assert config.debug is False
    assert config.mode == "development"


def test_duplicate_key_reported(tmp_path: Path) -> None:
    write(tmp_path, "config.production.yaml", f"{PRODUCTION}debug: false\ndebug: true\n")

    error = load_error(tmp_path)

    assert error.problems[0].render() == (
        "- debug (config.production.yaml, line 4): "
        "found the key a second time; the first is on line 3\n"
        "    expected: each key once in a mapping\n"
        "    fix: remove one of them: YAML would silently keep only the last"
    )


def test_non_string_key_reported(tmp_path: Path) -> None:
    write(tmp_path, "config.development.yaml", f"{DEVELOPMENT}axes:\n  3: limit\n")

    error = load_error(tmp_path, "development")

    assert [(problem.field, problem.source, problem.found) for problem in error.problems] == [
        ("axes", "config.development.yaml, line 4", "the key 3 of type int")
    ]


def test_base_file_merged_under_environment_file(tmp_path: Path) -> None:
    write(
        tmp_path,
        "config.yaml",
        "project_name: Shop\n"
        "security_domains: [base.example.com, other.example.com]\n"
        "axes:\n"
        "  failure_limit: 3\n"
        "  lockout_template: account/locked.html\n",
    )
    write(
        tmp_path,
        "config.production.yaml",
        f"secret_key: {STRONG_KEY}\n"
        "security_domains: [shop.example.com]\n"
        "axes:\n"
        "  cooloff_time: 48\n",
    )

    config = load_config(environment="production", directory=tmp_path)

    assert config.project_name == "Shop"
    assert config.security_domains == ["shop.example.com"]
    assert config.axes.failure_limit == 3
    assert config.axes.lockout_template == "account/locked.html"
    assert config.axes.cooloff_time == 48


def test_base_file_problem_names_base_file(tmp_path: Path) -> None:
    write(tmp_path, "config.yaml", "project_name: Shop\nhsts_seconds: soon\n")
    write(tmp_path, "config.production.yaml", PRODUCTION)

    error = load_error(tmp_path)

    assert [(problem.field, problem.source) for problem in error.problems] == [
        ("hsts_seconds", "config.yaml, line 2")
    ]


def test_overridden_base_value_needs_no_variable(tmp_path: Path) -> None:
    write(tmp_path, "config.yaml", "project_name: ${NAME}\n")
    write(tmp_path, "config.development.yaml", f"{DEVELOPMENT}project_name: Local\n")

    config = load_config(environment="development", directory=tmp_path)

    assert config.project_name == "Local"


def test_missing_environment_file_names_paths(tmp_path: Path) -> None:
    write(tmp_path, "config.yaml", "project_name: Shop\n")
    write(tmp_path, "config.development.yaml", DEVELOPMENT)

    error = load_error(tmp_path, "staging")

    assert str(error) == (
        "Invalid DjangoConfig (1 problem):\n"
        "- config.staging.yaml (the environment argument): found no such file; tried "
        f"{tmp_path / 'config.staging.yaml'} and {tmp_path / 'config.staging.yml'}\n"
        "    expected: a configuration file for the environment 'staging'\n"
        "    fix: create it, or point load_config at its folder with directory= "
        "or DJANGO_CFG_DIR"
    )


def test_missing_file_says_environment_defaulted(tmp_path: Path) -> None:
    error = load_error(tmp_path, environment=None)

    assert error.problems[0].field == "config.development.yaml"
    assert error.problems[0].source == (
        "none of DJANGO_ENV, ENVIRONMENT or ENV is set, so development"
    )


def test_yml_suffix_accepted(tmp_path: Path) -> None:
    write(tmp_path, "config.yml", "project_name: Short suffix\n")
    write(tmp_path, "config.development.yml", DEVELOPMENT)

    config = load_config(environment="development", directory=tmp_path)

    assert config.project_name == "Short suffix"


def test_both_suffixes_rejected(tmp_path: Path) -> None:
    write(tmp_path, "config.development.yaml", DEVELOPMENT)
    write(tmp_path, "config.development.yml", DEVELOPMENT)

    error = load_error(tmp_path, "development")

    assert str(error) == (
        "Invalid DjangoConfig (1 problem):\n"
        f"- config.development.yaml ({tmp_path}): "
        "found both config.development.yaml and config.development.yml\n"
        "    expected: one file for each name\n"
        "    fix: move the settings of config.development.yml into config.development.yaml "
        "and delete it"
    )


def test_directory_from_argument(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "config.development.yaml", f"{DEVELOPMENT}project_name: Argument\n")
    other = tmp_path / "other"
    other.mkdir()
    write(other, "config.development.yaml", f"{DEVELOPMENT}project_name: Variable\n")
    monkeypatch.setenv("DJANGO_CFG_DIR", str(other))

    config = load_config(environment="development", directory=str(tmp_path))

    assert config.project_name == "Argument"


def test_directory_from_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "config.development.yaml", f"{DEVELOPMENT}project_name: Variable\n")
    monkeypatch.setenv("DJANGO_CFG_DIR", str(tmp_path))

    config = load_config(environment="development")

    assert config.project_name == "Variable"


def test_directory_of_calling_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "config.development.yaml", f"{DEVELOPMENT}project_name: Beside\n")
    write(
        tmp_path, "site_config.py", "from django_cfg import load_config\nconfig = load_config()\n"
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "site_config", raising=False)

    import site_config  # type: ignore[import-not-found]

    assert site_config.config.project_name == "Beside"


def test_directory_defaults_to_working_directory(tmp_path: Path) -> None:
    write(tmp_path, "config.development.yaml", f"{DEVELOPMENT}project_name: Working\n")
    code = "from django_cfg import load_config; print(load_config().project_name)"
    variables = {key: value for key, value in os.environ.items() if key != "DJANGO_CFG_DIR"}

    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env=variables,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.stderr == ""
    assert result.stdout == "Working\n"


def test_env_file_sets_missing_variable(tmp_path: Path) -> None:
    write(tmp_path, ".env", "NAME='From .env # not a comment'\n")
    write(tmp_path, "config.development.yaml", f"{DEVELOPMENT}project_name: ${{NAME}}\n")

    config = load_config(environment="development", directory=tmp_path)

    assert config.project_name == "From .env # not a comment"
    assert "NAME" not in os.environ


def test_env_file_does_not_override_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NAME", "From the process")
    write(tmp_path, ".env", "NAME=From .env\n")
    write(tmp_path, "config.development.yaml", f"{DEVELOPMENT}project_name: ${{NAME}}\n")

    config = load_config(environment="development", directory=tmp_path)

    assert config.project_name == "From the process"


def test_env_file_value_not_expanded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OTHER", "expanded")
    write(tmp_path, ".env", "NAME=${OTHER}\n")
    write(tmp_path, "config.development.yaml", f"{DEVELOPMENT}project_name: ${{NAME}}\n")

    config = load_config(environment="development", directory=tmp_path)

    assert config.project_name == "${OTHER}"


def test_env_file_variable_named_in_messages(tmp_path: Path) -> None:
    write(tmp_path, ".env", "# debugging switch\n\nDEBUG=maybe\n")
    write(tmp_path, "config.development.yaml", "debug: ${DEBUG}\n")

    error = load_error(tmp_path, "development")

    assert [(problem.field, problem.source) for problem in error.problems] == [
        ("debug", "config.development.yaml, line 1, DEBUG in .env, line 3")
    ]


def test_invalid_env_file_line_reported(tmp_path: Path) -> None:
    write(tmp_path, ".env", "NAME=Shop\n\nNOT A SETTING = hunter2\n")
    write(tmp_path, "config.development.yaml", f"{DEVELOPMENT}project_name: ${{NAME}}\n")

    error = load_error(tmp_path, "development")

    assert "hunter2" not in str(error)
    assert str(error) == (
        "Invalid DjangoConfig (1 problem):\n"
        "- .env (line 3): found a line that is not NAME=VALUE "
        "(its text is not shown, as it may hold a secret)\n"
        "    expected: NAME=VALUE, a comment starting with '#' or a blank line\n"
        "    fix: write the line as NAME=VALUE, and close every quote that it opens"
    )


def test_environment_from_env_file(tmp_path: Path) -> None:
    write(tmp_path, ".env", "DJANGO_ENV=production\n")
    write(tmp_path, "config.production.yaml", PRODUCTION)

    config = load_config(directory=tmp_path)

    assert config.environment == "production"
    assert config.mode == "production"
    assert "DJANGO_ENV" not in os.environ


def test_environment_variable_chooses_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DJANGO_ENV", "stage")
    write(tmp_path, "config.staging.yaml", PRODUCTION)

    config = load_config(directory=tmp_path)

    assert config.environment == "staging"


def test_environment_argument_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DJANGO_ENV", "production")
    write(tmp_path, "config.development.yaml", DEVELOPMENT)

    config = load_config(environment="dev", directory=tmp_path)

    assert config.environment == "development"
    assert config.debug is True


def test_unknown_environment_argument(tmp_path: Path) -> None:
    error = load_error(tmp_path, "qa")

    assert str(error) == (
        "Invalid DjangoConfig (1 problem):\n"
        "- environment (the environment argument): found 'qa'\n"
        "    expected: one of dev, development, local, prod, production, stage, staging, "
        "test, testing\n"
        "    fix: pass one of the accepted names, or None to read DJANGO_ENV"
    )


def test_unknown_environment_in_env_file(tmp_path: Path) -> None:
    write(tmp_path, ".env", "DJANGO_ENV=qa\n")

    error = load_error(tmp_path, environment=None)

    assert [(problem.field, problem.source, problem.found) for problem in error.problems] == [
        ("environment", "DJANGO_ENV in .env, line 1", "'qa'")
    ]


def test_environment_guard_names_file(tmp_path: Path) -> None:
    write(tmp_path, "config.production.yaml", f"{PRODUCTION}debug: true\n")

    error = load_error(tmp_path)

    assert str(error) == (
        "Invalid DjangoConfig (1 problem):\n"
        "- debug (config.production.yaml, line 3): found debug=True while the environment "
        "is 'production' (the environment argument)\n"
        "    expected: debug=False in production\n"
        "    fix: set debug to False, or select the development environment (the environment "
        "argument)"
    )


def test_environment_override_chooses_file(tmp_path: Path) -> None:
    write(tmp_path, "config.production.yaml", PRODUCTION)
    write(tmp_path, "config.development.yaml", "debug: true\n")

    with environment_override("production", "the --env option"):
        config = load_config(directory=tmp_path)

    assert config.environment == "production"
    assert config.mode == "production"
    assert config.security_domains == ["myapp.com"]
