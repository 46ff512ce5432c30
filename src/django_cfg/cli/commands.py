"""The subcommands: settings, diff, audit and secret-key."""

from __future__ import annotations

import argparse
import secrets
import sys

from django_cfg.cli.discovery import (
    LoadedConfig,
    isolated_imports,
    load,
    parse_environment,
    selected_environment,
)
from django_cfg.cli.errors import CommandLineError
from django_cfg.cli.observatory import Report, Scan, grade_is_below, grade_scan
from django_cfg.cli.rendering import format_differences, format_settings
from django_cfg.environment import Environment
from django_cfg.secret_key import secret_key_weaknesses

DEVELOPMENT_NOTE = (
    "The configuration is in development mode (environment {environment}: debug is true or "
    "security_domains is empty). Development mode sends no Content-Security-Policy, HSTS or "
    "nosniff and does not redirect to https, on purpose. Run audit --env production to grade "
    "what production sends."
)

#: Random bytes in a generated key, which token_urlsafe turns into 67 characters.
SECRET_KEY_BYTES = 50


def run_settings(arguments: argparse.Namespace) -> int:
    environment = _environment(arguments.env)
    with selected_environment(environment):
        loaded = load(arguments.config, environment)
        settings = loaded.produced_settings()
    print(format_settings(settings, arguments.format))
    return 0


def run_diff(arguments: argparse.Namespace) -> int:
    produced = []
    for name in (arguments.env1, arguments.env2):
        environment = parse_environment(name)
        # Each environment imports the project's modules afresh, so that code run
        # at import time, such as load_config(), reads that environment.
        with isolated_imports(), selected_environment(environment):
            produced.append((environment, load(arguments.config, environment).produced_settings()))
    print(format_differences(produced[0], produced[1]))
    return 0


def run_audit(arguments: argparse.Namespace) -> int:
    scan, loaded = _scan(arguments)
    report = grade_scan(scan)
    print(format_report(report, scan, loaded))
    if arguments.min_grade and grade_is_below(report.grade, arguments.min_grade):
        print(
            f"django-cfg: the grade {report.grade} is below the minimum {arguments.min_grade}",
            file=sys.stderr,
        )
        return 1
    return 0


def _scan(arguments: argparse.Namespace) -> tuple[Scan, LoadedConfig | None]:
    """Return the scan to grade and the configuration it came from, if any."""
    from django_cfg.cli.client_scan import scan_settings
    from django_cfg.cli.url_scan import scan_url

    if arguments.url is not None:
        if arguments.config is not None or arguments.env is not None:
            raise CommandLineError("--url grades a running site; leave out --config and --env")
        return scan_url(arguments.url, arguments.timeout), None

    if not arguments.path.startswith("/"):
        raise CommandLineError(f"--path {arguments.path}: expected a path starting with /")
    environment = _environment(arguments.env)
    with selected_environment(environment):
        loaded = load(arguments.config, environment)
        return scan_settings(loaded.settings, arguments.path), loaded


def format_report(report: Report, scan: Scan, loaded: LoadedConfig | None) -> str:
    """Return the audit's lines: what was graded, one line per test, and the score."""
    heading = f"Audit of {scan.final.url} (HTTP status {scan.final.status})"
    if loaded is not None:
        heading += f" with the settings of {loaded.source}"
    lines = [heading]
    if loaded is not None and loaded.config is not None and loaded.config.mode == "development":
        lines.append(DEVELOPMENT_NOTE.format(environment=loaded.config.environment))
    for result in report.findings:
        line = f"{_modifier_text(result.modifier)}  {result.test}: {result.description}."
        if result.fix:
            line += f" Fix: {result.fix}."
        lines.append(line)
    lines.append(f"Score: {report.score}, grade: {report.grade}")
    return "\n".join(lines)


def _modifier_text(modifier: int) -> str:
    return f"{modifier:+4d}" if modifier else f"{0:4d}"


def run_secret_key(arguments: argparse.Namespace) -> int:
    print(generate_secret_key())
    return 0


def generate_secret_key() -> str:
    """Return a random key that passes every rule of django_cfg.secret_key.

    URL-safe characters need no quoting in shells, YAML or .env files.
    """
    while True:
        key = secrets.token_urlsafe(SECRET_KEY_BYTES)
        # About one random key in 500,000 (an estimate from the odds of "dummy")
        # contains a placeholder word; drawing again keeps the promise above.
        if not secret_key_weaknesses(key):
            return key


def _environment(name: str | None) -> Environment | None:
    return None if name is None else parse_environment(name)
