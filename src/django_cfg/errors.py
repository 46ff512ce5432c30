"""Errors and warnings raised while a configuration is validated."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


class ConfigWarning(UserWarning):
    """A configuration that works but is unsafe outside development."""


@dataclass(frozen=True)
class Problem:
    """One invalid value: where it is, what was found, what is expected and the fix.

    ``found`` is written by the caller and must never contain a secret: describe a
    secret value (its length, say) instead of quoting it.
    """

    field: str
    found: str
    expected: str
    fix: str
    source: str | None = None

    def render(self) -> str:
        where = self.field if self.source is None else f"{self.field} ({self.source})"
        return f"- {where}: found {self.found}\n    expected: {self.expected}\n    fix: {self.fix}"


class ConfigError(ValueError):
    """Raised when a configuration is invalid; lists every problem found at once."""

    def __init__(self, problems: Iterable[Problem], *, config_name: str = "configuration") -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.config_name = config_name
        super().__init__(self._render())

    def _render(self) -> str:
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = [f"Invalid {self.config_name} ({count} {noun}):"]
        lines.extend(problem.render() for problem in self.problems)
        return "\n".join(lines)
