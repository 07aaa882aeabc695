"""Print, per report-scope rule, the mutants its case file does not notice (the mutation check of
tests/test_properties.py), to see which cases a rule still lacks.

    python -m tests.mutation_survivors              # every rule with a survivor
    python -m tests.mutation_survivors TJ-16-DETAILS HLJ-80-PUBLICITY-WEEK

A survivor listed in EQUIVALENT_MUTANTS is shown with its reason; the exit code is 1 when any
survivor is not listed (the state in which the mutation test fails), else 0.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # test_properties imports its siblings

from test_properties import EQUIVALENT_MUTANTS, REPORT_RULES, mutation_report  # noqa: E402


def survivors(rule_ids: list[str]) -> tuple[list[str], int, int]:
    """Lines to print, the number of mutants, and how many survivors are not listed as equivalent."""
    lines, total, unlisted = [], 0, 0
    for rule_id in rule_ids:
        report = mutation_report(rule_id)
        total += len(report["mutants"])
        if not report["survived"]:
            continue
        listed = EQUIVALENT_MUTANTS.get(rule_id, {})
        lines.append(rule_id)
        for label in report["survived"]:
            reason = listed.get(label)
            unlisted += reason is None
            lines.append(f"    {label}" + (f"  (equivalent: {reason})" if reason else ""))
    return lines, total, unlisted


def main(argv: list[str]) -> int:
    unknown = sorted(set(argv) - set(REPORT_RULES))
    if unknown:
        print(f"not a report-scope rule: {', '.join(unknown)}", file=sys.stderr)
        return 2
    lines, total, unlisted = survivors(argv or REPORT_RULES)
    print("\n".join(lines + [f"{total} mutants, {unlisted} surviving and not listed as equivalent"]))
    return 1 if unlisted else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
