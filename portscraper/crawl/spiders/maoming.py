"""`scrapy crawl maoming`: the Maoming Port Group (茂名港集团), as before there were groups.

The same spider as `scrapy crawl portnews -a site=maoming`, under the name existing crontabs
and archives use: its archive stays archive/portnews.db (the registry's `archive` for maoming),
its summary line and log are maoming's.
"""

from __future__ import annotations

from portscraper.crawl.spiders.portnews import PortNewsSpider


class MaomingSpider(PortNewsSpider):
    name = "maoming"
    default_site = "maoming"
