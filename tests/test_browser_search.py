"""A user types a two-character word into the articles table's search box, in headless Chromium
(Debian's; .ci/run installs it), and sees the matching articles.

Chromium is driven through the DevTools protocol over a pipe (--remote-debugging-pipe: JSON
messages ending in NUL on fds 3 and 4), which needs nothing beyond the standard library.
Everything stays on 127.0.0.1.
"""

from __future__ import annotations

import json
import os
import re
import select
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.test_datasette import DB_NAME, config_dir, scan_ids

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(not CHROMIUM, reason="chromium is not installed")
TIMEOUT = 60


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def datasette_url(tmp_path):
    directory = config_dir(tmp_path)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "datasette", str(directory), "-h",
                               "127.0.0.1", "-p", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + TIMEOUT
    while True:
        try:
            urllib.request.urlopen(f"{url}/-/versions.json", timeout=2).close()
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                pytest.fail("datasette did not start")
            time.sleep(0.2)
    yield url, directory / f"{DB_NAME}.db"
    server.terminate()
    server.wait(10)


class Browser:
    """Headless Chromium and one page of it, spoken to over the DevTools pipe."""

    def __init__(self, profile: Path):
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()

        def wire_fds():  # in the child: the pipe ends become fds 3 and 4
            os.dup2(to_child_r, 3)
            os.dup2(from_child_w, 4)
            # dup2 onto itself (a pipe end that already is fd 3) keeps close-on-exec.
            os.set_inheritable(3, True)
            os.set_inheritable(4, True)

        self.process = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
             "--no-first-run", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", f"--user-data-dir={profile}", "--remote-debugging-pipe",
             "about:blank"],
            preexec_fn=wire_fds, close_fds=False,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_child_r)
        os.close(from_child_w)
        self._buffer, self._next_id, self.events = b"", 0, []
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.send("Target.attachToTarget", targetId=target,
                                 flatten=True)["sessionId"]
        self.send("Page.enable", session=True)

    def _read_message(self, deadline: float) -> dict:
        while b"\0" not in self._buffer:
            ready, _, _ = select.select([self._from_child], [], [], deadline - time.monotonic())
            if not ready:
                raise TimeoutError("no answer from chromium")
            chunk = os.read(self._from_child, 65536)
            if not chunk:
                raise EOFError("chromium closed the pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method: str, session: bool = False, **params):
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        os.write(self._to_child, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + TIMEOUT
        while True:
            answer = self._read_message(deadline)
            if answer.get("id") == self._next_id:
                if "error" in answer:
                    raise RuntimeError(answer["error"])
                return answer["result"]
            self.events.append(answer)

    def wait_for_load(self) -> None:
        deadline = time.monotonic() + TIMEOUT
        while True:
            if any(e.get("method") == "Page.loadEventFired" for e in self.events):
                self.events.clear()
                return
            self.events.append(self._read_message(deadline))

    def evaluate(self, expression: str):
        result = self.send("Runtime.evaluate", session=True, expression=expression,
                           returnByValue=True)
        return result["result"].get("value")

    def close(self) -> None:
        os.close(self._to_child)
        os.close(self._from_child)
        self.process.terminate()
        self.process.wait(10)


def test_typing_a_two_character_word_finds_the_articles(datasette_url, tmp_path):
    url, db_path = datasette_url
    browser = Browser(tmp_path / "profile")
    try:
        browser.events.clear()
        browser.send("Page.navigate", session=True, url=f"{url}/{DB_NAME}/articles")
        browser.wait_for_load()
        assert browser.evaluate("document.getElementById('_search').focus(); "
                                "document.activeElement.id") == "_search"
        browser.send("Input.insertText", session=True, text="码头")
        for kind in ("keyDown", "keyUp"):
            browser.send("Input.dispatchKeyEvent", session=True, type=kind, key="Enter",
                         code="Enter", windowsVirtualKeyCode=13, text="\r")
        browser.wait_for_load()
        page = json.loads(browser.evaluate("""JSON.stringify({
            url: location.href,
            heading: document.querySelector('h3').textContent,
            ids: [...document.querySelectorAll('td.col-id')].map(td => td.textContent.trim())
        })"""))
    finally:
        browser.close()
    assert "_search=%E7%A0%81%E5%A4%B4" in page["url"]
    expected = scan_ids(db_path, "码头")
    assert int(re.search(r"[\d,]+", page["heading"]).group(0).replace(",", "")) == len(expected)
    shown = {int(i) for i in page["ids"]}
    assert shown and shown <= expected
    assert len(shown) == min(len(expected), 50)  # settings.json: 50 rows a page
