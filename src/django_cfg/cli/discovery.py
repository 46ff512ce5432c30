"""Finding the configuration a command works on, as manage.py finds its settings.

Without --config, the module named by DJANGO_SETTINGS_MODULE is imported; a
DjangoConfig instance named ``config`` in it is the configuration. --config
takes ``module:Class`` (a DjangoConfig subclass to instantiate, or an instance)
or a folder of YAML files for ``load_config``. The working directory is put
on ``sys.path`` first, as ``python manage.py`` does with the project folder.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
import sysconfig
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from django_cfg.cli.errors import CommandLineError
from django_cfg.config import DjangoConfig
from django_cfg.environment import ENVIRONMENT_ALIASES, Environment, environment_override
from django_cfg.errors import ConfigError
from django_cfg.loading import load_config

SETTINGS_VARIABLE = "DJANGO_SETTINGS_MODULE"
ENVIRONMENT_VARIABLE = "DJANGO_ENV"
#: The source that messages name when --env chose the environment.
ENVIRONMENT_OPTION_SOURCE = "the --env option"


@dataclass(frozen=True)
class LoadedConfig:
    """A configuration found for a command.

    ``settings`` are those Django would run with: the settings module's names, or
    the config's settings. ``config`` is the DjangoConfig when there is one.
    """

    source: str
    settings: dict[str, Any]
    config: DjangoConfig | None

    def produced_settings(self) -> dict[str, Any]:
        """Return what the config produces, or the settings module's settings without one."""
        if self.config is not None:
            return self.config.get_all_settings()
        return dict(self.settings)


def parse_environment(name: str) -> Environment:
    """Return the environment that ``name`` or its alias stands for."""
    environment = ENVIRONMENT_ALIASES.get(name.strip().lower())
    if environment is None:
        accepted = ", ".join(sorted(ENVIRONMENT_ALIASES))
        raise CommandLineError(f"--env {name!r} names no environment; use one of {accepted}")
    return environment


@contextlib.contextmanager
def selected_environment(environment: Environment | None) -> Iterator[None]:
    """Make code run inside the block see ``environment``, as if DJANGO_ENV named it.

    DJANGO_ENV is set for code that reads it at import time, such as a
    ``load_config()`` call in a settings module, and environment_override()
    for configs built here. Both are restored afterwards.
    """
    if environment is None:
        yield
        return
    previous = os.environ.get(ENVIRONMENT_VARIABLE)
    os.environ[ENVIRONMENT_VARIABLE] = environment
    try:
        with environment_override(environment, ENVIRONMENT_OPTION_SOURCE):
            yield
    finally:
        if previous is None:
            del os.environ[ENVIRONMENT_VARIABLE]
        else:
            os.environ[ENVIRONMENT_VARIABLE] = previous


def load(spec: str | None, environment: Environment | None) -> LoadedConfig:
    """Find and build the configuration named by --config, else by DJANGO_SETTINGS_MODULE.

    Call it inside selected_environment(environment). Raise ConfigError for an
    invalid configuration and CommandLineError for anything else that fails.
    """
    if spec is None:
        return _from_settings_module(environment)
    folder = Path(spec)
    if folder.is_dir():
        config = load_config(directory=folder, environment=environment)
        return LoadedConfig(f"the folder {spec}", config.get_all_settings(), config)
    if ":" in spec:
        return _from_attribute(spec, environment)
    raise CommandLineError(
        f"--config {spec}: no such folder; expected a folder of YAML files, "
        "or module:Class such as config:MyConfig"
    )


def _from_settings_module(environment: Environment | None) -> LoadedConfig:
    name = os.environ.get(SETTINGS_VARIABLE, "").strip()
    if not name:
        raise CommandLineError(
            f"no configuration given: set {SETTINGS_VARIABLE}, or pass --config "
            "module:Class or --config FOLDER"
        )
    module = import_project_module(name)
    settings = {key: getattr(module, key) for key in dir(module) if key.isupper()}
    config = getattr(module, "config", None)
    if not isinstance(config, DjangoConfig):
        return LoadedConfig(f"the settings module {name}", settings, None)
    _check_environment(config, environment, f"the settings module {name}")
    return LoadedConfig(f"the settings module {name}", settings, config)


def _from_attribute(spec: str, environment: Environment | None) -> LoadedConfig:
    module_name, _, path = spec.partition(":")
    names = path.split(".")
    if not module_name or not all(name.isidentifier() for name in names):
        raise CommandLineError(f"--config {spec}: expected module:Class, such as config:MyConfig")

    target: Any = import_project_module(module_name)
    for name in names:
        if not hasattr(target, name):
            raise CommandLineError(f"--config {spec}: {module_name} has no attribute {path!r}")
        target = getattr(target, name)

    if isinstance(target, type) and issubclass(target, DjangoConfig):
        config = target()
    elif isinstance(target, DjangoConfig):
        config = target
        _check_environment(config, environment, spec)
    else:
        raise CommandLineError(
            f"--config {spec}: found a {type(target).__name__}, expected a DjangoConfig "
            "subclass or instance"
        )
    return LoadedConfig(spec, config.get_all_settings(), config)


def _check_environment(config: DjangoConfig, environment: Environment | None, source: str) -> None:
    if environment is not None and config.environment != environment:
        raise CommandLineError(
            f"{source} built its config for the environment {config.environment!r}, not "
            f"{environment!r}; it chooses the environment itself instead of reading DJANGO_ENV"
        )


def import_project_module(name: str) -> ModuleType:
    """Import ``name`` with the working directory on ``sys.path``, reporting failures in one line.

    ConfigError from the module's own code is raised as it is.
    """
    working_directory = os.getcwd()
    if working_directory not in sys.path:
        sys.path.insert(0, working_directory)
    try:
        return importlib.import_module(name)
    except ConfigError:
        raise
    except ModuleNotFoundError as error:
        if error.name is not None and f"{name}.".startswith(f"{error.name}."):
            raise CommandLineError(
                f"cannot import {name!r}: no module {error.name!r} in the working directory "
                "or on sys.path"
            ) from None
        raise CommandLineError(f"importing {name!r} failed: {_describe(error)}") from None
    # The module runs project code, which may raise any exception.
    except Exception as error:
        raise CommandLineError(f"importing {name!r} failed: {_describe(error)}") from None


def _describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"


@contextlib.contextmanager
def isolated_imports() -> Iterator[None]:
    """Forget the project modules imported inside the block, so the next import runs them again.

    A module counts as the project's when its top-level package was not loaded
    before the block and its file lies outside the standard library and
    site-packages. Installed libraries stay loaded.
    NOTE: a settings module installed in site-packages is therefore imported
    once, for the first environment; a DjangoConfig in it makes that an error.
    """
    before = set(sys.modules)
    try:
        yield
    finally:
        loaded_tops = {name.partition(".")[0] for name in before}
        for name in set(sys.modules) - before:
            module = sys.modules.get(name)
            if name.partition(".")[0] not in loaded_tops and _is_project_module(module):
                del sys.modules[name]


_INSTALLED_PATHS = tuple(
    Path(path).resolve()
    for key in ("stdlib", "platstdlib", "purelib", "platlib")
    if (path := sysconfig.get_paths().get(key))
)


def _is_project_module(module: ModuleType | None) -> bool:
    file = getattr(module, "__file__", None)
    if file is None:
        # A namespace package has no file, only a __path__.
        return module is not None and hasattr(module, "__path__")
    location = Path(file).resolve()
    return not any(location.is_relative_to(path) for path in _INSTALLED_PATHS)
