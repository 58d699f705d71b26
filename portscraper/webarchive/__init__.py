"""Web archives: WARC and WACZ out (`export`) and in (`ingest`), with warcio and py-wacz.

May import: `portscraper.archive`, `portscraper.extract`, `portscraper.sites`, warcio, wacz. Never
Scrapy or `portscraper.settings` (tests/test_layout.py).
"""
