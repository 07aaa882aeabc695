"""How large and how deep a report may be: one place for the limits both readers enforce.

The limits keep the whole check (parsing, validation, facts, rule evaluation, output) within
seconds and well under 1 GiB of memory: a report just under MAX_VALUES (about 3,600 cases, 3,100
referrals and 500 credit-list entries, 5.7 MB of JSON) checked in 4 s with 470 MB peak RSS when
the limits were set. A real department's report is far below them (the samples: 100-600 values).
"""
from __future__ import annotations

# A report nests about six levels deep; anything far deeper is not a report.
MAX_DEPTH = 64
# No report object has more than a few dozen members.
MAX_MEMBERS = 1000
# Counted before parsing, in C, so an oversized document is refused before memory is spent on it.
# JSON: the characters that open a value or key ([ { , :).
MAX_VALUES = 400_000
# XML: '<' characters. The XML form of a report has up to ~1.1 of them per JSON value or key, so
# this admits the XML twin of every report MAX_VALUES admits.
MAX_TAGS = 500_000

# Excel workbooks (engine.io.xlsx_guard), judged from the zip's directory and the sheets' XML
# before openpyxl reads them. A report's workbook has a dozen sheets and about 40 parts; its
# cells are its values, so MAX_VALUES bounds them as it bounds a JSON report's values.
MAX_XLSX_MEMBERS = 500
# All parts unpacked: the sheets of a report at MAX_VALUES cells are about 30 MB of XML.
MAX_XLSX_UNPACKED = 200 * 1024 * 1024
# Sheet XML of repeated rows packs about 20:1; a zip bomb packs 1000:1 and more.
MAX_XLSX_RATIO = 200
MAX_XLSX_CELLS = MAX_VALUES
# Rows of one sheet, blank ones included (a sheet's dimension may claim a million).
MAX_XLSX_ROWS = 100_000
