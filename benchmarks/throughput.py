"""Requests per second of one view through the production and the default middleware.

Every stack serves the example site's health view (``GET /healthz``, a plain
"ok") with the example's production settings; only MIDDLEWARE differs. One
child process builds a WSGI handler per stack and sends the requests in batches,
taking the stacks in turn, so that load from other processes on the machine
falls on every stack alike. The same process also times the default stack with
each production-only middleware added alone.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import wsgi_client
from measure import ChildEnvironment, Summary, summarize

PATH = "/healthz"
HOST = "example.com"

#: Request headers, as WSGI environ keys: a browser's request that a TLS proxy
#: forwarded, so that the production stack adds its HTTPS-only headers.
REQUEST_HEADERS = {
    "HTTP_HOST": HOST,
    "HTTP_X_FORWARDED_PROTO": "https",
    "HTTP_USER_AGENT": "django-cfg-benchmark",
    "HTTP_ACCEPT": "text/html,*/*",
}

PRODUCTION_LABEL = "the example's production middleware"
DEFAULT_LABEL = "Django's default middleware (startproject)"

CHILD_CODE = "import throughput; throughput.serve_in_process({batches}, {batch_size})"


@dataclass(frozen=True)
class StackTimes:
    """Per-request microseconds of one stack, one value per batch."""

    middleware: list[str]
    wall: list[float]
    cpu: list[float]
    status: int
    header_names: list[str]


def serve_in_process(batches: int, batch_size: int) -> None:
    """Child process: time batches of requests through each stack and print them as JSON."""
    import django

    django.setup()
    from default_middleware_settings import MIDDLEWARE as default_middleware
    from django.conf import settings
    from django.core.handlers.wsgi import WSGIHandler

    stacks = _stacks(list(settings.MIDDLEWARE), list(default_middleware))
    handlers = {}
    for label, middleware in stacks.items():
        settings.MIDDLEWARE = middleware  # read once, when the handler loads its middleware
        handlers[label] = WSGIHandler()

    times: dict[str, dict[str, Any]] = {
        label: {"middleware": stacks[label], "wall": [], "cpu": []} for label in stacks
    }
    labels = list(handlers)
    for batch in range(-1, batches):  # batch -1 warms every stack up
        order = labels[batch % len(labels) :] + labels[: batch % len(labels)]
        for label in order:
            wall, cpu, response = _time_batch(handlers[label], batch_size)
            if batch >= 0:
                times[label]["wall"].append(wall)
                times[label]["cpu"].append(cpu)
            times[label]["status"] = response.status
            times[label]["header_names"] = response.header_names()
    print(json.dumps(times))


def _stacks(production: list[str], default: list[str]) -> dict[str, list[str]]:
    """Return the production stack, the default stack, and default plus each extra one."""
    stacks = {PRODUCTION_LABEL: production, DEFAULT_LABEL: default}
    for extra in production:
        if extra not in default:
            stacks[extra] = [name for name in production if name in default or name == extra]
    return stacks


def _time_batch(
    handler: wsgi_client.WSGIApplication, batch_size: int
) -> tuple[float, float, wsgi_client.Response]:
    """Send ``batch_size`` requests and return the wall and CPU microseconds per request."""
    started, cpu_started = time.perf_counter(), time.process_time()
    for _ in range(batch_size):
        environ = wsgi_client.make_environ("GET", PATH, headers=REQUEST_HEADERS)
        response = wsgi_client.call(handler, environ)
    wall = (time.perf_counter() - started) / batch_size * 1e6
    cpu = (time.process_time() - cpu_started) / batch_size * 1e6
    return wall, cpu, response


@dataclass(frozen=True)
class StackResult:
    label: str
    middleware: list[str]
    microseconds: Summary
    cpu_microseconds: Summary
    header_names: list[str]

    @property
    def rate(self) -> Summary:
        """Requests per second, one value per batch."""
        return summarize([1e6 / value for value in self.microseconds.values])

    @property
    def cpu_rate(self) -> Summary:
        return summarize([1e6 / value for value in self.cpu_microseconds.values])


@dataclass(frozen=True)
class ThroughputResults:
    processes: int
    batches: int
    batch_size: int
    stacks: dict[str, StackResult]
    batch_ratios: Summary

    @property
    def production(self) -> StackResult:
        return self.stacks[PRODUCTION_LABEL]

    @property
    def default(self) -> StackResult:
        return self.stacks[DEFAULT_LABEL]

    @property
    def ratio(self) -> float:
        """Production requests per second over default ones, from the median wall times."""
        return self.default.microseconds.median / self.production.microseconds.median

    @property
    def cpu_ratio(self) -> float:
        return self.default.cpu_microseconds.median / self.production.cpu_microseconds.median

    def added_middleware(self) -> list[StackResult]:
        return [
            s for label, s in self.stacks.items() if label not in (PRODUCTION_LABEL, DEFAULT_LABEL)
        ]


def compare_stacks(
    env: ChildEnvironment, directory: Path, processes: int, batches: int, batch_size: int
) -> ThroughputResults:
    """Run the child ``processes`` times and pool its batches."""
    pooled: dict[str, list[StackTimes]] = {}
    for _ in range(processes):
        output = env.run_python(
            CHILD_CODE.format(batches=batches, batch_size=batch_size),
            cwd=directory,
            DJANGO_SETTINGS_MODULE="example_site.settings",
        ).stdout
        for label, found in json.loads(output).items():
            times = StackTimes(**found)
            if times.status != 200:
                raise RuntimeError(f"{label}: GET {PATH} returned {times.status}, not 200")
            pooled.setdefault(label, []).append(times)

    stacks = {label: _stack_result(label, runs) for label, runs in pooled.items()}
    production = [v for run in pooled[PRODUCTION_LABEL] for v in run.wall]
    default = [v for run in pooled[DEFAULT_LABEL] for v in run.wall]
    return ThroughputResults(
        processes=processes,
        batches=batches,
        batch_size=batch_size,
        stacks=stacks,
        batch_ratios=summarize([d / p for p, d in zip(production, default, strict=True)]),
    )


def _stack_result(label: str, runs: list[StackTimes]) -> StackResult:
    return StackResult(
        label=label,
        middleware=runs[0].middleware,
        microseconds=summarize([value for run in runs for value in run.wall]),
        cpu_microseconds=summarize([value for run in runs for value in run.cpu]),
        header_names=runs[0].header_names,
    )
