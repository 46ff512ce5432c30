"""Measure what django_cfg costs at start-up, per request and per login attempt.

Run from the repository root: ``.venv/bin/python benchmarks/run.py``. The report
is printed and written to docs/benchmarks.md. This is a measurement script, not
a test: it exits with 0 whether or not the goals are met.
"""

from __future__ import annotations

import argparse
import datetime
import os
import shlex
import subprocess
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path

import gunicorn_load
import logins
import report
import startup
import throughput
from measure import REPO_DIR, NotMeasured, make_child_environment

DEFAULT_OUTPUT = REPO_DIR / "docs" / "benchmarks.md"


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--repetitions",
        type=int,
        default=30,
        help="fresh processes per settings module for django.setup(), and per import "
        "measurement (default: 30)",
    )

    parser.add_argument(
        "--processes",
        type=int,
        default=3,
        help="fresh processes for the in-process request figures (default: 3)",
    )
    parser.add_argument(
        "--batches", type=int, default=30, help="batches per stack and process (default: 30)"
    )
    parser.add_argument(
        "--batch-size", type=int, default=200, help="requests per batch (default: 200)"
    )

    parser.add_argument(
        "--gunicorn-rounds", type=int, default=5, help="gunicorn rounds per stack (default: 5)"
    )
    parser.add_argument(
        "--gunicorn-seconds",
        type=int,
        default=4,
        help="seconds of wrk load per round (default: 4)",
    )

    parser.add_argument(
        "--login-rounds",
        type=int,
        default=3,
        help="runs per login scenario and handler (default: 3)",
    )
    parser.add_argument(
        "--login-attempts", type=int, default=300, help="login attempts per run (default: 300)"
    )

    parser.add_argument(
        "--quick",
        action="store_true",
        help="a few repetitions of everything, to check that the script works",
    )
    parser.add_argument(
        "--src",
        type=Path,
        help="a src/ folder whose django_cfg the child processes import, in place of "
        "the installed one",
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=DEFAULT_OUTPUT,
        help="the Markdown file to write (default: docs/benchmarks.md)",
    )
    parser.add_argument("--no-write", action="store_true", help="print the report only")

    arguments = parser.parse_args(argv)
    if arguments.quick:
        arguments.repetitions, arguments.processes, arguments.batches = 3, 1, 3
        arguments.batch_size, arguments.gunicorn_rounds, arguments.gunicorn_seconds = 100, 1, 1
        arguments.login_rounds, arguments.login_attempts = 1, 30
    if arguments.src is not None:
        arguments.src = arguments.src.resolve()
        if not (arguments.src / "django_cfg" / "__init__.py").is_file():
            parser.error(f"--src {arguments.src}: no django_cfg package in that folder")
    return arguments


def progress(message: str) -> None:
    print(f"[{datetime.datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def measure(arguments: argparse.Namespace, directory: Path) -> report.Results:
    load_before = os.getloadavg()
    env = make_child_environment(directory, arguments.src)

    progress(f"django.setup(): {arguments.repetitions} processes per settings module")
    setup = startup.compare_setup(env, directory, arguments.repetitions)
    progress(f"import django_cfg and build the settings: {arguments.repetitions} processes each")
    imports = startup.measure_import_costs(env, directory, arguments.repetitions)

    progress(
        f"requests in-process: {arguments.processes} processes, {arguments.batches} batches "
        f"of {arguments.batch_size} per stack"
    )
    in_process = throughput.compare_stacks(
        env, directory, arguments.processes, arguments.batches, arguments.batch_size
    )

    progress(f"requests through gunicorn: {arguments.gunicorn_rounds} rounds per stack")
    gunicorn, gunicorn_skipped = None, None
    try:
        gunicorn = gunicorn_load.compare_stacks(
            env, directory, arguments.gunicorn_rounds, arguments.gunicorn_seconds
        )
    except NotMeasured as reason:
        gunicorn_skipped = str(reason)
        progress(f"gunicorn figure not measured: {reason}")

    progress(f"login attempts: {arguments.login_rounds} runs of {arguments.login_attempts}")
    login_results, redis_skipped = logins.compare_handlers(
        env, directory, arguments.login_rounds, arguments.login_attempts
    )
    if redis_skipped:
        progress(f"Redis figures not measured: {redis_skipped}")

    return report.Results(
        machine=_machine(imports.module_file, load_before),
        setup=setup,
        imports=imports,
        throughput=in_process,
        gunicorn=gunicorn,
        gunicorn_skipped=gunicorn_skipped,
        logins=login_results,
        redis_skipped=redis_skipped,
    )


def _machine(django_cfg_file: str, load_before: tuple[float, float, float]) -> report.Machine:
    executable = Path(sys.executable)
    if executable.is_relative_to(REPO_DIR):
        executable = executable.relative_to(REPO_DIR)
    return report.Machine(
        command=f"{executable} {shlex.join(sys.argv)}",
        date=datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M"),
        cpu_count=len(os.sched_getaffinity(0)),
        cpu_model=_cpu_model(),
        python=sys.version.split()[0],
        django=version("Django"),
        pydantic=version("pydantic"),
        django_cfg_file=_relative(django_cfg_file),
        revision=_revision(),
        load_before=load_before,
        load_after=os.getloadavg(),
    )


def _cpu_model() -> str:
    with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return "unknown (no model name in /proc/cpuinfo)"


def _relative(path: str) -> str:
    resolved = Path(path)
    return str(resolved.relative_to(REPO_DIR)) if resolved.is_relative_to(REPO_DIR) else path


def _revision() -> str:
    """Return ``git describe`` of the work tree, where ``-dirty`` marks uncommitted changes."""
    result = subprocess.run(  # noqa: S603 (git with fixed arguments)
        ["git", "-C", str(REPO_DIR), "describe", "--always", "--dirty"],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout.strip() or "unknown (not a git work tree)"


def main(argv: list[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    with tempfile.TemporaryDirectory(prefix="django-cfg-benchmarks-") as directory:
        results = measure(arguments, Path(directory))

    text = report.render(results)
    print(text)
    if not arguments.no_write:
        arguments.output.parent.mkdir(parents=True, exist_ok=True)
        arguments.output.write_text(text, encoding="utf-8")
        progress(f"report written to {_relative(str(arguments.output.resolve()))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
