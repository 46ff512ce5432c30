"""Start-up costs: django.setup() in fresh processes, and the import and build of django_cfg."""

from __future__ import annotations

import json
import statistics
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from measure import ChildEnvironment, ProcessTime, Summary, summarize

SETUP_CODE = "import django; django.setup(); import os; os._exit(0)"

#: Modules that django.setup() has imported by the time it imports the settings module.
DJANGO_BEFORE_SETTINGS = "import django.apps, django.conf, django.urls, django.utils.log"

IMPORT_CODE = """
import time
started = time.perf_counter_ns()
import django_cfg
print((time.perf_counter_ns() - started) / 1e6)
"""

BUILD_CODE = """
import json, time
marks = [time.perf_counter_ns()]
import django_cfg
marks.append(time.perf_counter_ns())
from bench_config import BenchmarkConfig
marks.append(time.perf_counter_ns())
config = BenchmarkConfig()
marks.append(time.perf_counter_ns())
config.get_all_settings()
marks.append(time.perf_counter_ns())
config.get_all_settings()
marks.append(time.perf_counter_ns())
print(json.dumps([(b - a) / 1e6 for a, b in zip(marks, marks[1:])]))
"""

BUILD_PHASES = (
    "import django_cfg",
    "define BenchmarkConfig (a DjangoConfig subclass)",
    "BenchmarkConfig() (validation)",
    "first get_all_settings()",
    "second get_all_settings()",
)

LITERAL_CODE = """
import importlib, pathlib, sys
import literal
module = importlib.import_module({module!r})
settings = {{k: v for k, v in vars(module).items() if k.isupper() and k != "SETTINGS"}}
if {without_app!r}:
    settings["INSTALLED_APPS"] = [a for a in settings["INSTALLED_APPS"] if a != "django_cfg"]
literal.write_settings_module(settings, pathlib.Path({path!r}))
written = importlib.import_module({literal_module!r})
if {{k: v for k, v in vars(written).items() if k.isupper()}} != settings:
    sys.exit("the hand-written settings module differs from " + {module!r})
print(len(settings))
"""


@dataclass(frozen=True)
class SettingsPair:
    """A settings module and its hand-written twin with the same values.

    ``without_app_module``, if set, names a second twin whose INSTALLED_APPS
    lacks django_cfg: a project that does not use the package at all.
    """

    label: str
    module: str
    literal_module: str
    without_app_module: str | None = None

    @property
    def modules(self) -> list[str]:
        twins = [self.literal_module, self.without_app_module]
        return [self.module, *(name for name in twins if name)]


PAIRS = (
    SettingsPair(
        "DjangoConfig built in the settings module",
        "cfg_settings",
        "literal_cfg_settings",
        "literal_cfg_settings_without_app",
    ),
    SettingsPair(
        "the example site's settings (load_config from YAML)",
        "example_site.settings",
        "literal_example_settings",
    ),
)


@dataclass(frozen=True)
class SetupComparison:
    pair: SettingsPair
    setting_count: int
    wall: Summary
    literal_wall: Summary
    cpu: Summary
    literal_cpu: Summary
    pair_ratios: Summary
    without_app_wall: Summary | None
    without_app_cpu: Summary | None
    without_app_pair_ratios: Summary | None

    @property
    def ratio(self) -> float:
        """Median wall time with django_cfg over median wall time with literal settings."""
        return self.wall.median / self.literal_wall.median

    @property
    def cpu_ratio(self) -> float:
        return self.cpu.median / self.literal_cpu.median


@dataclass(frozen=True)
class ImportCosts:
    alone: Summary
    after_django: Summary
    build_phases: dict[str, Summary]
    profile: list[tuple[str, float]]
    module_file: str


def write_literal_modules(env: ChildEnvironment, directory: Path) -> dict[str, int]:
    """Write the hand-written twins of each pair and return the number of settings per pair."""
    counts = {}
    for pair in PAIRS:
        for twin in pair.modules[1:]:
            code = LITERAL_CODE.format(
                module=pair.module,
                path=str(directory / f"{twin}.py"),
                literal_module=twin,
                without_app=twin == pair.without_app_module,
            )
            result = env.run_python(code, cwd=directory)
            counts[pair.module] = int(result.stdout.strip())
    return counts


def compare_setup(
    env: ChildEnvironment, directory: Path, repetitions: int
) -> list[SetupComparison]:
    """Time django.setup() in fresh processes, alternating each module with its twin."""
    counts = write_literal_modules(env, directory)
    modules = [name for pair in PAIRS for name in pair.modules]
    times: dict[str, list[ProcessTime]] = {name: [] for name in modules}

    for module in modules * 2:  # warm-up: bytecode caches and the page cache
        env.time_python(SETUP_CODE, cwd=directory, DJANGO_SETTINGS_MODULE=module)

    for repetition in range(repetitions):
        for pair in PAIRS:
            shift = repetition % len(pair.modules)
            for module in pair.modules[shift:] + pair.modules[:shift]:
                measured = env.time_python(
                    SETUP_CODE, cwd=directory, DJANGO_SETTINGS_MODULE=module
                )
                times[module].append(measured)

    return [_comparison(pair, counts[pair.module], times) for pair in PAIRS]


