"""Variables for ``${VAR}`` placeholders: the process environment, a .env file and VAR_FILE.

The process environment wins over the .env file, which is read without
changing ``os.environ``. A variable that neither sets is read from the file
that ``VAR_FILE`` names, as Docker secrets are mounted.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from django_cfg.errors import Problem

ENV_FILE_NAME = ".env"


@dataclass(frozen=True)
class EnvFile:
    """The variables of a .env file and the line that sets each one."""

    values: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class VariableValue:
    """The text of a variable and where it came from, for messages."""

    text: str
    source: str


class VariableFileError(Exception):
    """The file named by a ``VAR_FILE`` variable cannot be read."""

    def __init__(self, problem_found: str) -> None:
        super().__init__(problem_found)
        self.found = problem_found


def read_env_file(path: Path) -> tuple[EnvFile, list[Problem]]:
    """Read a .env file with python-dotenv's parser; a missing file sets no variables."""
    if not path.exists():
        return EnvFile(), []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return EnvFile(), [_unreadable_env_file_problem(path, error)]
    return parse_env_file(text)


def parse_env_file(text: str) -> tuple[EnvFile, list[Problem]]:
    """Parse .env text; each line python-dotenv cannot parse is a problem."""
    # python-dotenv's documented readers log and skip such lines, but its parser
    # returns them with their line numbers. The parser is not documented API,
    # so pyproject.toml pins python-dotenv below 2.
    from dotenv.parser import parse_stream

    values: dict[str, str] = {}
    lines: dict[str, int] = {}
    problems = []
    for binding in parse_stream(io.StringIO(text)):
        line = _first_line(binding.original.string, binding.original.line)
        if binding.error:
            problems.append(_invalid_line_problem(line))
        elif binding.key is not None and binding.value is not None:
            values[binding.key] = binding.value
            lines[binding.key] = line
    return EnvFile(values, lines), problems


def _first_line(statement: str, line: int) -> int:
    """Return the line of a statement's first character, after the blank lines before it."""
    blank = statement[: len(statement) - len(statement.lstrip())]
    return line + blank.count("\n")


class Variables:
    """Looks up placeholder variables: the process environment first, then .env."""

    def __init__(self, environ: Mapping[str, str], env_file: EnvFile) -> None:
        self._environ = environ
        self._env_file = env_file

    def merged(self) -> dict[str, str]:
        """Return the .env variables updated with the process environment."""
        return {**self._env_file.values, **self._environ}

    def describe(self, name: str) -> str:
        """Name the variable and where it is set, such as ``DEBUG in .env, line 3``."""
        if name not in self._environ and name in self._env_file.values:
            return f"{name} in {ENV_FILE_NAME}, line {self._env_file.lines[name]}"
        return f"environment variable {name}"

    def lookup(self, name: str) -> VariableValue | None:
        """Return the variable's value, or None when it is not set anywhere.

        Raise VariableFileError when ``NAME_FILE`` names a file that cannot be read.
        """
        text = self._get(name)
        if text is not None:
            return VariableValue(text, self.describe(name))
        file_variable = f"{name}_FILE"
        file_name = self._get(file_variable)
        if not file_name:
            return None
        return VariableValue(
            _read_variable_file(file_name, file_variable),
            f"the file named by {self.describe(file_variable)}",
        )

    def _get(self, name: str) -> str | None:
        if name in self._environ:
            return self._environ[name]
        return self._env_file.values.get(name)


def _read_variable_file(file_name: str, file_variable: str) -> str:
    try:
        text = Path(file_name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = "it is not valid UTF-8"
        if isinstance(error, OSError):
            reason = error.strerror or type(error).__name__
        raise VariableFileError(
            f"the file {file_name!r} named by {file_variable}, which cannot be read: {reason}"
        ) from None
    # Trailing line breaks are dropped, as the shell's $(cat file) drops them.
    return text.rstrip("\r\n")


def _invalid_line_problem(line: int) -> Problem:
    return Problem(
        field=ENV_FILE_NAME,
        source=f"line {line}",
        found="a line that is not NAME=VALUE (its text is not shown, as it may hold a secret)",
        expected="NAME=VALUE, a comment starting with '#' or a blank line",
        fix="write the line as NAME=VALUE, and close every quote that it opens",
    )


def _unreadable_env_file_problem(path: Path, error: Exception) -> Problem:
    reason = "it is not valid UTF-8"
    if isinstance(error, OSError):
        reason = error.strerror or type(error).__name__
    return Problem(
        field=ENV_FILE_NAME,
        source=str(path),
        found=f"a file that cannot be read: {reason}",
        expected="a readable UTF-8 text file of NAME=VALUE lines",
        fix="check the file's permissions and encoding, or remove it",
    )
