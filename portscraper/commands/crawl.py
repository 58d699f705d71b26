"""`scrapy crawl`, with portscraper's checks first: a bad spider argument or an archive that
cannot be used is one line on stderr and exit code 2, not a traceback."""

from __future__ import annotations

import sys

from scrapy.commands.crawl import Command as ScrapyCrawl

from portscraper.preflight import Problem, check


class Command(ScrapyCrawl):
    def run(self, args, opts) -> None:
        if len(args) == 1:
            try:
                check(self.crawler_process.spider_loader, args[0], self.settings, opts.spargs)
            except Problem as problem:
                print(f"portscraper: {problem}", file=sys.stderr)
                self.exitcode = 2
                return
        super().run(args, opts)
