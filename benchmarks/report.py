"""The Markdown report of one benchmark run."""

from __future__ import annotations

from dataclasses import dataclass

from gunicorn_load import GunicornResults
from logins import LoginResult
from measure import Summary
from startup import BUILD_PHASES, ImportCosts, SetupComparison
from throughput import DEFAULT_LABEL, PRODUCTION_LABEL, ThroughputResults

GOAL_SETUP_RATIO = 1.10
GOAL_IMPORT_MS = 30.0
GOAL_RPS_RATIO = 0.95


@dataclass(frozen=True)
class Machine:
    command: str
    date: str
    cpu_count: int
    cpu_model: str
    python: str
    django: str
    pydantic: str
    django_cfg_file: str
    revision: str
    load_before: tuple[float, float, float]
    load_after: tuple[float, float, float]


@dataclass(frozen=True)
class Results:
    machine: Machine
    setup: list[SetupComparison]
    imports: ImportCosts
    throughput: ThroughputResults
    gunicorn: GunicornResults | None
    gunicorn_skipped: str | None
    logins: list[LoginResult]
    redis_skipped: str | None


def met(condition: bool) -> str:
    return "met" if condition else "**not met**"


def render(results: Results) -> str:
    sections = [
        _header(results.machine),
        _goals(results),
        _misses(results),
        _setup_section(results.setup),
        _import_section(results.imports),
        _throughput_section(results),
        _login_section(results.logins, results.redis_skipped),
    ]
    return "\n\n".join("\n".join(lines) for lines in sections) + "\n"


def _header(machine: Machine) -> list[str]:
    load = "load average {0:.2f} {1:.2f} {2:.2f}"
    return [
        "# Benchmarks",
        "",
        "Written by `benchmarks/run.py`; every figure below comes from the one run described",
        "here. Run it again with `make bench` (or `.venv/bin/python benchmarks/run.py`);",
        "`--help` lists the repetition counts. Medians come with the interquartile range",
        "(IQR) and the minimum and maximum; n is the number of repetitions.",
        "",
        "| | |",
        "| --- | --- |",
        f"| command | `{machine.command}` |",
        f"| date (UTC) | {machine.date} |",
        f"| CPU | {machine.cpu_model}, {machine.cpu_count} cores (`nproc`) |",
        f"| Python | {machine.python} |",
        f"| Django | {machine.django} |",
        f"| pydantic | {machine.pydantic} |",
        f"| django_cfg measured | `{machine.django_cfg_file}` (tree {machine.revision}) |",
        f"| load before the run | {load.format(*machine.load_before)} |",
        f"| load after the run | {load.format(*machine.load_after)} |",
        "",
        "Other processes on the machine share its cores, so wall times vary from run to",
        "run; the CPU times (user + system) beside them vary less.",
    ]


def _goals(results: Results) -> list[str]:
    setup = results.setup[0]
    alone = results.imports.alone.median
    found = results.throughput
    rows = [
        (
            "process start to `django.setup()` done, DjangoConfig built in the settings "
            "module, over its hand-written twin",
            _ratio_text(setup.pair_ratios, setup.ratio),
            f"<= {GOAL_SETUP_RATIO:.2f}",
            met(setup.pair_ratios.median <= GOAL_SETUP_RATIO),
        ),
    ]
    if setup.without_app_pair_ratios is not None and setup.without_app_wall is not None:
        rows.append(
            (
                "the same, over the twin without the django_cfg app",
                _ratio_text(
                    setup.without_app_pair_ratios,
                    setup.wall.median / setup.without_app_wall.median,
                ),
                "none, for comparison",
                "",
            )
        )
    rows += [
        (
            "`import django_cfg` in a fresh process",
            f"{alone:.1f} ms (median)",
            f"< {GOAL_IMPORT_MS:.0f} ms",
            met(alone < GOAL_IMPORT_MS),
        ),
        (
            "requests per second, production middleware over default, in-process",
            _ratio_text(found.batch_ratios, found.ratio),
            f">= {GOAL_RPS_RATIO:.2f}",
            met(found.batch_ratios.median >= GOAL_RPS_RATIO),
        ),
    ]
    if results.gunicorn is not None:
        gunicorn = results.gunicorn
        rows.append(
            (
                "requests per second, production middleware over default, gunicorn and wrk",
                _ratio_text(gunicorn.round_ratios, gunicorn.ratio),
                f">= {GOAL_RPS_RATIO:.2f}",
                met(gunicorn.round_ratios.median >= GOAL_RPS_RATIO),
            )
        )
    lines = [
        "## Goals",
        "",
        "A ratio goal is judged on the median of paired ratios. Each paired ratio divides",
        "one measurement by the measurement of the other side taken right before or after",
        "it, so a change in the machine's load during the run falls on both sides. The",
        "ratio of the medians is given beside it.",
        "",
        "| figure | measured | goal | |",
        "| --- | --- | --- | --- |",
    ]
    lines += [
        f"| {figure} | {measured} | {goal} | {verdict} |"
        for figure, measured, goal, verdict in rows
    ]
    return lines


