"""plancheck command line: the root group; each command lives in engine/commands/.

Installed, this is `plancheck.engine.cli` (the `plancheck` command); in a checkout, the top-level
cli.py runs it as `engine.cli`. Every import in the package is relative, so the same code works
under both names.

Commands are imported when they are run, not when the group is built: `plancheck check` on one
file should not pay for loading the batch pool, SQLite history or the HTML formatter.
"""
from __future__ import annotations

import gc
import importlib
import os
from typing import Any, Optional

# pydantic looks for plugins by scanning every installed distribution's entry points when it
# builds its first model: a tenth of a cold start's import time, for plugins plancheck never uses
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

import click

from .exit_codes import HELP as EXIT_HELP

# command name -> "module:attribute" (relative to this package), in the order `--help` lists them
COMMANDS = {
    "check": ".commands.check:check",
    "rules": ".commands.rules:rules_group",
    "template": ".commands.template:template",
    "explain": ".commands.explain:explain",
    "plans": ".commands.plans:plans",
    "batch": ".commands.batch:batch",
    "runs": ".commands.runs:runs_group",
    "pack": ".commands.pack:pack_group",
    "serve": ".commands.serve:serve",
}


class LazyGroup(click.Group):
    """A click group whose subcommands are imported on first use (click's documented pattern)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> Optional[click.Command]:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, _, attribute = target.partition(":")
        # Importing a command builds thousands of long-lived objects (modules, pydantic models):
        # the cyclic GC is kept out of the import, and what it built is frozen out of every later
        # collection and out of the final one at exit (a tenth of a cold `check`).
        gc.disable()
        try:
            command: Any = getattr(importlib.import_module(module, __package__), attribute)
        finally:
            gc.freeze()
            gc.enable()
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]}, epilog=EXIT_HELP)
@click.version_option(package_name="plancheck")
def main() -> None:
    """Check departments' IP-protection plan reports against the plans' rules."""

