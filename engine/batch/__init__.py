"""Nightly batch validation: discover report files, check them in isolated worker processes,
record every result in SQLite (resumable, exactly once per report and run), reconcile reports
with each other (run-scope rules), summarise, and compare runs.

Modules: discover (inputs, and those matching nothing), version (rules version), store (SQLite),
worker and pool (worker processes with time limits and crash isolation), reconcile (run-scope
rules), run (a whole batch run), progress (log lines), summary, diff and diff_view (comparing
runs), export (JSON Lines, CSV).
"""
