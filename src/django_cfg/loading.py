"""load_config(): a DjangoConfig from YAML files per environment and environment variables."""

from __future__ import annotations

import contextlib
import inspect
import os
import warnings
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar, overload

from django_cfg.coercion import BOOLEAN_WORDS, annotation_at
from django_cfg.config import DjangoConfig
from django_cfg.environment import (
    ENVIRONMENT_ALIASES,
    ENVIRONMENT_VARIABLES,
    Environment,
    EnvironmentProblem,
    current_override,
    detect_environment,
    environment_override,
    environment_source,
)
from django_cfg.errors import ConfigError, ConfigWarning, Problem
from django_cfg.interpolation import Input, ResolvedData, resolve
from django_cfg.validation import SECRET_FIELDS
from django_cfg.variables import ENV_FILE_NAME, Variables, read_env_file
from django_cfg.yaml_files import Located, merge, read_yaml_file

ConfigT = TypeVar("ConfigT", bound=DjangoConfig)

#: The variable naming the folder of the configuration files.
DIRECTORY_VARIABLE = "DJANGO_CFG_DIR"

BASE_FILE_STEM = "config"
FILE_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class EnvironmentChoice:
    """The environment load_config uses, and how it was chosen."""

    name: Environment
    source: str
    override: bool


@overload
def load_config(
    *, environment: str | None = None, directory: str | os.PathLike[str] | None = None
) -> DjangoConfig: ...


@overload
def load_config(
    config_class: type[ConfigT],
    *,
    environment: str | None = None,
    directory: str | os.PathLike[str] | None = None,
) -> ConfigT: ...


def load_config(
    config_class: type[DjangoConfig] = DjangoConfig,
    *,
    environment: str | None = None,
    directory: str | os.PathLike[str] | None = None,
) -> DjangoConfig:
    """Build ``config_class`` from config.yaml and config.<environment>.yaml.

    The folder is ``directory``, else DJANGO_CFG_DIR, else the folder of the
    calling module, else the working directory. Raise ConfigError listing every
    problem of the files, the variables and the values.
    """
    folder = _config_directory(directory, _caller_file())
    env_file, problems = read_env_file(folder / ENV_FILE_NAME)
    variables = Variables(os.environ, env_file)
    choice, environment_problems = _choose_environment(environment, variables)
    problems.extend(environment_problems)
    if choice is None:
        raise _error(config_class, problems) from None

    tree, file_problems = _read_files(folder, choice)
    problems.extend(file_problems)
    if tree is None:
        raise _error(config_class, problems) from None

    resolved = resolve(tree, config_class, variables)
    problems.extend(resolved.problems)
    config, validation_problems = _validate(config_class, resolved, choice)
    problems.extend(_locate(problem, resolved, config_class) for problem in validation_problems)
    if problems or config is None:
        raise _error(config_class, problems) from None
    return config


def _caller_file() -> str | None:
    """Return the file of the module that called load_config, if it has one."""
    frame = inspect.currentframe()
    try:
        caller = frame.f_back.f_back if frame and frame.f_back else None
        return None if caller is None else caller.f_globals.get("__file__")
    finally:
        del frame


def _config_directory(directory: str | os.PathLike[str] | None, caller_file: str | None) -> Path:
    if directory is not None:
        return Path(directory)
    if os.environ.get(DIRECTORY_VARIABLE):
        return Path(os.environ[DIRECTORY_VARIABLE])
    if caller_file is not None:
        return Path(caller_file).resolve().parent
    return Path.cwd()


def _choose_environment(
    argument: str | None, variables: Variables
) -> tuple[EnvironmentChoice | None, list[Problem]]:
    if argument is not None:
        name = ENVIRONMENT_ALIASES.get(argument.strip().lower())
        if name is None:
            return None, [_unknown_environment_argument(argument)]
        return EnvironmentChoice(name, "the environment argument", override=True), []

    override = current_override()
    if override is not None:
        return EnvironmentChoice(override[0], override[1], override=True), []

    merged = variables.merged()
    try:
        name = detect_environment(merged)
    except EnvironmentProblem as error:
        invalid_variable = environment_source(merged) or ""
        return None, [replace(error.problem, source=variables.describe(invalid_variable))]
    variable = environment_source(merged)
    if variable is None:
        names = ", ".join(ENVIRONMENT_VARIABLES[:-1]) + f" or {ENVIRONMENT_VARIABLES[-1]}"
        default_source = f"none of {names} is set, so development"
        return EnvironmentChoice(name, default_source, override=False), []
    # Only a variable from .env needs the override: DjangoConfig reads the
    # process environment itself and then names the variable in its messages.
    from_env_file = variable not in os.environ
    return EnvironmentChoice(name, variables.describe(variable), override=from_env_file), []


def _unknown_environment_argument(argument: str) -> Problem:
    accepted = ", ".join(sorted(ENVIRONMENT_ALIASES))
    return Problem(
        field="environment",
        source="the environment argument",
        found=repr(argument),
        expected=f"one of {accepted}",
        fix="pass one of the accepted names, or None to read DJANGO_ENV",
    )


