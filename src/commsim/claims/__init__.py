"""The claims audit (``commsim claims``), one feature in one folder.

The practitioners' claims F1-F8 as objects (``claims_catalogue``); what the audit runs
(``claims_plan``) on one pool (``claims_pool``); the run and its tables (``claims_audit``,
``claims_tables``); verdicts and headline sentences (``claims_verdicts``,
``claims_findings``); an audit folder read back (``claims_folder``) and drawn as charts,
pages, deck and report (``claims_charts``, ``claims_pages``, ``claims_deck``,
``claims_report``). Its layers are a contract in pyproject.toml; the verb is
``cli/claims.py`` (docs/architecture.md).
"""
