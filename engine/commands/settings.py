"""The settings a command runs with: command line over configuration file over defaults, each
value remembering where it came from (for `check --show-config` and -v)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

import click
from click.core import ParameterSource

from ..config import ConfigError, ConfigFile, find_config, load_config

COMMAND_LINE = "command line"
DEFAULT = "default"

# configuration key -> the `check` parameter it stands for
PARAMETERS = {
    "lang": "lang",
    "fail-level": "fail_level",
    "format": "output_format",
    "color": "color",
    "exit-zero": "exit_zero",
    "select": "select",
    "ignore": "ignore",
    "waivers": "waivers_file",
    "rules": "rules_dir",
}


@dataclass(frozen=True)
class Setting:
    value: Any
    origin: str  # DEFAULT, COMMAND_LINE or the configuration file's path


@dataclass(frozen=True)
class Settings:
    config: Optional[ConfigFile]
    values: dict[str, Setting]  # by configuration key; outputs as "output.<format>"

    def __getitem__(self, key: str) -> Any:
        return self.values[key].value

    def outputs(self) -> dict[str, Path]:
        return {key.removeprefix("output."): s.value for key, s in self.values.items()
                if key.startswith("output.") and s.value is not None}


def _given(ctx: click.Context, parameter: str) -> bool:
    return ctx.get_parameter_source(parameter) in (ParameterSource.COMMANDLINE, ParameterSource.ENVIRONMENT)


def read_config(explicit: Optional[Path], formats: tuple[str, ...]) -> Optional[ConfigFile]:
    """`--config FILE`, else the file found upward from the working directory; ConfigError as
    one line."""
    path = explicit if explicit is not None else find_config(Path.cwd())
    return None if path is None else load_config(path, formats)


def resolve(ctx: click.Context, config: Optional[ConfigFile], formats: tuple[str, ...]) -> Settings:
    params, found = ctx.params, (config.values if config else {})
    origin = str(config.path) if config else DEFAULT
    values: dict[str, Setting] = {}
    for key, parameter in PARAMETERS.items():
        if _given(ctx, parameter):
            values[key] = Setting(params[parameter], COMMAND_LINE)
        elif key == "color" and params.get("no_color"):
            values[key] = Setting("never", COMMAND_LINE)
        elif key in found:
            values[key] = Setting(found[key], origin)
        else:
            values[key] = Setting(params[parameter], DEFAULT)
    configured = found.get("output", {})
    for name in formats:
        parameter = f"output_{name}"
        if params.get(parameter) is not None:
            values[f"output.{name}"] = Setting(params[parameter], COMMAND_LINE)
        elif name in configured:
            values[f"output.{name}"] = Setting(configured[name], origin)
    return Settings(config, values)


def configured(ctx: click.Context, parameters: dict[str, str], formats: tuple[str, ...]) -> dict[str, Any]:
    """For commands other than `check` (`explain`, `plans`): the values of `parameters`
    (configuration key -> parameter) from the configuration file where the command line left
    them at their defaults. An invalid configuration file is exit 2, as for `check`."""
    from .common import fail

    try:
        config = read_config(None, formats)
    except ConfigError as exc:
        raise fail(str(exc)) from None
    values = dict(ctx.params)
    if config is not None:
        for key, parameter in parameters.items():
            if not _given(ctx, parameter) and key in config.values:
                values[parameter] = config.values[key]
    return values


def _shown(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, Path):
        value = str(value)
    if isinstance(value, tuple):
        value = [str(item) if isinstance(item, Path) else item for item in value]
    return json.dumps(value, ensure_ascii=False)


def show_config_lines(settings: Settings, cwd: Path) -> list[str]:
    """TOML-like lines, each value followed by where it came from."""
    head = (f"# configuration file: {settings.config.path}" if settings.config
            else f"# configuration file: none (looked upward from {cwd} for "
                 ".plancheck.toml, .plancheck.yaml, pyproject.toml [tool.plancheck])")
    rows = [(f"{key} = {_shown(s.value)}", s.origin) for key, s in settings.values.items()]
    width = max(len(r[0]) for r in rows)
    return [head] + [f"{text:<{width}}  # {origin}" for text, origin in rows]


__all__ = ["ConfigError", "Settings", "Setting", "configured", "read_config", "resolve", "show_config_lines"]
