"""`plancheck serve`: the self-check web pages and the /api/v1 check API, on the same engine as
the CLI (engine.check_run), checks evaluated in a process pool (engine.web.pool)."""
