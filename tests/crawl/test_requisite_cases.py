"""Requisites in every case the docs promise about (docs/crawling.md, docs/guarantees.md: "An
archived page looks as it did, and its files outlive the site"), over two crawls of one small
site: an image kept, one on another host (a link only, never fetched), one robots.txt bars
(never fetched, counted as barred), one over the size limit and one that answers 404 (recorded,
not lost, not asked for again), and one that answers 503 in the first crawl (a page lost, the
run degraded) and 200 in the second (asked for again, kept). The second crawl asks for no file
the archive keeps."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import date, timedelta

from ..conftest import run_crawl
from ..sitekit import PARAS, StaticSite, article_page, home_page, list_page

PHOTO = "GIF89a-a photo of the quay"
LATER = "GIF89a-a photo that was down at first"
SIZE_LIMIT = 20000  # DOWNLOAD_MAXSIZE in bytes: the pages are far smaller, big.jpg larger
BIG = "GIF89a" + "x" * (SIZE_LIMIT * 2)


def query(db, sql: str, *args) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute(sql, args).fetchall()
    conn.close()
    return rows


def test_requisites_off_site_barred_oversized_missing_and_down(tmp_path):
    db = tmp_path / "archive.db"
    down = [True]

    def flaky(form):
        return (503, "<html><body>Service Unavailable</body></html>") if down else LATER

    elsewhere = StaticSite({"/cdn/far.jpg": PHOTO})
    with elsewhere:
        far = f"http://localhost:{elsewhere.url.rsplit(':', 1)[1].strip('/')}/cdn/far.jpg"
        pictures = "".join(f'<img src="{src}">' for src in (
            "/pic/ok.jpg", far, "/private/secret.jpg", "/pic/big.jpg", "/pic/missing.jpg",
            "/pic/flaky.jpg"))
        title = "南港集团召开2022年度安全生产工作会议"
        # A recent article (inside RECHECK_DAYS: fetched again by the second crawl) showing
        # the kept photo again.
        recent, day = "南港码头完成岸桥年度检修工作", (date.today() - timedelta(days=2)).isoformat()
        routes = {
            "/robots.txt": "User-agent: *\nDisallow: /private/\n",
            "/": home_page(),
            "/list.asp?lb=2": list_page([("view.asp?id=12", recent, day),
                                         ("view.asp?id=11", title, "2022-11-03")]),
            "/view.asp?id=11": article_page(title, "2022-11-03", [*PARAS, pictures]),
            "/view.asp?id=12": article_page(recent, day, [*PARAS, '<img src="/pic/ok.jpg">']),
            "/pic/ok.jpg": PHOTO, "/private/secret.jpg": PHOTO, "/pic/big.jpg": BIG,
            "/pic/flaky.jpg": flaky,
        }  # /pic/missing.jpg: no route, 404
        settings = {"DOWNLOAD_MAXSIZE": str(SIZE_LIMIT), "DOWNLOAD_WARNSIZE": "0"}
        with StaticSite(routes) as site:
            _, log = run_crawl(tmp_path, f"base_url={site.url}", settings=settings,
                               verdict="degraded")
            summary = log.strip().splitlines()[-1]
            # The 503 is the one page lost; the barred file is said apart; the 404 and the
            # file over the size limit are recorded, not lost.
            assert " 1 page lost, 1 barred by robots.txt, " in summary, summary
            first = list(site.requests)
            assert "GET /private/secret.jpg" not in first
            assert first.count("GET /pic/ok.jpg") == 1 and "GET /pic/missing.jpg" in first
            assert first.count("GET /pic/flaky.jpg") == 5  # RETRY_TIMES 4: five answers
            failures = dict(query(db, "SELECT url, reason FROM failures"))
            assert set(failures) == {f"{site.url}pic/flaky.jpg", f"{site.url}pic/big.jpg",
                                     f"{site.url}pic/missing.jpg",
                                     f"{site.url}private/secret.jpg"}, failures
            assert "size limit" in failures[f"{site.url}pic/big.jpg"]
            assert failures[f"{site.url}pic/missing.jpg"].startswith("HTTP 404")
            assert failures[f"{site.url}pic/flaky.jpg"].startswith("HTTP 503")

            down.clear()
            site.requests.clear()
            _, log = run_crawl(tmp_path, f"base_url={site.url}", settings=settings)
            second = list(site.requests)
            assert "GET /view.asp?id=12" in second  # the recent article, rechecked
            assert "GET /pic/flaky.jpg" in second  # lost to a passing fault: asked again
            for kept_or_not_to_be_had in ("ok", "big", "missing"):
                assert f"GET /pic/{kept_or_not_to_be_had}.jpg" not in second, second
            assert "GET /private/secret.jpg" not in second
        assert elsewhere.requests == []  # another host: a link, never fetched
    kept = dict(query(db, "SELECT r.url, s.sha256 FROM requisites r JOIN snapshots s "
                          "ON s.id = r.snapshot_id"))
    assert kept == {f"{site.url}pic/ok.jpg": hashlib.sha256(PHOTO.encode()).hexdigest(),
                    f"{site.url}pic/flaky.jpg": hashlib.sha256(LATER.encode()).hexdigest()}
    # The article links every picture it shows, the off-site one as a link only.
    linked = {url for (url,) in query(db, "SELECT url FROM article_requisites")}
    assert far in linked and f"{site.url}pic/ok.jpg" in linked
