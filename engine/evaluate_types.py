"""What an evaluator returns: one rule firing over one combination of facts."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Match:
    rule_id: str
    bindings: dict[str, dict[str, Any]]  # binding name -> fact (markers excluded)

    def signature(self) -> tuple[str, tuple[tuple[str, str], ...]]:
        """Order-free identity of the match, for comparing evaluators."""
        return self.rule_id, tuple(sorted((name, fact["key"]) for name, fact in self.bindings.items()))


class EvaluationError(Exception):
    """The rule engine did not complete an evaluation (a bug, never a report problem)."""
