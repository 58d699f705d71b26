"""The crawl: Scrapy's side of the project.

Holds the spiders (thin: they decide which requests to make, extraction does the reading), the
downloader and spider middlewares (snapshots, redirects, incremental runs, retries with back-off,
errors as failures), the item pipelines (validate, normalize, dedupe, store: one job each), the
request fingerprint and the items.

May import: Scrapy, `portscraper.extract`, `portscraper.archive`, `portscraper.sites`,
`portscraper.runs` (the crawl's extensions and checks). Nothing imports it but `settings.py`, the
command line and `runs` (which names its spiders and reads its items).
"""
