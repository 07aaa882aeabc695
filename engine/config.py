"""The configuration file: `[tool.plancheck]` in pyproject.toml, or `.plancheck.toml` /
`.plancheck.yaml`, found upward from the working directory (the nearest directory that has one
wins; inside one directory .plancheck.toml, then .plancheck.yaml/.yml, then pyproject.toml with
a `[tool.plancheck]` table, as ruff looks for its own files).

Keys are spelled as the `check` flags are (`fail-level`, not `fail_level`). Relative paths are
resolved against the directory of the file that names them, so a configuration means the same
wherever the command is started. A value that is invalid is a ConfigError naming the file and
the key, in one line.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional

from .close_matches import did_you_mean

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - the conditional dependency in setup.cfg
    import tomli as tomllib

FILE_NAMES = (".plancheck.toml", ".plancheck.yaml", ".plancheck.yml", "pyproject.toml")
SEVERITIES = ("error", "warning", "info")
COLORS = ("auto", "always", "never")
LANGS = ("zh", "en")


class ConfigError(ValueError):
    """A configuration file that cannot be used; str() is `FILE: key "K": what is wrong`."""


def _choice(*choices: str) -> Callable[[Any, Path], Any]:
    def check(value: Any, base: Path) -> Any:
        if not isinstance(value, str) or value not in choices:
            raise ValueError(f"{value!r} is not one of {', '.join(choices)}")
        return value
    return check


def _path(value: Any, base: Path) -> Path:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{value!r} is not a path")
    path = Path(value).expanduser()
    return path if path.is_absolute() else (base / path).resolve()


def _selectors(value: Any, base: Path) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        raise ValueError(f"{value!r} is not a selector or a list of selectors")
    return tuple(items)


def _flag(value: Any, base: Path) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{value!r} is not true or false")
    return value


def _paths(value: Any, base: Path) -> tuple[Path, ...]:
    """`rules`: one directory or a list of them (each a pack, a folder of packs, or a whole rules
    tree), as `--rules` may be given more than once."""
    items = value if isinstance(value, list) else [value]
    return tuple(_path(item, base) for item in items)


def _outputs(formats: tuple[str, ...]) -> Callable[[Any, Path], dict[str, Path]]:
    def check(value: Any, base: Path) -> dict[str, Path]:
        if not isinstance(value, dict):
            raise ValueError(f"must be a table of format = file (formats: {', '.join(formats)})")
        found = {}
        for name, target in value.items():
            if name not in formats:
                raise ValueError(f"unknown format {name!r}{did_you_mean(str(name), formats)[1]}")
            found[name] = _path(target, base)
        return found
    return check


def settings(formats: tuple[str, ...]) -> dict[str, Callable[[Any, Path], Any]]:
    """Every key a configuration file may hold, with the check (and path resolution) of its value."""
    return {
        "lang": _choice(*LANGS),
        "fail-level": _choice(*SEVERITIES),
        "format": _choice(*formats),
        "color": _choice(*COLORS),
        "exit-zero": _flag,
        "select": _selectors,
        "ignore": _selectors,
        "waivers": _path,
        "rules": _paths,
        "output": _outputs(formats),
    }


@dataclass(frozen=True)
class ConfigFile:
    path: Path
    values: dict[str, Any]  # validated, paths absolute


def find_config(start: Path) -> Optional[Path]:
    """The configuration file nearest to `start`, looking upward; None when there is none."""
    start = start.resolve()
    for directory in (start, *start.parents):
        for name in FILE_NAMES:
            candidate = directory / name
            if not candidate.is_file():
                continue
            if name != "pyproject.toml" or _has_tool_table(candidate):
                return candidate
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        return "plancheck" in tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        # a broken pyproject.toml of someone else's tool is not ours to report; a broken one
        # that is ours cannot be recognised as ours either, so it is read (and reported) only
        # when named with --config
        return False


def _raw(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    if path.suffix in (".yaml", ".yml"):
        import yaml

        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f":{mark.line + 1}:{mark.column + 1}" if mark is not None else ""
            raise ConfigError(f"{path}{where}: invalid YAML: {getattr(exc, 'problem', None) or exc}") from None
        data = {} if data is None else data
    else:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: invalid TOML: {exc}") from None
        if path.name == "pyproject.toml":
            data = data.get("tool", {}).get("plancheck", {})
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the configuration must be a table of settings, not {type(data).__name__}")
    return data


def load_config(path: Path, formats: tuple[str, ...]) -> ConfigFile:
    known = settings(formats)
    values = {}
    for key, value in _raw(path).items():
        if key not in known:
            raise ConfigError(f'{path}: key "{key}": unknown setting{did_you_mean(str(key), list(known))[1]}'
                              f" (settings: {', '.join(known)})")
        try:
            values[key] = known[key](value, path.parent)
        except ValueError as exc:
            raise ConfigError(f'{path}: key "{key}": {exc}') from None
    return ConfigFile(path.resolve(), values)
