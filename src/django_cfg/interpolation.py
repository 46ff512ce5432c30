"""``${VAR}`` placeholders in the scalar strings of parsed configuration files.

Placeholders are replaced after YAML parsing, never in the raw text, so a value
containing ' #', ': ' or quotes arrives exactly as the variable contains it. A
substituted value is never expanded again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from django_cfg.coercion import CoercionError, annotation_at, coerce
from django_cfg.errors import Problem
from django_cfg.validation import SECRET_FIELDS
from django_cfg.variables import VariableFileError, Variables
from django_cfg.yaml_files import KeyPath, Located, Origin, format_path

PLACEHOLDER_SYNTAX = "${NAME} or ${NAME:-default}, and $${ for a literal ${"

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@dataclass(frozen=True)
class Placeholder:
    """One ``${NAME}`` or ``${NAME:-default}``; ``default`` is None without ``:-``."""

    name: str
    default: str | None


class PlaceholderSyntaxError(Exception):
    """A ``${`` that does not start a valid placeholder."""

    def __init__(self, fragment: str, reason: str) -> None:
        super().__init__(reason)
        self.fragment = fragment
        self.reason = reason


@dataclass(frozen=True)
class Input:
    """A variable that a value came from: its name, its source, and whether it had text."""

    name: str
    source: str
    has_text: bool


@dataclass
class ResolvedData:
    """Field values after interpolation, with the file, line and variables behind each path.

    ``origins`` and ``inputs`` are keyed by the path as messages write it.
    ``failed_fields`` are top-level fields left out of ``data`` because a
    placeholder in them could not be resolved. ``variable_texts`` maps each
    text taken from a variable to its name, so that messages can hide it.
    """

    data: dict[str, Any] = field(default_factory=dict)
    origins: dict[str, Origin] = field(default_factory=dict)
    inputs: dict[str, tuple[Input, ...]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    failed_fields: set[str] = field(default_factory=set)
    variable_texts: dict[str, str] = field(default_factory=dict, repr=False)


def parse_template(text: str) -> list[str | Placeholder]:
    """Split ``text`` into literal parts and placeholders.

    Raise PlaceholderSyntaxError for a ``${`` that is not a valid placeholder.
    """
    parts: list[str | Placeholder] = []
    literal = ""
    position = 0
    while (start := text.find("$", position)) != -1:
        if text.startswith("$${", start):
            literal += text[position:start] + "${"
            position = start + 3
        elif text.startswith("${", start):
            end = text.find("}", start)
            if end == -1:
                raise PlaceholderSyntaxError(text[start:], "it has no closing '}'")
            parts.extend(
                [literal + text[position:start], _parse_placeholder(text[start : end + 1])]
            )
            literal = ""
            position = end + 1
        else:
            literal += text[position : start + 1]
            position = start + 1
    parts.append(literal + text[position:])
    return [part for part in parts if part != ""]


def _parse_placeholder(fragment: str) -> Placeholder:
    name, separator, default = fragment[2:-1].partition(":-")
    if not _NAME.fullmatch(name):
        raise PlaceholderSyntaxError(
            fragment, "the name must be letters, digits and '_', not starting with a digit"
        )
    if "${" in default:
        raise PlaceholderSyntaxError(fragment, "a default cannot contain another placeholder")
    return Placeholder(name, default if separator else None)


def resolve(tree: Located, model: type[BaseModel], variables: Variables) -> ResolvedData:
    """Replace the placeholders of a merged configuration tree, field by field."""
    resolver = _Resolver(model, variables)
    for name, item in tree.value.items():
        problem_count = len(resolver.result.problems)
        value = resolver.resolve_item(item, (name,))
        if len(resolver.result.problems) > problem_count:
            resolver.result.failed_fields.add(name)
        else:
            resolver.result.data[name] = value
    return resolver.result


class _Resolver:
    def __init__(self, model: type[BaseModel], variables: Variables) -> None:
        self.model = model
        self.variables = variables
        self.result = ResolvedData()

    def resolve_item(self, item: Located, path: KeyPath) -> Any:
        self.result.origins[format_path(path)] = item.origin
        if isinstance(item.value, dict):
            return {
                key: self.resolve_item(child, (*path, key)) for key, child in item.value.items()
            }
        if isinstance(item.value, list):
            return [self.resolve_item(child, (*path, i)) for i, child in enumerate(item.value)]
        if isinstance(item.value, str) and "$" in item.value:
            return self._interpolate(item.value, path, item.origin)
        return item.value

    def _interpolate(self, text: str, path: KeyPath, origin: Origin) -> Any:
        try:
            template = parse_template(text)
        except PlaceholderSyntaxError as error:
            self._report(_syntax_problem(error, path, origin))
            return None

        values: list[str] = []
        inputs: list[Input] = []
        failed = False
        for part in template:
            if isinstance(part, str):
                values.append(part)
                continue
            substituted = self._substitute(part, path, origin)
            if substituted is None:
                # Already reported; the other placeholders are still checked.
                failed = True
                continue
            values.append(substituted[0])
            inputs.append(substituted[1])
        if failed:
            return None
        if inputs:
            self.result.inputs[format_path(path)] = tuple(inputs)

        if len(template) == 1 and inputs:
            return self._coerce(values[0], path, origin, inputs[0])
        return "".join(values)

    def _substitute(
        self, placeholder: Placeholder, path: KeyPath, origin: Origin
    ) -> tuple[str, Input] | None:
        name = placeholder.name
        try:
            value = self.variables.lookup(name)
        except VariableFileError as error:
            self._report(_variable_file_problem(error, name, path, origin, self.variables))
            return None
        if placeholder.default is not None and (value is None or value.text == ""):
            state = "not set" if value is None else "empty"
            text = placeholder.default
            return text, Input(name, f"{name} {state}, so the default", text != "")
        if value is None:
            self._report(_missing_variable_problem(name, path, origin))
            return None
        self.result.variable_texts[value.text] = name
        return value.text, Input(name, value.source, value.text != "")

    def _coerce(self, text: str, path: KeyPath, origin: Origin, source: Input) -> Any:
        try:
            return coerce(text, annotation_at(self.model, path))
        except CoercionError as error:
            self._report(_coercion_problem(error, path, origin, source))
            return None

    def _report(self, problem: Problem) -> None:
        self.result.problems.append(problem)


def _syntax_problem(error: PlaceholderSyntaxError, path: KeyPath, origin: Origin) -> Problem:
    field = format_path(path)
    secret = path[0] in SECRET_FIELDS
    return Problem(
        field=field,
        source=str(origin),
        found=(
            "an invalid placeholder" if secret else f"the invalid placeholder {error.fragment!r}"
        )
        + f": {error.reason}",
        expected=PLACEHOLDER_SYNTAX,
        fix="correct the placeholder, or write $${ where the text itself contains ${",
    )


def _missing_variable_problem(name: str, path: KeyPath, origin: Origin) -> Problem:
    fix = f"set {name} in the environment or in .env"
    if path[0] not in SECRET_FIELDS:
        fix += f", or give a default: ${{{name}:-value}}"
    return Problem(
        field=format_path(path),
        source=f"{origin}, environment variable {name}",
        found=f"no value, because {name} is not set",
        expected=f"{name} set in the environment, in .env, or in a file named by {name}_FILE",
        fix=fix,
    )


def _variable_file_problem(
    error: VariableFileError, name: str, path: KeyPath, origin: Origin, variables: Variables
) -> Problem:
    return Problem(
        field=format_path(path),
        source=f"{origin}, {variables.describe(f'{name}_FILE')}",
        found=error.found,
        expected=f"a readable file that contains the value of {name}",
        fix=f"correct {name}_FILE, or set {name} itself",
    )


def _coercion_problem(
    error: CoercionError, path: KeyPath, origin: Origin, source: Input
) -> Problem:
    return Problem(
        field=format_path(path),
        source=f"{origin}, {source.source}",
        found=f"a value of {source.name} that is not {error.kind}",
        expected=error.expected,
        fix=f"set {source.name} to {error.example}",
    )
