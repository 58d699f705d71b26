"""Scrapy settings for portscraper: only what differs from Scrapy's defaults.

Polite by default: these spiders run against small state-owned sites on old servers, for years.
Tests and benchmarks against the local replica override the delays with -s.
"""

BOT_NAME = "portscraper"
SPIDER_MODULES = ["portscraper.crawl.spiders"]
NEWSPIDER_MODULE = "portscraper.crawl.spiders"
# `scrapy crawl` with checks of the arguments and the archive before it starts.
COMMANDS_MODULE = "portscraper.crawl.commands"

# An honest User-Agent: who we are and where to read about us.
USER_AGENT = "portscraper/0.1 (+https://github.com/portscraper/portscraper; press-release archive)"
ROBOTSTXT_OBEY = True
# The most of a robots.txt that is read (RFC 9309 2.5: at least 500 KiB); past it, ignored.
ROBOTSTXT_MAXSIZE = 500 * 1024

# One request at a time, a delay between them, slower still when the server slows down.
CONCURRENT_REQUESTS = 4
CONCURRENT_REQUESTS_PER_DOMAIN = 1
DOWNLOAD_DELAY = 2.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 2.0
AUTOTHROTTLE_MAX_DELAY = 60.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 60
# Old IIS servers answer 500/502/503 under load: retry them, and 429, waiting before each retry
# as Retry-After asks, or 1, 2, 4, 8 s (portscraper/crawl/retry.py). A server that asks for more
# than
# RETRY_AFTER_MAX seconds is left to the next run.
RETRY_TIMES = 4
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
RETRY_BACKOFF_BASE = 1.0
RETRY_BACKOFF_MAX = 60.0
RETRY_AFTER_MAX = 120.0
# These sites are small; a page of more than 10 MB is not an article.
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024

# Requests go out as the site links them; two that ask for the same page (the same canonical
# URL: no session ids, an article's id only) are one request (portscraper/crawl/fingerprint.py).
REQUEST_FINGERPRINTER_CLASS = "portscraper.crawl.fingerprint.KeyFingerprinter"

# Breadth-first (FIFO): lists first, so a crawl cut short has whole sections, not deep corners.
DEPTH_PRIORITY = 1
SCHEDULER_DISK_QUEUE = "scrapy.squeues.PickleFifoDiskQueue"
SCHEDULER_MEMORY_QUEUE = "scrapy.squeues.FifoMemoryQueue"

# News pages need no session. (Scrapy's cookie middleware would also fetch the public-suffix
# list from the internet on its first cookie.)
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"
# One updating line of progress on the terminal (portscraper/runs/progress.py); `portscraper crawl`
# and `portscraper demo` turn it on when stderr is a terminal, never under cron.
PROGRESS = False

# --- the archive ------------------------------------------------------------------------------
# One SQLite archive per group, ARCHIVE_DIR/NAME.db (the registry's `archive` may name another
# file: maoming keeps archive/portnews.db), in a folder Datasette serves: `datasette archive/`.
ARCHIVE_DIR = "archive"
# One file for this crawl instead (-s ARCHIVE_DB=... or --db).
ARCHIVE_DB = None
ITEM_PIPELINES = {
    "portscraper.crawl.pipelines.validate.ValidatePipeline": 100,
    "portscraper.crawl.pipelines.normalize.NormalizePipeline": 200,
    "portscraper.crawl.pipelines.dedupe.DedupePipeline": 300,
    "portscraper.crawl.pipelines.store.StorePipeline": 400,
}
# After decompression (590), before retries (550): the page as the server sent it. Before
# decompression (595): the fetch as received, its payload still content-encoded.
DOWNLOADER_MIDDLEWARES = {
    # Scrapy's offsite filter, with the port (a site is its host and port).
    "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,
    "portscraper.crawl.middlewares.SiteOffsiteMiddleware": 50,
    # robots.txt read to ROBOTSTXT_MAXSIZE before Scrapy's RobotsTxtMiddleware parses it.
    "portscraper.crawl.robots.RobotsTxtSizeMiddleware": 60,
    "portscraper.crawl.middlewares.ReceivedMiddleware": 595,
    "portscraper.crawl.middlewares.SnapshotMiddleware": 580,
    # Before Scrapy's RedirectMiddleware (600) sees a redirect.
    "portscraper.crawl.middlewares.RedirectGuardMiddleware": 610,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "portscraper.crawl.retry.BackoffRetryMiddleware": 550,
}
# Scrapy's HTTP/1.1 handler, recording each exchange's heads as they went over the wire
# (crawl/wire.py): the archive keeps every fetch as received (archive/fetches.py).
DOWNLOAD_HANDLERS = {"http": "portscraper.crawl.wire.RecordingDownloadHandler",
                     "https": "portscraper.crawl.wire.RecordingDownloadHandler"}
