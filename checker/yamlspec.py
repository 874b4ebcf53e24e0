"""Read YAML into typed structs (msgspec), with errors that name the file and line.

A rulebook is user-editable data, so every mistake in it (an unknown key, a wrong type, a
regex that does not compile) must come back as ``file:line: reason``. The loader keeps the
position of every mapping and value; ``build`` turns a mapping into a struct by reading
the struct's own type hints, so each new kind of rule declares its fields once.
"""

from __future__ import annotations

import functools
import re
import types
import typing
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Union, get_args, get_origin

from msgspec import Struct
from msgspec.structs import FieldInfo, fields

from checker.errors import RulebookError
from checker.model import Text

if TYPE_CHECKING:  # imported when a rulebook is read, not when it comes from the cache
    import yaml


class Node(dict[str, Any]):
    """A YAML mapping that remembers where it and each of its values came from."""

    file: str = "?"
    line: int = 0
    lines: dict[str, int]


class Seq(list[Any]):
    """A YAML sequence with its position."""

    file: str = "?"
    line: int = 0


class Scalar(str):
    """A YAML string with its position (patterns and messages are reported at their line)."""

    file: str = "?"
    line: int = 0


def where(value: object, default: tuple[str, int] = ("?", 0)) -> str:
    file, line = getattr(value, "file", default[0]), getattr(value, "line", default[1])
    return f"{file}:{line}"


def fail(value: object, reason: str) -> typing.NoReturn:
    raise RulebookError(f"{where(value)}: {reason}")


def load_yaml(path: Path) -> Node:
    """Parse a YAML file into Nodes; syntax errors become RulebookError with file:line."""
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise RulebookError(f"{path}: 无法读取规则文件 (cannot read rulebook): {err}") from err
    try:
        # libyaml's parser when PyYAML has it: the pure-Python one is ~10× slower, which
        # every fresh process would pay. Both report the same lines.
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark else 0
        problem = getattr(err, "problem", None) or str(err)
        raise RulebookError(f"{path}:{line}: YAML 语法错误 (syntax error): {problem}") from err
    if not isinstance(root, yaml.MappingNode):
        raise RulebookError(f"{path}:1: 规则文件应是一个映射 (a rulebook must be a mapping)")
    value = _convert(root, str(path), yaml.constructor.SafeConstructor())
    assert isinstance(value, Node)
    return value


