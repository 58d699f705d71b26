"""`scrapy crawl`, with portscraper's checks first and its verdict last.

- bad input (a spider argument, a setting, an archive that cannot be used) is one line on
  stderr and exit code 2, not a traceback, and nothing is written;
- after the run, its summary line on stderr (the verdict is its first word; stdout stays free
  for `-O -`) and the verdict's exit code (portscraper.runs.verdict), as `portscraper crawl` gives;
- another crawl holding the archive's lock (extensions.ArchiveLock): one line, exit code 4.
"""

from __future__ import annotations

import sys

from scrapy.commands.crawl import Command as ScrapyCrawl

from portscraper.runs.extensions import locked_out
from portscraper.runs.preflight import Problem, check
from portscraper.runs.verdict import EXIT_LOCKED, EXIT_USAGE, exit_code, summary_line


class Command(ScrapyCrawl):
    def run(self, args, opts) -> None:
        if len(args) != 1:
            super().run(args, opts)  # Scrapy's usage errors
            return
        try:
            check(self.crawler_process.spider_loader, args[0], self.settings, opts.spargs)
        except Problem as problem:
            print(f"{problem.word}: {problem}", file=sys.stderr)
            self.exitcode = EXIT_USAGE
            return
        crawler = self._create_crawler(args[0])
        locked_out(self.crawler_process.crawl(crawler, **opts.spargs), crawler)
        self.crawler_process.start()
        if getattr(crawler, "locked", None):  # another crawl holds the archive (ArchiveLock)
            print(f"portscraper: {crawler.locked}", file=sys.stderr)
            self.exitcode = EXIT_LOCKED
            return
        if self.crawler_process.bootstrap_failed:
            self.exitcode = 1
            return
        stats = crawler.stats.get_stats()
        # Named after the group (scrapy crawl portnews -a site=zhanjiang: zhanjiang).
        name = getattr(crawler.spider, "site_name", None) or args[0]
        print(summary_line(name, stats), file=sys.stderr)
        self.exitcode = exit_code(stats)
