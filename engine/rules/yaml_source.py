"""Load YAML while remembering the line of every key, so load errors can name file:line.

PyYAML is imported on the first load, not with this module: a cold `plancheck check` whose
catalog and name table come from the disk cache parses no YAML, and importing PyYAML (its reader
compiles a large Unicode regex) is ~10 ms of that start.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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


@lru_cache(maxsize=1)
def _unique_key_loader() -> type:
    """The loader class, built on the first load (see the module comment on why not at import)."""
    import yaml

    # libyaml's parser when PyYAML was built with it: loading the packs is most of a cold start.
    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class _UniqueKeyLoader(base):  # type: ignore[misc, valid-type]
        """Safe loader (no object construction) that rejects duplicate keys."""

    _UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    return _UniqueKeyLoader


def _construct_mapping(loader: yaml.constructor.SafeConstructor, node: yaml.MappingNode, deep: bool = False):
    import yaml

    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r} (first on line {seen[key]})", key_node.start_mark
            )
        seen[key] = key_node.start_mark.line + 1
    return yaml.constructor.SafeConstructor.construct_mapping(loader, node, deep=deep)


MAX_DEPTH = 64


def _index_lines(root: yaml.Node, path: Path, allow_aliases: bool) -> dict[tuple, int]:
    """Line of every key path. Iterative, and never enters an aliased node twice (following
    aliases makes indexing exponential: the "billion laughs" of YAML). Rule and plan files
    have no use for aliases and refuse them; test-case files may share data through them."""
    import yaml

    lines: dict[tuple, int] = {}
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, tuple]] = [(root, ())]
    while stack:
        node, here = stack.pop()
        line = node.start_mark.line + 1
        if id(node) in seen:
            if allow_aliases:
                continue
            raise RuleLoadError(f"{path}:{line}: YAML aliases (*name) are not allowed in rule files")
        seen.add(id(node))
        if len(here) > MAX_DEPTH:
            raise RuleLoadError(f"{path}:{line}: nested more than {MAX_DEPTH} levels deep")
        lines.setdefault(here, line)
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                key = here + (key_node.value,)
                lines[key] = key_node.start_mark.line + 1
                stack.append((value_node, key))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                lines[here + (i,)] = item.start_mark.line + 1
                stack.append((item, here + (i,)))
    return lines


def _unconstructible(loader: yaml.SafeLoader, root: yaml.Node) -> tuple[int, str]:
    """The line and problem of the first scalar that cannot be made into its value."""
    import yaml

    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            loader.constructed_objects, loader.recursive_objects = {}, {}  # left over by the failed pass
            try:
                loader.construct_object(node, deep=True)
            except ValueError as exc:
                return node.start_mark.line + 1, f"{node.value!r} is not a valid value ({exc}); quote it if it is text"
        elif isinstance(node, yaml.MappingNode):
            stack.extend(child for pair in reversed(node.value) for child in reversed(pair))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
    return 1, "a value cannot be read"


def load_yaml(path: Path, allow_aliases: bool = False) -> YamlDocument:
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleLoadError(f"{path}:1: cannot read: {exc}") from None
    try:
        loader = _unique_key_loader()(text)
        try:  # parse once: the node tree gives the lines (and refuses aliases), then the data
            node = loader.get_single_node()
            lines = _index_lines(node, path, allow_aliases) if node is not None else {}
            try:
                data = loader.construct_document(node) if node is not None else None
            except ValueError:  # an impossible unquoted date (2024-02-30): PyYAML says not where
                line, problem = _unconstructible(loader, node)
                raise RuleLoadError(f"{path}:{line}: invalid YAML: {problem}") from None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise RuleLoadError(f"{path}:{line}: invalid YAML: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise RuleLoadError(f"{path}:1: invalid YAML: {exc}") from None
    except RecursionError:
        raise RuleLoadError(f"{path}:1: invalid YAML: nested too deeply") from None
    return YamlDocument(path, data, lines)