def _convert(node: yaml.Node, file: str, scalars: yaml.constructor.SafeConstructor) -> Any:
    import yaml

    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        mapping = Node()
        mapping.file, mapping.line, mapping.lines = file, line, {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in mapping:
                raise RulebookError(f"{file}:{key_node.start_mark.line + 1}: 重复的键 {key!r}")
            mapping[key] = _convert(value_node, file, scalars)
            mapping.lines[key] = key_node.start_mark.line + 1
        return mapping
    if isinstance(node, yaml.SequenceNode):
        items = Seq(_convert(item, file, scalars) for item in node.value)
        items.file, items.line = file, line
        return items
    value = scalars.construct_object(node)
    if isinstance(value, str):
        scalar = Scalar(value)
        scalar.file, scalar.line = file, line
        return scalar
    return value


def key_at(mapping: Node, key: str) -> Scalar:
    """A position marker at the line of ``key`` in ``mapping`` (for errors about the key)."""
    holder = Scalar(key)
    holder.file, holder.line = mapping.file, mapping.lines.get(key, mapping.line)
    return holder


def _at(mapping: Node, key: str, value: object) -> object:
    """Give a plain value (number, bool) the position of its key, for error messages."""
    return value if isinstance(value, (Node, Seq, Scalar)) else key_at(mapping, key)


def build(cls: type[Any], mapping: object, what: str) -> Any:
    """A ``cls`` struct from a mapping, checking keys and the type of every value."""
    if not isinstance(mapping, Node):
        fail(mapping, f"{what} 应是一个映射 (expected a mapping)")
    hints, schema = _schema(cls)  # type: ignore[arg-type]  # mypy: type[Any] not Hashable
    unknown = [key for key in mapping if key.replace("-", "_") not in schema]
    if unknown:
        fail(
            _at(mapping, unknown[0], None),
            f"{what}: 未知的键 {unknown[0]!r} (unknown key; allowed: {', '.join(sorted(schema))})",
        )
    values: dict[str, Any] = {}
    for name, field in schema.items():
        key = name.replace("_", "-") if name.replace("_", "-") in mapping else name
        if key in mapping:
            values[name] = convert(
                hints[name], mapping[key], f"{what}.{key}", _at(mapping, key, mapping[key])
            )
        elif field.required:
            fail(mapping, f"{what}: 缺少必需的键 {key!r} (missing required key)")
    return cls(**values)


@functools.cache
def _schema(cls: type[Any]) -> tuple[dict[str, Any], dict[str, FieldInfo]]:
    """A struct's type hints and fields (evaluating the hints is slow: do it once)."""
    return typing.get_type_hints(cls), {field.name: field for field in fields(cls)}


def convert(hint: Any, value: Any, what: str, pos: object) -> Any:
    """Check ``value`` against a type hint and convert it (patterns compiled, texts built)."""
    origin, args = get_origin(hint), get_args(hint)
    if origin in (Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        (inner,) = [arg for arg in args if arg is not type(None)]
        return convert(inner, value, what, pos)
    if origin is Literal:
        if value not in args:
            fail(pos, f"{what} 应是 {' | '.join(map(str, args))} 之一 (got {value!r})")
        return str(value)
    if origin is list:
        items = (
            value if isinstance(value, list) else fail(pos, f"{what} 应是列表 (expected a list)")
        )
        return [
            convert(args[0], item, f"{what}[{i}]", _pos(item, pos)) for i, item in enumerate(items)
        ]
    if origin is dict:
        if not isinstance(value, Node):
            fail(pos, f"{what} 应是映射 (expected a mapping)")
        return {
            key: convert(args[1], item, f"{what}.{key}", _at(value, key, item))
            for key, item in value.items()
        }
    if hint is re.Pattern or origin is re.Pattern:
        return _pattern(value, what, pos)
    if hint is Text:
        return _text(value, what, pos)
    if isinstance(hint, type) and issubclass(hint, Struct):
        return build(hint, value, what)
    return _scalar(hint, value, what, pos)


def _pos(item: object, parent: object) -> object:
    return item if isinstance(item, (Node, Seq, Scalar)) else parent


def _scalar(hint: Any, value: Any, what: str, pos: object) -> Any:
    if hint is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if hint is str and isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if hint is Any or (isinstance(value, hint) and not (hint is int and isinstance(value, bool))):
        return str(value) if hint is str else value
    fail(pos, f"{what} 类型错误：应为 {hint.__name__}，实为 {type(value).__name__} (wrong type)")


def _pattern(value: Any, what: str, pos: object) -> re.Pattern[str]:
    if not isinstance(value, str):
        fail(pos, f"{what} 应是正则表达式字符串 (expected a regex string)")
    try:  # the plain text: a pattern of a Scalar would be compiled, and pickled, apart
        return re.compile(str(value))
    except re.error as err:
        fail(pos, f"{what}: 正则表达式无法编译 (regex does not compile): {err}")


def _text(value: Any, what: str, pos: object) -> Text:
    """A message: either one string for both languages or ``{zh: …, en: …}``."""
    if isinstance(value, str):
        return Text.both(str(value))
    if isinstance(value, Node) and set(value) <= {"zh", "en"} and "zh" in value:
        return Text(str(value["zh"]), str(value.get("en", value["zh"])))
    fail(pos, f"{what} 应是文字或 {{zh, en}} (expected text or a zh/en mapping)")
