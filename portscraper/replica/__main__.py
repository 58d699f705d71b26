"""Run the replica site in the foreground: python -m portscraper.replica [--port N] ...

The first line on stdout is exactly "serving http://HOST:PORT/", so that a test fixture or a
demo script can start it with port 0 and read which port it got.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading

from .data import build_site
from .families import FAMILIES
from .server import ReplicaServer


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m portscraper.replica",
                                     description="Serve a local replica of the Maoming Port "
                                                 "Group's old ASP site.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0: any free port")
    parser.add_argument("--layout", choices=["table", "div"], default="table")
    parser.add_argument("--traditional", action="store_true",
                        help="serve the pages converted to Traditional characters")
    parser.add_argument("--seed", type=int, default=2024, help="seed of the site's content")
    parser.add_argument("--family", choices=FAMILIES,
                        help="the same content as another CMS family's site (default: the "
                             "Maoming site's old ASP CMS)")
    args = parser.parse_args(argv)

    server = ReplicaServer(build_site(args.seed), layout=args.layout,
                           script="traditional" if args.traditional else "simplified",
                           host=args.host, port=args.port, family=args.family)
    done = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: done.set())
    url = server.start()
    print(f"serving {url}", flush=True)
    try:
        while not done.wait(0.5):  # a timed wait so signals are handled promptly
            pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
