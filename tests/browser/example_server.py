"""The example site under gunicorn in production mode, on a loopback port.

The site reads its YAML from a folder named by DJANGO_CFG_DIR: a copy of the
example's config.yaml and config.production.yaml with the test's additions, so
the example's own files keep their production domains.
"""

from __future__ import annotations

import http.client
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import gunicorn.config  # type: ignore[import-untyped]
import yaml

from tests.conftest import STRONG_KEY

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "example"
LOOPBACK = "127.0.0.1"

#: Seconds to wait for gunicorn's first successful health check.
STARTUP_TIMEOUT = 60.0
#: Seconds that gunicorn gets to stop after SIGTERM before it is killed.
STOP_TIMEOUT = 15.0
#: Seconds that one manage.py command may run.
MANAGE_TIMEOUT = 180.0

#: Variables of the test process that would choose another settings module,
#: environment, key or configuration folder for the site.
_REPLACED_VARIABLES = (
    "DJANGO_SETTINGS_MODULE",
    "DJANGO_ENV",
    "ENVIRONMENT",
    "ENV",
    "SECRET_KEY",
    "DJANGO_CFG_DIR",
)


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((LOOPBACK, 0))
        port: int = probe.getsockname()[1]
        return port


def write_config_dir(
    folder: Path, *, extra_domains: list[str], production: dict[str, Any]
) -> Path:
    """Write the example's YAML files to ``folder`` with domains and values added.

    config.yaml is copied unchanged. config.production.yaml gets
    ``extra_domains`` appended to its security_domains and the keys of
    ``production`` set over its own.
    """
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(EXAMPLE / "config.yaml", folder / "config.yaml")
    values = yaml.safe_load((EXAMPLE / "config.production.yaml").read_text())
    values["security_domains"] = [*values["security_domains"], *extra_domains]
    values.update(production)
    (folder / "config.production.yaml").write_text(yaml.safe_dump(values, sort_keys=False))
    return folder


class ExampleSite:
    """One gunicorn instance of the example, started and stopped by the tests."""

    def __init__(self, config_dir: Path, log_path: Path, port: int | None = None) -> None:
        self.config_dir = config_dir
        self.log_path = log_path
        self.port = free_port() if port is None else port
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    def environment(self) -> dict[str, str]:
        """Return the process environment of the site: production, a strong key, the YAML folder.

        The repository root goes on PYTHONPATH so that a test configuration can
        name modules under tests/, such as a URLconf with test-only pages.
        """
        variables = {
            key: value for key, value in os.environ.items() if key not in _REPLACED_VARIABLES
        }
        variables.update(
            DJANGO_ENV="production",
            SECRET_KEY=STRONG_KEY,
            DJANGO_CFG_DIR=str(self.config_dir),
            PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
        )
        return variables

    def manage(self, *arguments: str) -> str:
        """Run the example's manage.py with the site's environment; return its output.

        Raise RuntimeError with the command's output when it fails.
        """
        result = subprocess.run(
            [sys.executable, "manage.py", *arguments],
            cwd=EXAMPLE,
            env=self.environment(),
            capture_output=True,
            text=True,
            timeout=MANAGE_TIMEOUT,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(
                f"manage.py {arguments[0]} failed with exit code {result.returncode}:\n"
                f"{result.stdout}{result.stderr}"
            )
        return result.stdout

    def start(self) -> None:
        """Start gunicorn with two workers and wait until /healthz returns 200."""
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "example_site.wsgi:application",
            "--bind",
            f"{LOOPBACK}:{self.port}",
            "--workers",
            "2",
            "--graceful-timeout",
            "5",
            "--access-logfile",
            "-",
            "--error-logfile",
            "-",
        ]
        # Gunicorn 24 and newer open a control socket at one fixed path by
        # default, which a second instance on the machine would take over.
        if hasattr(gunicorn.config, "ControlSocket"):
            command.append("--no-control-socket")
        with self.log_path.open("ab") as log:
            self._process = subprocess.Popen(
                command, cwd=EXAMPLE, env=self.environment(), stdout=log, stderr=log
            )
        self._wait_until_ready()

    def stop(self) -> None:
        """Stop gunicorn with SIGTERM, or SIGKILL after STOP_TIMEOUT seconds."""
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=STOP_TIMEOUT)

    def restart(self) -> None:
        self.stop()
        self.start()

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while time.monotonic() < deadline:
            if self._process is None or self._process.poll() is not None:
                raise RuntimeError(f"gunicorn exited during startup:\n{self.log_tail()}")
            if self._health_status() == 200:
                return
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(
            f"gunicorn did not respond on {self.url}/healthz within {STARTUP_TIMEOUT:.0f} s:\n"
            f"{self.log_tail()}"
        )

    def _health_status(self) -> int | None:
        connection = http.client.HTTPConnection(LOOPBACK, self.port, timeout=2)
        try:
            connection.request("GET", "/healthz")
            return connection.getresponse().status
        except (OSError, http.client.HTTPException):
            return None
        finally:
            connection.close()

    def log_tail(self, lines: int = 40) -> str:
        if not self.log_path.exists():
            return "(no log)"
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
