"""Requests per second through gunicorn on 127.0.0.1, loaded by wrk.

One sync worker serves the example site with the production middleware or
with the default list; wrk sends ``GET /healthz`` for a fixed number of
seconds. wrk and the worker share the machine's cores.
"""

from __future__ import annotations

import http.client
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from measure import ChildEnvironment, NotMeasured, Summary, free_loopback_port, summarize
from throughput import DEFAULT_LABEL, HOST, PATH, PRODUCTION_LABEL

#: Settings module of each stack; both are the example site's settings.
SETTINGS_MODULES = {
    PRODUCTION_LABEL: "example_site.settings",
    DEFAULT_LABEL: "default_middleware_settings",
}


@dataclass(frozen=True)
class GunicornResults:
    seconds_per_round: int
    connections: int
    rates: dict[str, Summary]
    round_ratios: Summary

    @property
    def ratio(self) -> float:
        return self.rates[PRODUCTION_LABEL].median / self.rates[DEFAULT_LABEL].median


def compare_stacks(
    env: ChildEnvironment, directory: Path, rounds: int, seconds: int, connections: int = 2
) -> GunicornResults:
    """Load a fresh gunicorn per stack and round, alternating which stack goes first."""
    wrk = shutil.which("wrk")
    if wrk is None:
        raise NotMeasured("wrk is not installed (Debian package wrk)")

    labels = list(SETTINGS_MODULES)
    rates: dict[str, list[float]] = {label: [] for label in labels}
    for round_number in range(rounds):
        for label in labels if round_number % 2 == 0 else labels[::-1]:
            with GunicornServer(env, directory, SETTINGS_MODULES[label]) as port:
                run_wrk(wrk, port, seconds=1, connections=connections)  # warm-up
                rates[label].append(run_wrk(wrk, port, seconds, connections))

    pairs = zip(rates[PRODUCTION_LABEL], rates[DEFAULT_LABEL], strict=True)
    return GunicornResults(
        seconds_per_round=seconds,
        connections=connections,
        rates={label: summarize(values) for label, values in rates.items()},
        round_ratios=summarize([production / default for production, default in pairs]),
    )


class GunicornServer:
    """One gunicorn sync worker serving the example site on 127.0.0.1, for a ``with`` block."""

    def __init__(self, env: ChildEnvironment, directory: Path, settings_module: str) -> None:
        self.env = env
        self.directory = directory
        self.settings_module = settings_module
        self.port = free_loopback_port()
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> int:
        command = [
            self.env.python,
            "-m",
            "gunicorn",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            "1",
            "example_site.wsgi:application",
        ]
        self.process = subprocess.Popen(  # noqa: S603 (this interpreter runs gunicorn)
            command,
            cwd=self.directory,
            env=self.env.variables(DJANGO_SETTINGS_MODULE=self.settings_module),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            self._wait_until_serving(timeout=30)
        except BaseException:
            self.__exit__()
            raise
        return self.port

    def __exit__(self, *exc_info: object) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=15)

    def _wait_until_serving(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with code {self.process.returncode}")
            try:
                status = _get_status(self.port)
            except OSError:
                time.sleep(0.1)
                continue
            if status != 200:
                raise RuntimeError(f"gunicorn: GET {PATH} returned {status}, not 200")
            return
        raise RuntimeError(f"gunicorn did not respond on 127.0.0.1:{self.port} in {timeout} s")


def _get_status(port: int) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", PATH, headers={"Host": HOST, "X-Forwarded-Proto": "https"})
        return connection.getresponse().status
    finally:
        connection.close()


def run_wrk(wrk: str, port: int, seconds: int, connections: int) -> float:
    """Run wrk for ``seconds`` against 127.0.0.1:port and return its requests per second."""
    command = [
        wrk,
        "--threads",
        "1",
        "--connections",
        str(connections),
        "--duration",
        f"{seconds}s",
        "--header",
        f"Host: {HOST}",
        "--header",
        "X-Forwarded-Proto: https",
        f"http://127.0.0.1:{port}{PATH}",
    ]
    result = subprocess.run(  # noqa: S603 (wrk from PATH, aimed at 127.0.0.1 only)
        command, capture_output=True, text=True, timeout=seconds + 30, check=True
    )
    if "Non-2xx or 3xx responses" in result.stdout:
        raise RuntimeError(f"wrk received error responses:\n{result.stdout}")
    match = re.search(r"Requests/sec:\s+([\d.]+)", result.stdout)
    if match is None:
        raise RuntimeError(f"no Requests/sec in wrk's output:\n{result.stdout}")
    return float(match.group(1))
