"""Reading YAML configuration files into values that remember their file and line.

PyYAML is imported inside the functions, so that ``import django_cfg`` stays
free of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django_cfg.errors import Problem

if TYPE_CHECKING:
    import yaml

KeyPath = tuple[str | int, ...]

_MERGE_TAG = "tag:yaml.org,2002:merge"


@dataclass(frozen=True)
class Origin:
    """A place in a configuration file; lines count from 1."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}, line {self.line}"


@dataclass(frozen=True)
class Located:
    """A parsed value with its origin: a dict of Located, a list of Located or a scalar."""

    value: Any
    origin: Origin


def format_path(path: KeyPath) -> str:
    """Return a key path as messages write it, such as ``security_domains[2]``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        elif text:
            text += f".{part}"
        else:
            text = part
    return text


def read_yaml_file(path: Path) -> tuple[Located | None, list[Problem]]:
    """Parse one configuration file; return None and the problems when it cannot be used."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return None, [_unreadable_file_problem(path, error)]
    return parse_yaml(text, path.name)


def parse_yaml(text: str, file: str) -> tuple[Located | None, list[Problem]]:
    """Parse ``text`` as the contents of ``file``, which must be a mapping of field names."""
    import yaml

    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return Located({}, Origin(file, 1)), []
        if not isinstance(node, yaml.MappingNode):
            return None, [_not_a_mapping_problem(node, file)]
        builder = _TreeBuilder(loader, file)
        tree = builder.build(node, (), Origin(file, 1))
    except yaml.MarkedYAMLError as error:
        return None, [_syntax_problem(error, file)]
    finally:
        loader.dispose()
    return tree, builder.problems


def merge(base: Located, override: Located) -> Located:
    """Deep-merge ``override`` over ``base``: mappings merge key by key, anything else replaces."""
    if not (isinstance(base.value, dict) and isinstance(override.value, dict)):
        return override
    merged = dict(base.value)
    for key, item in override.value.items():
        merged[key] = merge(merged[key], item) if key in merged else item
    return Located(merged, override.origin)


class _TreeBuilder:
    """Turn a composed YAML node into Located values, collecting key problems."""

    def __init__(self, loader: yaml.SafeLoader, file: str) -> None:
        self.loader = loader
        self.file = file
        self.problems: list[Problem] = []

    def build(self, node: yaml.Node, path: KeyPath, origin: Origin) -> Located:
        import yaml

        if isinstance(node, yaml.MappingNode):
            return Located(self._build_mapping(node, path), origin)
        if isinstance(node, yaml.SequenceNode):
            items = [
                self.build(item, (*path, index), self._origin(item))
                for index, item in enumerate(node.value)
            ]
            return Located(items, origin)
        return Located(self.loader.construct_object(node, deep=True), origin)

    def _build_mapping(self, node: yaml.MappingNode, path: KeyPath) -> dict[str, Located]:
        self._report_duplicate_keys(node, path)
        # Resolve "<<" merge keys the way PyYAML does before reading the pairs.
        self.loader.flatten_mapping(node)

        entries: dict[str, Located] = {}
        for key_node, value_node in node.value:
            key = self.loader.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                self.problems.append(self._key_type_problem(key, key_node, path))
                continue
            entries[key] = self.build(value_node, (*path, key), self._origin(key_node))
        return entries

    def _report_duplicate_keys(self, node: yaml.MappingNode, path: KeyPath) -> None:
        first_lines: dict[tuple[str, str], int] = {}
        for key_node, _value_node in node.value:
            if key_node.tag == _MERGE_TAG or not isinstance(key_node.value, str):
                continue
            line = self._origin(key_node).line
            key = (key_node.tag, key_node.value)
            if key not in first_lines:
                first_lines[key] = line
                continue
            self.problems.append(
                Problem(
                    field=format_path((*path, key_node.value)),
                    source=f"{self.file}, line {line}",
                    found=f"the key a second time; the first is on line {first_lines[key]}",
                    expected="each key once in a mapping",
                    fix="remove one of them: YAML would silently keep only the last",
                )
            )

    def _key_type_problem(self, key: object, key_node: yaml.Node, path: KeyPath) -> Problem:
        return Problem(
            field=format_path(path) or self.file,
            source=str(self._origin(key_node)),
            found=f"the key {key!r} of type {type(key).__name__}",
            expected="a field name, which is a string",
            fix="rename the key to a field name, or quote it if it is one",
        )

    def _origin(self, node: yaml.Node) -> Origin:
        return Origin(self.file, node.start_mark.line + 1)


def _syntax_problem(error: yaml.MarkedYAMLError, file: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    where = f"line {mark.line + 1}" if mark is not None else None
    found = f"invalid YAML: {error.problem or 'a syntax error'}"
    if error.context and error.context_mark is not None:
        found += f", {error.context} that starts on line {error.context_mark.line + 1}"
    return Problem(
        field=file,
        source=where,
        found=found,
        expected="valid YAML: 'key: value' lines, with nested values indented by spaces",
        fix="correct the file at that line; quote a value that contains ': ' or ' #'",
    )


def _not_a_mapping_problem(node: yaml.Node, file: str) -> Problem:
    import yaml

    kind = "a list" if isinstance(node, yaml.SequenceNode) else "a single value"
    return Problem(
        field=file,
        source=f"line {node.start_mark.line + 1}",
        found=f"{kind} at the top level",
        expected="a mapping of field names to values, such as 'debug: false'",
        fix="write one 'field: value' line per setting",
    )


def _unreadable_file_problem(path: Path, error: Exception) -> Problem:
    if isinstance(error, OSError):
        reason = error.strerror or type(error).__name__
    else:
        reason = "it is not valid UTF-8"
    return Problem(
        field=path.name,
        source=str(path),
        found=f"a file that cannot be read: {reason}",
        expected="a readable UTF-8 text file",
        fix="check the file's permissions and encoding",
    )
