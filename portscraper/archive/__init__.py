"""The archive: one SQLite file per port group, and everything that reads or writes it.

Holds the schema and its upgrades (`schema`), writes and reads (`store.Archive`), snapshot
compression, the Chinese full-text index (`search`), fixity checks, take-downs, completeness,
page requisites, re-extraction (`reparse`), the diff of an article's versions and the rule that
says what is storable (`validation`).

May import: `portscraper.extract` (to read stored pages again), sqlite-utils, the standard
library. Never Scrapy, `portscraper.settings` or the other sides: the archive does not know who
reads it (tests/test_layout.py).
"""