def _comparison(
    pair: SettingsPair, setting_count: int, times: dict[str, list[ProcessTime]]
) -> SetupComparison:
    measured, literal = times[pair.module], times[pair.literal_module]
    return SetupComparison(
        pair=pair,
        setting_count=setting_count,
        wall=summarize([t.wall for t in measured]),
        literal_wall=summarize([t.wall for t in literal]),
        cpu=summarize([t.cpu for t in measured]),
        literal_cpu=summarize([t.cpu for t in literal]),
        pair_ratios=summarize([a.wall / b.wall for a, b in zip(measured, literal, strict=True)]),
        without_app_wall=_summarize_field(times, pair.without_app_module, "wall"),
        without_app_cpu=_summarize_field(times, pair.without_app_module, "cpu"),
        without_app_pair_ratios=_pair_ratios(times, pair.module, pair.without_app_module),
    )


def _pair_ratios(
    times: dict[str, list[ProcessTime]], module: str, twin: str | None
) -> Summary | None:
    """Return the wall time of each run of ``module`` over that of ``twin`` in its repetition."""
    if twin is None:
        return None
    pairs = zip(times[module], times[twin], strict=True)
    return summarize([measured.wall / other.wall for measured, other in pairs])


def _summarize_field(
    times: dict[str, list[ProcessTime]], module: str | None, field: str
) -> Summary | None:
    if module is None:
        return None
    return summarize([getattr(measured, field) for measured in times[module]])


def measure_import_costs(
    env: ChildEnvironment, directory: Path, repetitions: int, profile_runs: int = 5
) -> ImportCosts:
    """Time ``import django_cfg`` and building the settings, each in fresh processes."""
    alone, after_django = [], []
    phases: list[list[float]] = [[] for _ in BUILD_PHASES]
    for _ in range(repetitions):
        alone.append(float(env.run_python(IMPORT_CODE, cwd=directory).stdout))
        preloaded = DJANGO_BEFORE_SETTINGS + "\n" + IMPORT_CODE
        after_django.append(float(env.run_python(preloaded, cwd=directory).stdout))
        build = json.loads(env.run_python(BUILD_CODE, cwd=directory).stdout)
        for values, value in zip(phases, build, strict=True):
            values.append(value)

    module_file = env.run_python(
        "import django_cfg; print(django_cfg.__file__)", cwd=directory
    ).stdout.strip()
    return ImportCosts(
        alone=summarize(alone),
        after_django=summarize(after_django),
        build_phases={name: summarize(v) for name, v in zip(BUILD_PHASES, phases, strict=True)},
        profile=import_profile(env, directory, profile_runs),
        module_file=module_file,
    )


def import_profile(env: ChildEnvironment, directory: Path, runs: int) -> list[tuple[str, float]]:
    """Return the median self time in ms of each top-level package under ``import django_cfg``.

    The times come from ``python -X importtime``, which itself adds some overhead.
    """
    totals: dict[str, list[float]] = defaultdict(list)
    for _ in range(runs):
        stderr = env.run_python("import django_cfg", cwd=directory, PYTHONPROFILEIMPORTTIME="1")
        for package, microseconds in _self_times_under(stderr.stderr, "django_cfg").items():
            totals[package].append(microseconds / 1000)
    medians = {
        package: statistics.median(values + [0.0] * (runs - len(values)))
        for package, values in totals.items()
    }
    return sorted(medians.items(), key=lambda item: item[1], reverse=True)


def _self_times_under(importtime_output: str, root: str) -> dict[str, float]:
    """Sum the self times (in microseconds) of ``root`` and what it imports, by top package.

    ``-X importtime`` prints each module after the modules it imported, indented
    two spaces per level, so a top-level module's subtree is the lines printed
    since the previous top-level module.
    """
    subtree: list[tuple[str, float]] = []
    for line in importtime_output.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_field, _cumulative, name_field = line.removeprefix("import time:").split("|")
        name = name_field.strip()
        subtree.append((name, float(self_field)))
        top_level = len(name_field) - len(name_field.lstrip(" ")) == 1
        if top_level and name == root:
            break
        if top_level:
            subtree = []
    else:
        return {}

    sums: dict[str, float] = defaultdict(float)
    for name, microseconds in subtree:
        package = name.split(".")[0]
        if _in_standard_library(package):
            package = "standard library"
        sums[package] += microseconds
    return dict(sums)


def _in_standard_library(package: str) -> bool:
    names = sys.stdlib_module_names
    return package in names or package.lstrip("_") in names or package.startswith("_sysconfig")
