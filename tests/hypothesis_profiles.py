"""Hypothesis profiles: "ci" (the default: 500 per standard property, about 2,700 examples over the suite) and
"thorough" (long runs: `pytest --hypothesis-profile=thorough`, or HYPOTHESIS_PROFILE=thorough).

Property tests size themselves from the loaded profile with `examples(share)` instead of fixing
`max_examples`, so the profile decides how long the whole suite runs.
"""
from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_COMMON = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
               print_blob=True)
# max_examples is the number a test with share 1.0 runs; lighter or heavier tests scale it.
settings.register_profile("ci", max_examples=500, derandomize=False, **_COMMON)
settings.register_profile("thorough", max_examples=5000, **_COMMON)


def register_profiles() -> None:
    """Load the profile named by HYPOTHESIS_PROFILE (default "ci"), unless one was chosen on the
    pytest command line (`--hypothesis-profile`), which hypothesis loads itself and must win."""
    if settings.get_current_profile_name() == "default":
        settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def examples(share: float) -> int:
    """max_examples for a test doing `share` of a standard test's work per profile."""
    return max(10, round(settings().max_examples * share))
