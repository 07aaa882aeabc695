"""plancheck command line: the root group; each command lives in engine/commands/."""
from __future__ import annotations

import click

from engine.commands.batch import batch
from engine.commands.check import check
from engine.commands.explain import explain
from engine.commands.rules import rules_group
from engine.commands.runs import runs_group
from engine.commands.template import template
from engine.exit_codes import HELP as EXIT_HELP


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, epilog=EXIT_HELP)
@click.version_option(package_name="plancheck")
def main() -> None:
    """Check departments' IP-protection plan reports against the plans' rules."""


main.add_command(check)
main.add_command(rules_group)
main.add_command(template)
main.add_command(explain)
main.add_command(batch)
main.add_command(runs_group)

if __name__ == "__main__":
    main()