# The health monitor judges the run before the crawl record stores the run's row.
EXTENSIONS = {
    # One crawl per archive: the lock ARCHIVE_DB.lock, taken before anything opens the archive.
    "portscraper.runs.extensions.ArchiveLock": 0,
    "portscraper.runs.health.HealthMonitor": 90,
    "portscraper.runs.extensions.CrawlRecord": 100,
    # Off unless PROGRESS is on (a terminal): see below.
    "portscraper.runs.progress.ProgressLine": 200,
}
# Next to the spider: drops requests for what the archive already holds (see incremental.py).
# Furthest from the spider: an exception while a page is processed is a `failures` row (kind
# `error`), whichever callback or middleware raised it (see middlewares.PageErrorMiddleware).
SPIDER_MIDDLEWARES = {"portscraper.crawl.incremental.IncrementalMiddleware": 950,
                      "portscraper.crawl.middlewares.PageErrorMiddleware": 10}
# The most list pages read per section in one run: a pager that lists new articles on every
# page for ever is a trap; the cap reached is said in the summary line.
MAX_LIST_PAGES = 500
# Articles published within this many days are fetched again on every run, so that corrections
# and take-downs are noticed; older ones are not.
RECHECK_DAYS = 30

# --- health check after every run (portscraper/runs/health.py) ------------------------------------
# The least share of a run's articles that must have each field.
HEALTH_MIN_COVERAGE = {"title": 0.95, "published": 0.95, "body": 0.9}
# Bylines: at least this fraction of the archive's own share of articles with a byline.
HEALTH_BYLINE_SHARE = 0.5
HEALTH_MAX_FAILURE_RATE = 0.2
# Coverage is judged only on runs with at least this many articles.
HEALTH_MIN_ITEMS = 5
# Completeness (portscraper/archive/completeness.py): a run whose lists count more articles than the
# archive holds, beyond failures and take-downs that explain it, by more than this, is degraded.
HEALTH_MAX_UNEXPLAINED_GAP = 0

# Page requisites (portscraper/archive/requisites.py): an article's images and attachments and the
# template's stylesheets and images, fetched on the site's hosts with the same politeness, kept
# once per site. False: links only.
FETCH_REQUISITES = True

# The time the run takes as now (ISO 8601, UTC), its clock running on from there; None: the
# machine's clock. Take-downs are judged by it (two answers a day apart): tests set it.
RUN_TIME = None

# --- portscraper ------------------------------------------------------------------------------
# The registry of port groups: a folder of NAME.toml files (portscraper/sites/registry.py); None:
# the
# bundled one, portscraper/sites/groups/.
REGISTRY = None
# The Maoming Port Group's home page, where older crontabs set it: the registry has it
# (portscraper/sites/groups/maoming.toml); this setting, when given, overrides it for maoming only.
MAOMING_BASE_URL = None
# Other host names of the site, whose pages are the same articles: a former address the site
# moved from, or one it is also served at. http and https, and a host with or without "www.",
# are always the same site. The same page at the new address gains a URL; a corrected one
# becomes a revision of the article it was.
SITE_ALIASES: list[str] = []

# Menu labels of news sections, labels never crawled, article id parameters: defaults that
# import and reparse read too, so they live where no Scrapy is.
from portscraper.sites.defaults import (  # noqa: E402
    ARTICLE_ID_PARAMS,  # noqa: F401
    NEWS_SECTIONS,  # noqa: F401
    SKIP_SECTIONS,  # noqa: F401
)