def _ratio_text(paired: Summary, of_medians: float) -> str:
    first, third = paired.quartiles
    return (
        f"{paired.median:.2f} (IQR {first:.2f} to {third:.2f}, n={paired.count}; "
        f"ratio of the medians {of_medians:.2f})"
    )


def _misses(results: Results) -> list[str]:
    """Explain each missed goal with the figures of this run that account for it."""
    explanations = [
        _setup_miss(results),
        _import_miss(results),
        _requests_miss(results),
        _gunicorn_miss(results),
    ]
    lines = ["## Where the misses come from", ""]
    lines.extend(text for text in explanations if text is not None)
    if len(lines) == 2:
        lines.append("Every goal is met in this run.")
    return lines


def _setup_miss(results: Results) -> str | None:
    setup = results.setup[0]
    setup_ratio = setup.pair_ratios.median
    if setup_ratio <= GOAL_SETUP_RATIO:
        return None
    phases = results.imports.build_phases
    return (
        f"- `django.setup()`: {setup_ratio:.2f} is {_percent(setup_ratio, GOAL_SETUP_RATIO)} "
        f"above {GOAL_SETUP_RATIO:.2f}. `{setup.pair.module}` adds "
        f"{setup.wall.median - setup.literal_wall.median:.1f} ms; building the settings "
        f"costs {_sum_medians(phases, BUILD_PHASES[1:4]):.1f} ms of it (the class, "
        "the validation and the first `get_all_settings()`, below). The import of "
        "django_cfg is paid by both modules, because both install the app."
    )


def _import_miss(results: Results) -> str | None:
    alone = results.imports.alone.median
    if alone < GOAL_IMPORT_MS:
        return None
    largest = ", ".join(f"{package} {ms:.0f} ms" for package, ms in results.imports.profile[:4])
    return (
        f"- `import django_cfg`: {alone:.0f} ms is {alone / GOAL_IMPORT_MS:.1f} times the "
        f"{GOAL_IMPORT_MS:.0f} ms goal. Largest self times under `-X importtime`: {largest}."
    )


def _requests_miss(results: Results) -> str | None:
    found = results.throughput
    rps_ratio = found.batch_ratios.median
    if rps_ratio >= GOAL_RPS_RATIO:
        return None
    extra = found.production.cpu_microseconds.median - found.default.cpu_microseconds.median
    base_cpu = found.default.cpu_microseconds.median
    costs = sorted(found.added_middleware(), key=lambda s: -s.cpu_microseconds.median)
    largest = ", ".join(
        f"`{s.label.rsplit('.', 1)[-1]}` {s.cpu_microseconds.median - base_cpu:+.0f} µs"
        for s in costs[:3]
    )
    return (
        f"- Requests per second, in-process: {rps_ratio:.2f} is "
        f"{_shortfall(rps_ratio, GOAL_RPS_RATIO)} short of {GOAL_RPS_RATIO:.2f}. The "
        f"production stack spends {extra:.0f} µs of CPU more per request than the "
        f"default one ({base_cpu:.0f} µs), while the goal "
        f"allows {base_cpu * (1 / GOAL_RPS_RATIO - 1):.0f} µs for its "
        f"{len(costs)} extra middleware. Largest, added alone: {largest}."
    )


def _gunicorn_miss(results: Results) -> str | None:
    gunicorn = results.gunicorn
    if gunicorn is None or gunicorn.round_ratios.median >= GOAL_RPS_RATIO:
        return None
    gunicorn_ratio = gunicorn.round_ratios.median
    return (
        f"- Requests per second through gunicorn: {gunicorn_ratio:.2f} is "
        f"{_shortfall(gunicorn_ratio, GOAL_RPS_RATIO)} short of {GOAL_RPS_RATIO:.2f}. The "
        "same middleware costs apply, beside gunicorn's own work per request and wrk's "
        "use of the second core."
    )


def _describe_optional(summary: Summary | None) -> str:
    return "" if summary is None else summary.describe("", 3)


def _percent(larger: float, smaller: float) -> str:
    return f"{(larger / smaller - 1) * 100:.0f} %"


def _shortfall(value: float, goal: float) -> str:
    return f"{(1 - value / goal) * 100:.0f} %"


