"""Run plancheck from a source checkout: `python cli.py check FILE`.

Installed, the `plancheck` command runs the same group (plancheck.engine.cli); this file is not
installed, so no generic top-level `cli` module lands in site-packages.
"""
from engine.cli import main

if __name__ == "__main__":
    main()
