"""How fast the replica server alone serves pages: a threaded urllib loop, run in its own
process so that it does not share the server's interpreter lock.

    python benchmarks/fetch_loop.py URLS_FILE [--threads 16]

URLS_FILE holds one URL a line. Prints JSON: pages, seconds, pages_per_s, bytes.
"""

from __future__ import annotations

import argparse
import json
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor


def fetch(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return len(response.read())
    except urllib.error.HTTPError as error:  # the replica's 404 and 503 pages are pages too
        return len(error.read())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("urls_file")
    parser.add_argument("--threads", type=int, default=16)
    args = parser.parse_args()
    with open(args.urls_file, encoding="utf-8") as file:
        urls = [line.strip() for line in file if line.strip()]
    started = time.perf_counter()
    with ThreadPoolExecutor(args.threads) as pool:
        sizes = list(pool.map(fetch, urls))
    seconds = time.perf_counter() - started
    print(json.dumps({"pages": len(urls), "seconds": round(seconds, 2),
                      "pages_per_s": round(len(urls) / seconds, 1), "bytes": sum(sizes)}))


if __name__ == "__main__":
    main()