def _read_files(folder: Path, choice: EnvironmentChoice) -> tuple[Located | None, list[Problem]]:
    """Read the optional base file and the environment's file, and merge them."""
    base_path, problems = _find_file(folder, BASE_FILE_STEM)
    environment_path, ambiguity = _find_file(folder, f"config.{choice.name}")
    problems.extend(ambiguity)
    if environment_path is None:
        problems.append(_missing_environment_file(folder, choice))

    base_tree: Located | None = None
    environment_tree: Located | None = None
    if base_path is not None:
        base_tree, base_problems = read_yaml_file(base_path)
        problems.extend(base_problems)
    if environment_path is not None:
        environment_tree, environment_file_problems = read_yaml_file(environment_path)
        problems.extend(environment_file_problems)

    if environment_tree is None or (base_path is not None and base_tree is None):
        return None, problems
    if base_tree is None:
        return environment_tree, problems
    return merge(base_tree, environment_tree), problems


def _find_file(folder: Path, stem: str) -> tuple[Path | None, list[Problem]]:
    found = [path for path in _candidates(folder, stem) if path.is_file()]
    if len(found) < 2:
        return (found[0] if found else None), []
    return found[0], [
        Problem(
            field=found[0].name,
            source=str(folder),
            found=f"both {found[0].name} and {found[1].name}",
            expected="one file for each name",
            fix=f"move the settings of {found[1].name} into {found[0].name} and delete it",
        )
    ]


def _candidates(folder: Path, stem: str) -> list[Path]:
    return [folder / f"{stem}{suffix}" for suffix in FILE_SUFFIXES]


def _missing_environment_file(folder: Path, choice: EnvironmentChoice) -> Problem:
    tried = _candidates(folder, f"config.{choice.name}")
    return Problem(
        field=tried[0].name,
        source=choice.source,
        found=f"no such file; tried {' and '.join(str(path) for path in tried)}",
        expected=f"a configuration file for the environment {choice.name!r}",
        fix=(
            f"create it, or point load_config at its folder with directory= "
            f"or {DIRECTORY_VARIABLE}"
        ),
    )


def _validate(
    config_class: type[ConfigT], resolved: ResolvedData, choice: EnvironmentChoice
) -> tuple[ConfigT | None, list[Problem]]:
    """Build the config from the resolved values; drop problems of fields that failed earlier."""
    config = None
    problems: tuple[Problem, ...] = ()
    with _environment_scope(choice), warnings.catch_warnings(record=True) as caught:
        if resolved.problems:
            # The load fails anyway, so a development-key warning would only mislead.
            warnings.simplefilter("ignore", ConfigWarning)
        try:
            config = config_class(**resolved.data)
        except ConfigError as error:
            problems = error.problems

    # Warn again from here, so that the warning points at the load_config() call.
    for warning in caught:
        warnings.warn(warning.message, warning.category, stacklevel=3)
    return config, [p for p in problems if _top_field(p.field) not in resolved.failed_fields]


@contextlib.contextmanager
def _environment_scope(choice: EnvironmentChoice) -> Iterator[None]:
    if not choice.override:
        yield
        return
    with environment_override(choice.name, choice.source):
        yield


def _locate(problem: Problem, resolved: ResolvedData, config_class: type[DjangoConfig]) -> Problem:
    """Add the file, line and variables behind a validation problem, and hide their values."""
    path = _first_known(problem.field, resolved.origins)
    inputs = resolved.inputs.get(_first_known(problem.field, resolved.inputs) or "", ())
    if problem.source is None and path is not None:
        sources = [str(resolved.origins[path]), *(item.source for item in inputs)]
        problem = replace(problem, source=", ".join(sources))

    if _top_field(problem.field) in SECRET_FIELDS:
        # The messages of secret fields never quote their value.
        return problem
    names = _quoted_variables(problem, inputs, resolved, config_class, path)
    if not names:
        return problem
    hidden = f"an invalid value from {' and '.join(names)} (values of variables are not shown)"
    return replace(problem, found=hidden)


def _quoted_variables(
    problem: Problem,
    inputs: tuple[Input, ...],
    resolved: ResolvedData,
    config_class: type[DjangoConfig],
    path: str | None,
) -> list[str]:
    """Return the variables whose text ``problem.found`` may quote."""
    names = [item.name for item in inputs if item.has_text]
    if path is not None and annotation_at(config_class, _parse_path(path)) is None:
        # A problem with an unknown key is about the key, which YAML wrote itself.
        names = []
    # Another field's check may quote this value too, such as hsts_seconds in
    # the hsts_preload problem. Short texts and boolean words are left out
    # because they turn up in ordinary messages and are not secrets.
    for text, name in resolved.variable_texts.items():
        quoted = len(text) >= 3 and text.lower() not in BOOLEAN_WORDS and text in problem.found
        if quoted and name not in names:
            names.append(name)
    return names


def _first_known(field: str, known: Mapping[str, object]) -> str | None:
    """Return ``field`` or its closest parent path that is a key of ``known``."""
    cuts = [index for index, character in enumerate(field) if character in ".["]
    for candidate in [field, *(field[:index] for index in reversed(cuts))]:
        if candidate in known:
            return candidate
    return None


def _parse_path(text: str) -> tuple[str | int, ...]:
    parts: list[str | int] = []
    for segment in text.replace("]", "").replace("[", ".").split("."):
        parts.append(int(segment) if segment.isdigit() else segment)
    return tuple(parts)


def _top_field(field: str) -> str:
    return field.split(".", 1)[0].split("[", 1)[0]


def _error(config_class: type[DjangoConfig], problems: list[Problem]) -> ConfigError:
    return ConfigError(problems, config_name=config_class.__name__)
