"""The django-cfg console command: print, compare and audit configurations, make keys.

``main()`` is the entry point of the ``django-cfg`` script and of
``python -m django_cfg``. A failure prints one ``django-cfg: error:`` message
(a ConfigError's full text) to stderr and exits with status 1; usage errors
exit with argparse's status 2.
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from collections.abc import Callable, Sequence
from typing import Any

from django_cfg.cli.commands import run_audit, run_diff, run_secret_key, run_settings
from django_cfg.cli.errors import CommandLineError
from django_cfg.cli.observatory import GRADES
from django_cfg.cli.rendering import FORMATS
from django_cfg.errors import ConfigError

PROGRAM = "django-cfg"
DEFAULT_TIMEOUT_SECONDS = 10.0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    arguments = build_parser().parse_args(argv)
    with warnings.catch_warnings():
        warnings.simplefilter("default")
        warnings.showwarning = _warning_printer()
        try:
            status: int = arguments.run(arguments)
        except (ConfigError, CommandLineError) as error:
            print(f"{PROGRAM}: error: {error}", file=sys.stderr)
            return 1
        except BrokenPipeError:
            # The reader of stdout has gone, as with "| head". Pointing stdout at
            # devnull keeps Python from failing again when it flushes at exit.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 1
    return status


def _warning_printer() -> Callable[..., None]:
    """Return a warnings.showwarning that prints each message once, in one line."""
    printed: set[str] = set()

    def show(message: Warning | str, *args: Any, **kwargs: Any) -> None:
        text = f"{PROGRAM}: warning: {message}"
        if text not in printed:
            printed.add(text)
            print(text, file=sys.stderr)

    return show


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROGRAM,
        description="Print, compare and audit the settings a django-cfg configuration produces.",
    )
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")

    settings = commands.add_parser("settings", help="print the settings, secrets masked")
    _add_config_options(settings)
    settings.add_argument(
        "--format", choices=FORMATS, default="table", help="output format (default: table)"
    )
    settings.set_defaults(run=run_settings)

    diff = commands.add_parser("diff", help="print the settings that differ between environments")
    _add_config_option(diff)
    diff.add_argument("env1", metavar="ENV1", help="the first environment, such as development")
    diff.add_argument("env2", metavar="ENV2", help="the second environment, such as production")
    diff.set_defaults(run=run_diff)

    audit = commands.add_parser(
        "audit", help="grade the response headers with the MDN HTTP Observatory's scoring"
    )
    _add_config_options(audit)
    _add_audit_options(audit)
    audit.set_defaults(run=run_audit)

    secret_key = commands.add_parser("secret-key", help="print a new random SECRET_KEY")
    secret_key.set_defaults(run=run_secret_key)
    return parser


def _add_config_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config",
        metavar="SPEC",
        help="module:Class (a DjangoConfig subclass or instance) or a folder of YAML files; "
        "default: the module named by DJANGO_SETTINGS_MODULE",
    )


def _add_config_options(parser: argparse.ArgumentParser) -> None:
    _add_config_option(parser)
    parser.add_argument(
        "--env",
        metavar="NAME",
        help="the environment, such as production; default: DJANGO_ENV, ENVIRONMENT or ENV",
    )


def _add_audit_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--url",
        help="grade the site at this http:// or https:// URL instead of a configuration",
    )
    parser.add_argument(
        "--path",
        default="/",
        help="the path requested from the configuration's site (default: /)",
    )
    parser.add_argument(
        "--min-grade",
        choices=GRADES,
        metavar="GRADE",
        help="exit with status 1 when the grade is below this one, from A+ down to F",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT_SECONDS,
        metavar="SECONDS",
        help=f"seconds to wait for each response of --url (default: {DEFAULT_TIMEOUT_SECONDS:g})",
    )