def _sum_medians(summaries: dict[str, Summary], names: tuple[str, ...]) -> float:
    return sum(summaries[name].median for name in names)


def _setup_section(comparisons: list[SetupComparison]) -> list[str]:
    lines = [
        "## Process start to `django.setup()` done",
        "",
        "Each measurement is one fresh `python -c 'import django; django.setup()'` process,",
        "timed from the parent from start to exit (the child leaves with `os._exit` right",
        "after the setup). Each settings module alternates with a hand-written twin that",
        "the run generates from its output: every setting written as a literal, checked",
        "equal to the original. Both list `django_cfg` in INSTALLED_APPS, because its",
        "system checks and `axes_reset` command are part of the configuration, so the",
        "twin imports the package too, during the app registry's setup. A third module,",
        "the twin without the django_cfg app, shows the start of a project that does not",
        "use the package at all; its ratios compare the first module with it.",
        "",
        "| settings module | settings | wall time | CPU time | ratio (wall) | ratio (CPU) "
        "| ratio of each pair (wall) |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for comparison in comparisons:
        pair = comparison.pair
        lines.append(
            f"| `{pair.module}`: {pair.label} | {comparison.setting_count} "
            f"| {comparison.wall.describe('ms')} | {comparison.cpu.describe('ms')} "
            f"| {comparison.ratio:.3f} | {comparison.cpu_ratio:.3f} "
            f"| {comparison.pair_ratios.describe('', 3)} |"
        )
        lines.append(
            f"| `{pair.literal_module}`: hand-written twin | {comparison.setting_count} "
            f"| {comparison.literal_wall.describe('ms')} "
            f"| {comparison.literal_cpu.describe('ms')} | | | |"
        )
        if comparison.without_app_wall is not None and comparison.without_app_cpu is not None:
            lines.append(
                f"| `{pair.without_app_module}`: the twin without the django_cfg app "
                f"| {comparison.setting_count} | {comparison.without_app_wall.describe('ms')} "
                f"| {comparison.without_app_cpu.describe('ms')} "
                f"| {comparison.wall.median / comparison.without_app_wall.median:.3f} "
                f"| {comparison.cpu.median / comparison.without_app_cpu.median:.3f} "
                f"| {_describe_optional(comparison.without_app_pair_ratios)} |"
            )
    for comparison in comparisons:
        added = comparison.wall.median - comparison.literal_wall.median
        added_cpu = comparison.cpu.median - comparison.literal_cpu.median
        lines += [
            "",
            f"`{comparison.pair.module}` adds {added:.1f} ms of wall time and "
            f"{added_cpu:.1f} ms of CPU time (difference of the medians).",
        ]
    return lines


def _import_section(imports: ImportCosts) -> list[str]:
    lines = [
        "## The cost of `import django_cfg` and of building the settings",
        "",
        "Each figure is timed inside a fresh process with `time.perf_counter_ns()`.",
        "",
        "| import | time |",
        "| --- | --- |",
        f"| `import django_cfg`, nothing imported before | {imports.alone.describe('ms')} |",
        "| `import django_cfg` after the modules that `django.setup()` imports before the "
        f"settings module | {imports.after_django.describe('ms')} |",
        "",
        "Building the settings of `cfg_settings`, step by step in one process:",
        "",
        "| step | time |",
        "| --- | --- |",
    ]
    for phase in BUILD_PHASES:
        lines.append(f"| {phase} | {imports.build_phases[phase].describe('ms')} |")
    total = sum(ms for _package, ms in imports.profile)
    lines += [
        "",
        "Where the time of `import django_cfg` goes: self time of every module it",
        "imports, summed by top-level package, median of the runs of",
        "`python -X importtime -c 'import django_cfg'`, which itself adds overhead",
        f"(total {total:.1f} ms).",
        "",
        "| package | self time |",
        "| --- | --- |",
    ]
    lines += [f"| {package} | {ms:.1f} ms |" for package, ms in imports.profile if ms >= 0.5]
    return lines


def _throughput_section(results: Results) -> list[str]:
    found = results.throughput
    total = found.processes * found.batches
    lines = [
        "## Requests per second",
        "",
        "One view for every stack: the example site's `GET /healthz`, a plain `ok`, with",
        "`Host: example.com` and `X-Forwarded-Proto: https` as a TLS proxy sends them. The",
        "settings are the example site's production settings; only MIDDLEWARE differs.",
        "",
        "In-process: Django's WSGI handler is called directly, with one handler per stack",
        "in the same process. The stacks take turns batch by batch, after a warm-up batch",
        f"each, with {found.batch_size} requests per batch. Each of {found.processes} fresh "
        f"processes runs {found.batches} batches per stack (n = {total} batches).",
        "",
        "| middleware | requests per second (wall) | µs per request (wall) "
        "| µs per request (CPU) |",
        "| --- | --- | --- | --- |",
    ]
    for stack in (found.production, found.default):
        lines.append(
            f"| {stack.label} ({len(stack.middleware)} classes) "
            f"| {stack.rate.describe('', 0)} | {stack.microseconds.describe('µs')} "
            f"| {stack.cpu_microseconds.describe('µs')} |"
        )
    lines += [
        "",
        f"Production over default, requests per second: {found.ratio:.3f} from the median",
        f"wall times, {found.cpu_ratio:.3f} from the median CPU times; within each pair of",
        f"batches: {found.batch_ratios.describe('', 3)}.",
        "",
        "Response headers with the production stack: "
        + ", ".join(f"`{h}`" for h in found.production.header_names)
        + ". With the default stack: "
        + ", ".join(f"`{h}`" for h in found.default.header_names)
        + ".",
        "",
        "What each production-only middleware costs: the default stack with that one",
        "middleware added in its production position, timed in the same batches, minus",
        "the default stack's median.",
        "",
        "| middleware added | µs per request (wall) | µs per request (CPU) |",
        "| --- | --- | --- |",
    ]
    base_wall = found.default.microseconds.median
    base_cpu = found.default.cpu_microseconds.median
    for stack in sorted(found.added_middleware(), key=lambda s: -s.cpu_microseconds.median):
        lines.append(
            f"| `{stack.label}` | {stack.microseconds.median - base_wall:+.1f} "
            f"| {stack.cpu_microseconds.median - base_cpu:+.1f} |"
        )
    lines += ["", *_gunicorn_lines(results)]
    return lines


def _gunicorn_lines(results: Results) -> list[str]:
    if results.gunicorn is None:
        return [f"Through gunicorn: not measured, because {results.gunicorn_skipped}."]
    gunicorn = results.gunicorn
    lines = [
        "Through gunicorn: one sync worker on 127.0.0.1, loaded by `wrk` with one thread",
        f"and {gunicorn.connections} connections for {gunicorn.seconds_per_round} s per round "
        "after a 1 s warm-up, a fresh",
        "server per round, the stacks alternating. wrk and the worker share the two cores.",
        "",
        "| middleware | requests per second |",
        "| --- | --- |",
    ]
    for label in (PRODUCTION_LABEL, DEFAULT_LABEL):
        lines.append(f"| {label} | {gunicorn.rates[label].describe('', 0)} |")
    lines += [
        "",
        f"Ratio of the medians: {gunicorn.ratio:.3f}; ratio within each round: "
        f"{gunicorn.round_ratios.describe('', 3)}.",
    ]
    return lines


def _login_section(results: list[LoginResult], redis_skipped: str | None) -> list[str]:
    lines = [
        "## Login attempts under brute force",
        "",
        "Each run is one fresh process. It sends wrong passwords for an existing user as",
        "real POSTs of the login form, with its CSRF token, through the WSGI handler and",
        "the production middleware. Each run starts from a fresh copy of a migrated SQLite",
        "database. The client address arrives as the example's proxy sends it, with",
        "REMOTE_ADDR 127.0.0.1 and the client in X-Forwarded-For. The run starts its own",
        "Redis server on a free port of 127.0.0.1, without persistence. The handlers",
        "alternate.",
        "",
        "- One client address: the attempts up to the failure limit have their passwords",
        "  checked, and the last of them also locks the address out. Axes rejects later",
        "  attempts before the password check.",
        "- A new client address per attempt, as from a botnet: every attempt is a",
        "  recorded failure and has its password checked. The only hasher here is MD5,",
        "  so that the figure shows the request and the handler rather than PBKDF2. The",
        "  first scenario shows what one PBKDF2 check costs.",
        "",
        "| scenario | handler | attempts per second (wall) | attempts per CPU second of Django "
        "| ms per attempt, password checked | ms per attempt, locked out | responses |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for result in results:
        locked = result.locked_latency.describe("ms") if result.locked_latency else "none"
        responses = ", ".join(
            f"{count} x {status}" for status, count in result.status_counts.items()
        )
        lines.append(
            f"| {result.scenario.label}, {result.attempts} attempts per run "
            f"| {result.handler} | {result.rates.describe('', 1)} "
            f"| {result.cpu_rates.describe('', 1)} | {result.checked_latency.describe('ms')} "
            f"| {locked} | {responses} |"
        )
    if redis_skipped:
        lines += ["", f"The cache handler on Redis was not measured, because {redis_skipped}."]
    return lines
