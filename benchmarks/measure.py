"""Summaries of repeated measurements, and the environment of the child processes."""

from __future__ import annotations

import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

BENCHMARKS_DIR = Path(__file__).resolve().parent
REPO_DIR = BENCHMARKS_DIR.parent
PROJECT_DIR = BENCHMARKS_DIR / "project"
EXAMPLE_DIR = REPO_DIR / "example"

#: Seconds after which a child process counts as hung and is stopped.
CHILD_TIMEOUT = 600

#: Variables of the calling shell that would change which settings a child loads.
CLEARED_VARIABLES = (
    "DJANGO_SETTINGS_MODULE",
    "DJANGO_ENV",
    "ENVIRONMENT",
    "ENV",
    "DJANGO_CFG_DIR",
    "SECRET_KEY",
    "PYTHONPATH",
    "PYTHONSTARTUP",
)


@dataclass(frozen=True)
class Summary:
    """Median, quartiles and range of repeated measurements of one quantity."""

    values: tuple[float, ...]

    @property
    def count(self) -> int:
        return len(self.values)

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def minimum(self) -> float:
        return min(self.values)

    @property
    def maximum(self) -> float:
        return max(self.values)

    @property
    def quartiles(self) -> tuple[float, float]:
        if len(self.values) < 2:
            return self.values[0], self.values[0]
        first, _median, third = statistics.quantiles(self.values, n=4, method="inclusive")
        return first, third

    def describe(self, unit: str, digits: int = 1) -> str:
        """Format as ``median unit (IQR a to b, min c, max d, n=N)``."""
        first, third = self.quartiles
        unit = f" {unit}" if unit else ""
        return (
            f"{self.median:.{digits}f}{unit} (IQR {first:.{digits}f} to {third:.{digits}f}, "
            f"min {self.minimum:.{digits}f}, max {self.maximum:.{digits}f}, n={self.count})"
        )


def summarize(values: Sequence[float]) -> Summary:
    if not values:
        raise ValueError("no measurements to summarize")
    return Summary(tuple(values))


@dataclass(frozen=True)
class ChildEnvironment:
    """The interpreter, import path and variables that every child process gets.

    ``source_dir`` puts another copy of django_cfg's src/ in front of the
    installed one, so that a patched tree can be measured the same way.
    """

    python: str
    extra_paths: tuple[Path, ...]
    secret_key: str
    source_dir: Path | None = None

    def variables(self, **overrides: str) -> dict[str, str]:
        env = {name: value for name, value in os.environ.items() if name not in CLEARED_VARIABLES}
        paths = [*([self.source_dir] if self.source_dir else []), *self.extra_paths]
        env["PYTHONPATH"] = os.pathsep.join(str(path) for path in paths)
        env["DJANGO_ENV"] = "production"
        env["SECRET_KEY"] = self.secret_key
        env.update(overrides)
        return env

    def run_python(
        self, code: str, *, cwd: Path, **overrides: str
    ) -> subprocess.CompletedProcess[str]:
        """Run ``python -c code`` and raise with its output when it fails."""
        result = subprocess.run(  # noqa: S603 (the command is this interpreter and our code)
            [self.python, "-c", code],
            cwd=cwd,
            env=self.variables(**overrides),
            capture_output=True,
            text=True,
            timeout=CHILD_TIMEOUT,
            check=False,
        )
        if result.returncode != 0:
            raise ChildFailed(code, result)
        return result

    def time_python(self, code: str, *, cwd: Path, **overrides: str) -> ProcessTime:
        """Run ``python -c code`` and return the wall and CPU time of the whole process.

        The parent blocks in wait4() until the child exits, because Popen.wait()
        with a timeout polls with sleeps of up to 50 ms and would round the wall
        time. A timer kills a child that runs longer than CHILD_TIMEOUT.
        """
        with tempfile.TemporaryFile() as errors:
            started = time.perf_counter()
            process = subprocess.Popen(  # noqa: S603 (the command is this interpreter and our code)
                [self.python, "-c", code],
                cwd=cwd,
                env=self.variables(**overrides),
                stdout=subprocess.DEVNULL,
                stderr=errors,
            )
            watchdog = threading.Timer(CHILD_TIMEOUT, process.kill)
            watchdog.start()
            try:
                _pid, status, usage = os.wait4(process.pid, 0)
            finally:
                watchdog.cancel()
            wall = time.perf_counter() - started
            # Popen must not wait for the process that wait4() has reaped.
            process.returncode = os.waitstatus_to_exitcode(status)
            if process.returncode != 0:
                errors.seek(0)
                stderr = errors.read().decode(errors="replace")
                failed = subprocess.CompletedProcess(process.args, process.returncode, "", stderr)
                raise ChildFailed(code, failed)
        return ProcessTime(wall * 1000, (usage.ru_utime + usage.ru_stime) * 1000)


@dataclass(frozen=True)
class ProcessTime:
    """Wall-clock and CPU (user + system) milliseconds of one child process."""

    wall: float
    cpu: float


class ChildFailed(RuntimeError):
    """A child process of the benchmark exited with an error."""

    def __init__(self, code: str, result: subprocess.CompletedProcess[str]) -> None:
        super().__init__(
            f"child process failed with exit code {result.returncode}: python -c {code!r}\n"
            f"{result.stdout}{result.stderr}"
        )


def make_child_environment(temporary_dir: Path, source_dir: Path | None) -> ChildEnvironment:
    return ChildEnvironment(
        python=sys.executable,
        extra_paths=(BENCHMARKS_DIR, PROJECT_DIR, EXAMPLE_DIR, temporary_dir),
        secret_key=secrets.token_urlsafe(50),
        source_dir=source_dir,
    )


class NotMeasured(Exception):
    """A figure that cannot be measured on this machine. The message gives the reason."""


def free_loopback_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listened on a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port
