"""Child processes that tests start: each is waited for with a limit, and its output is read
while it runs, so that no test can hang on a child (issue 20).

A child that writes more than a pipe holds (64 KB on Linux) blocks until someone reads the pipe;
a test that only polls the archive meanwhile waits for ever. Here the output goes to files, which
never fill, and every wait has a deadline after which the child is killed and the test fails.
"""

from __future__ import annotations

import os
import select
import subprocess
import tempfile
import time
from collections.abc import Callable

# The longest a test waits for a child to reach a state or to end, in seconds. Generous: a crawl
# of the replica takes 5-20 s on a loaded 2-core machine.
LIMIT = 120.0


class Child:
    """A process started by a test: `cmd` run with its stdout and stderr in temporary files."""

    def __init__(self, cmd: list[str], **popen_args) -> None:
        self.out = tempfile.TemporaryFile()
        self.err = tempfile.TemporaryFile()
        self.process = subprocess.Popen(cmd, stdout=self.out, stderr=self.err, **popen_args)

    def poll(self) -> int | None:
        return self.process.poll()

    def send_signal(self, sig: int) -> None:
        self.process.send_signal(sig)

    def wait_until(self, condition: Callable[[], bool], limit: float = LIMIT,
                   step: float = 0.005) -> bool:
        """Poll `condition` every `step` seconds until it holds (True) or the child ends
        (False). Past `limit` seconds the child is killed and AssertionError raised."""
        deadline = time.monotonic() + limit
        while self.process.poll() is None:
            if condition():
                return True
            if time.monotonic() > deadline:
                self.process.kill()
                self.process.wait(10)
                raise AssertionError(f"no change in {limit:.0f} s: {self.output()[1][-2000:]}")
            time.sleep(step)
        return False

    def finish(self, limit: float = LIMIT) -> tuple[int, str, str]:
        """(exit code, stdout, stderr) once the child ends; killed after `limit` seconds, and
        then AssertionError."""
        try:
            code = self.process.wait(limit)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)
            raise AssertionError(f"did not end in {limit:.0f} s: "
                                 f"{self.output()[1][-2000:]}") from None
        return (code, *self.output())

    def output(self) -> tuple[str, str]:
        texts = []
        for stream in (self.out, self.err):
            stream.seek(0)
            texts.append(stream.read().decode("utf-8", "replace"))
        return texts[0], texts[1]


def read_line(stream, limit: float = 30.0) -> str:
    """The next line a child writes to the pipe `stream` (a text-mode Popen.stdout), waiting at
    most `limit` seconds for it to start: AssertionError when nothing comes."""
    ready, _, _ = select.select([stream], [], [], limit)
    if not ready:
        raise AssertionError(f"the child printed nothing in {limit:.0f} s")
    return stream.readline()


def read_until_closed(fd: int, limit: float = 300.0) -> bytes:
    """Everything written to the file descriptor `fd` (a pty's main side) until the other end
    closes it; AssertionError after `limit` seconds."""
    deadline = time.monotonic() + limit
    shown = b""
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise AssertionError(f"still writing after {limit:.0f} s: {shown[-2000:]!r}")
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the other end is closed: the process has ended
            return shown
        if not chunk:
            return shown
        shown += chunk
