"""Sphinx configuration of portscraper's documentation (docs/, Markdown pages read by myst-parser).

Build: .venv/bin/sphinx-build -b html docs docs/_build/html   (.ci/run adds -W: warnings fail)
"""

from pygments.lexers.special import TextLexer

project = "portscraper"
author = "portscraper"
copyright = "portscraper contributors"  # noqa: A001 (Sphinx's name for it)
language = "en"

extensions = ["myst_parser"]
source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build"]

html_theme = "alabaster"
html_static_path = ["_static"]
html_title = "portscraper"


def setup(app):
    # The crontab lines are fenced as ```cron (tests/runs/test_cron_line.py finds them so);
    # Pygments has no crontab lexer: show them as plain text rather than warn.
    app.add_lexer("cron", TextLexer)
