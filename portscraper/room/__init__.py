"""The reading room: the Datasette plugin (entry point `portscraper.room.plugin`) and its pages,
search, feeds, facets, snapshots and article views; its templates and CSS in `pages/`.

May import: Datasette, `portscraper.archive`, `portscraper.extract` (URLs), `portscraper.sites`
(group names). It never crawls: no Scrapy, no `portscraper.crawl` (tests/test_layout.py).
"""
