"""Turning a plan document into a draft rule pack (`plancheck pack init`): read the text, find
its numbered clauses, the units they name and what each asks, and write plan.yaml."""
