"""`python -m plancheck.engine` (installed) or `python -m engine` (checkout): the plancheck command."""
from .cli import main

main(prog_name="plancheck")
