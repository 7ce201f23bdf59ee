"""A strict YAML reader for sheet sources.

PyYAML follows YAML 1.1, where ``NO`` becomes ``False``, ``0123`` becomes 83 and a
duplicate key silently keeps the last value. Editors' files must not change meaning
that way, so this module composes the YAML into nodes (PyYAML does the parsing) and
builds the Python values itself, with a small, explicit set of types:

* quoted scalars and block scalars are always strings;
* a plain scalar is ``null``/``~``/empty -> None, ``true``/``false`` -> bool,
  a decimal integer without leading zeros -> int, a decimal number -> float,
  anything else -> str;
* YAML 1.1 traps (yes/no/on/off/y/n in any case, numbers with leading zeros, octal,
  hexadecimal, sexagesimal, ``.nan``/``.inf``) are errors that ask to quote the value;
* duplicate keys, aliases, explicit tags and non-string keys are errors.

It also records the position (line, column, 1-based) of every value, keyed by its
path, so that schema errors can name the line of the field at fault.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

try:  # the C parser is much faster and gives the same nodes
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

FieldPath = tuple[str | int, ...]

_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?(0|[1-9][0-9]*)\.[0-9]+([eE][-+]?[0-9]+)?$")
_TRAPS = [
    (re.compile(r"^(y|n|yes|no|on|off)$", re.I), "is a yes/no word that YAML 1.1 reads as true/false"),
    (re.compile(r"^(true|false)$", re.I), "is a boolean in an unusual case"),
    (re.compile(r"^[-+]?0[0-9_]+$"), "is a number with a leading zero (YAML 1.1 reads it as octal)"),
    (re.compile(r"^[-+]?0[xob][0-9a-f_]+$", re.I), "is a hexadecimal, octal or binary number"),
    (re.compile(r"^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$"), "is a sexagesimal number in YAML 1.1"),
    (re.compile(r"^[-+]?\.(nan|inf)$", re.I), "is not-a-number or infinity"),
    (re.compile(r"^[-+]?[0-9][0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)?$"), "is a number in an unusual form"),
]
_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:merge",
}


class YamlError(ValueError):
    """A YAML problem at a known place: ``line`` and ``column`` are 1-based."""

    def __init__(self, message: str, line: int, column: int, path: FieldPath = ()) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.path = path


@dataclass
class Document:
    """The values of a YAML document and where each one stands in the file."""

    data: Any
    positions: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)

    def position(self, path: FieldPath) -> tuple[int, int]:
        """The position of ``path``, or of its closest ancestor that has one."""
        for end in range(len(path), -1, -1):
            found = self.positions.get(tuple(path[:end]))
            if found:
                return found
        return (1, 1)


def _where(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _explicit_tag(node: yaml.Node) -> bool:
    """True when the author wrote a tag such as ``!!python/object`` or ``!foo``."""
    return not node.tag.startswith("tag:yaml.org,2002:") or node.tag not in _STANDARD_TAGS


def _plain(value: str) -> tuple[Any, str | None]:
    """The value of a plain (unquoted) scalar, or the reason it is refused."""
    if value in ("", "~", "null"):
        return None, None
    if value in ("true", "false"):
        return value == "true", None
    if _INT.match(value):
        return int(value), None
    if _FLOAT.match(value):
        return float(value), None
    for pattern, why in _TRAPS:
        if pattern.match(value):
            return None, why
    return value, None


def _scalar(node: yaml.ScalarNode, path: FieldPath) -> Any:
    if node.style:
        return node.value  # quoted, literal or folded: always text
    value, trap = _plain(node.value)
    if trap:
        line, col = _where(node)
        raise YamlError(
            f"the value {node.value!r} {trap}; put it in quotes if it is text, or write a plain number",
            line,
            col,
            path,
        )
    return value


class _Builder:
    def __init__(self) -> None:
        self.positions: dict[FieldPath, tuple[int, int]] = {}
        self.seen: set[int] = set()

    def build(self, node: yaml.Node, path: FieldPath) -> Any:
        line, col = _where(node)
        if id(node) in self.seen:
            raise YamlError("anchors and aliases (&name, *name) are not allowed in a sheet", line, col, path)
        self.seen.add(id(node))
        if _explicit_tag(node):
            raise YamlError(f"the tag {node.tag!r} is not allowed in a sheet", line, col, path)
        self.positions[path] = (line, col)
        if isinstance(node, yaml.ScalarNode):
            return _scalar(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        raise YamlError(f"unexpected YAML node {type(node).__name__}", line, col, path)  # pragma: no cover

    def _mapping(self, node: yaml.MappingNode, path: FieldPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line, col = _where(key_node)
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlError("merge keys (<<) are not allowed in a sheet", line, col, path)
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlError("a key must be a plain name", line, col, path)
            key = key_node.value
            if key in result:
                first = self.positions[path + (key,)][0]
                raise YamlError(f"duplicate key {key!r} (first given on line {first})", line, col, path + (key,))
            self.positions[path + (key,)] = (line, col)
            result[key] = self.build(value_node, path + (key,))
            self.positions[path + (key,)] = (line, col)
        return result


def loads(text: str) -> Document:
    """Parse one YAML document strictly. Raises :class:`YamlError`."""
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        nodes = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        raise YamlError(f"invalid YAML: {problem}", line, col) from None
    except yaml.YAMLError as exc:
        raise YamlError(f"invalid YAML: {exc}", 1, 1) from None
    if not nodes:
        raise YamlError("the file is empty", 1, 1)
    if len(nodes) > 1:
        line, col = _where(nodes[1])
        raise YamlError("a sheet file holds exactly one YAML document (found a second '---')", line, col)
    builder = _Builder()
    data = builder.build(nodes[0], ())
    return Document(data, builder.positions)


class _Dumper(yaml.SafeDumper):
    """Block style, unicode kept, long text folded at a readable width."""


def _reads_back_as_text(value: str) -> bool:
    read, trap = _plain(value)
    return trap is None and read == value


def _str_presenter(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    style = None if _reads_back_as_text(value) else '"'
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_presenter)


def dumps(data: Any, header: str = "") -> str:
    """Dump ``data`` (plain dicts, lists, str, int, float, bool, None) as YAML."""
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=96, indent=2)
    return header + body
