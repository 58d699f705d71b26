"""Peak memory of `portscraper import` on a gzip bomb: one record whose gzip-encoded payload
inflates to BOMB_MB (default 1024) of zeros, imported with the default size limit (10 MB).
Issue 25 measured 3.2 GB before bodies were inflated to a bound.

    python benchmarks/bench_import_bomb.py [BOMB_MB]     prints the file's size, the exit
                                                         code, the peak RSS (ru_maxrss)
"""

from __future__ import annotations

import gzip
import resource
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path


def bomb(megabytes: int) -> bytes:
    """A gzip member of `megabytes` MB of zeros, compressed a block at a time (never held)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = b"\0" * (1024 * 1024)
    return b"".join(compressor.compress(block) for _ in range(megabytes)) + compressor.flush()


def main() -> None:
    megabytes = int(sys.argv[1]) if len(sys.argv) > 1 else 1024
    payload = bomb(megabytes)
    block = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n"
             b"Content-Length: %d\r\n\r\n" % len(payload)) + payload
    head = (b"WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-"
            b"8000-000000000001>\r\nWARC-Date: 2024-05-01T08:00:00Z\r\nWARC-Target-URI: "
            b"http://127.0.0.1:18081/bomb.html\r\nContent-Type: application/http; "
            b"msgtype=response\r\nContent-Length: %d\r\n\r\n" % len(block))
    with tempfile.TemporaryDirectory() as tmp:
        warc = Path(tmp) / "bomb.warc.gz"
        warc.write_bytes(gzip.compress(head + block + b"\r\n\r\n"))
        done = subprocess.run([sys.executable, "-m", "portscraper.cli", "import", str(warc),
                               "--db", str(Path(tmp) / "a.db")], capture_output=True,
                              text=True, timeout=600)
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"bomb of {megabytes} MB inflated, {warc.stat().st_size / 1024:.0f} KB on disk: "
              f"exit {done.returncode}, peak RSS {peak:.0f} MB")
        print(done.stdout.strip().splitlines()[0] if done.stdout else done.stderr.strip())


if __name__ == "__main__":
    main()
