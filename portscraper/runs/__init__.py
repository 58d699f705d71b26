"""A run: what happens around a crawl so that a person or cron can trust it.

Holds the checks before a run (settings, the archive intact, the registry), the lock (one crawl
per archive), the crawl's row and its verdict (ok, degraded, failed, unreachable, interrupted),
the health report, the summary line and exit codes, the progress line, a scheduled run of one
group and the runs for all groups (`portscraper crawl --all`).

May import: Scrapy (its extensions and signals), `portscraper.crawl`, `portscraper.archive`,
`portscraper.sites`.
"""
