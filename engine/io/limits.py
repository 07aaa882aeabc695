"""How large and how deep a report may be: one place for the limits both readers enforce.

The limits keep the whole check (parsing, validation, fact extraction and rule evaluation) within
about a second per 10,000 values and well under 1 GiB of memory. A real department's report is
far below them: a province-level report with hundreds of cases has some 30,000 values.
"""
from __future__ import annotations

# A report nests about six levels deep; anything far deeper is not a report.
MAX_DEPTH = 64
# No report object has more than a few dozen members.
MAX_MEMBERS = 1000
# JSON: characters that open a value or key ([ { , :); XML: '<' characters (tags). Counted before
# parsing, in C, so an oversized document is refused before any memory is spent on it.
MAX_VALUES = 400_000
