"""Load YAML while remembering the line of every key, so load errors can name file:line."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


class RuleLoadError(Exception):
    """A rule, plan or data file that cannot be used. str() is the one-line message."""


@dataclass(frozen=True)
class YamlDocument:
    path: Path
    data: Any
    lines: dict[tuple, int]  # path of keys/indexes -> 1-based line

    def line_of(self, loc: tuple) -> int:
        """Line of the deepest known prefix of `loc` (pydantic error locations included)."""
        for cut in range(len(loc), -1, -1):
            if loc[:cut] in self.lines:
                return self.lines[loc[:cut]]
        return 1


class _UniqueKeyLoader(yaml.SafeLoader):
    """SafeLoader (no object construction) that rejects duplicate keys."""


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False):
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r} (first on line {seen[key]})", key_node.start_mark
            )
        seen[key] = key_node.start_mark.line + 1
    return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _index_lines(node: yaml.Node, here: tuple, lines: dict[tuple, int]) -> None:
    lines.setdefault(here, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = here + (key_node.value,)
            lines[key] = key_node.start_mark.line + 1
            _index_lines(value_node, key, lines)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            lines[here + (i,)] = item.start_mark.line + 1
            _index_lines(item, here + (i,), lines)


def load_yaml(path: Path) -> YamlDocument:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleLoadError(f"{path}:1: cannot read: {exc}") from None
    try:
        node = yaml.compose(text, Loader=_UniqueKeyLoader)
        data = yaml.load(text, Loader=_UniqueKeyLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise RuleLoadError(f"{path}:{line}: invalid YAML: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise RuleLoadError(f"{path}:1: invalid YAML: {exc}") from None
    lines: dict[tuple, int] = {}
    if node is not None:
        _index_lines(node, (), lines)
    return YamlDocument(path, data, lines)
