"""The reading room in a real browser: headless Chromium (Debian's, with CJK fonts; .ci/run
installs both) at 1,400 x 1,000 pixels. A reader types a word into the front page's search box
and reads the results; searches in Simplified and in Traditional show the word marked in each
snippet; an article with a revision shows what changed side by side; the Atom feed reads as a
page. Each asserts what the reader sees, and saves a screenshot in screenshots/ (the README's
"Screenshots"; PORTSCRAPER_SCREENSHOTS names another folder).

Chromium is driven through the DevTools protocol over a pipe (--remote-debugging-pipe: JSON
messages ending in NUL on fds 3 and 4), which needs nothing beyond the standard library.
Everything stays on 127.0.0.1.
"""

from __future__ import annotations

import base64
import json
import os
import select
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from ..room.test_datasette import DB_NAME, config_dir, scan_ids

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(not CHROMIUM, reason="chromium is not installed")
TIMEOUT = 60
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = Path(os.environ.get("PORTSCRAPER_SCREENSHOTS") or ROOT / "screenshots")
WIDTH, HEIGHT = 1400, 1000


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def datasette_url(tmp_path_factory):
    directory = config_dir(tmp_path_factory.mktemp("browser"))
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
        self.send("Emulation.setDeviceMetricsOverride", session=True, width=WIDTH,
                  height=HEIGHT, deviceScaleFactor=1, mobile=False)

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

    def goto(self, url: str) -> None:
        self.events.clear()
        self.send("Page.navigate", session=True, url=url)
        self.wait_for_load()

    def screenshot(self, name: str) -> Path:
        """The viewport as SCREENSHOTS/name.png."""
        data = self.send("Page.captureScreenshot", session=True, format="png")["data"]
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        path.write_bytes(base64.b64decode(data))
        return path

    def evaluate(self, expression: str):
        result = self.send("Runtime.evaluate", session=True, expression=expression,
                           returnByValue=True)
        return result["result"].get("value")

    def close(self) -> None:
        os.close(self._to_child)
        os.close(self._from_child)
        self.process.terminate()
        self.process.wait(10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    browser = Browser(tmp_path_factory.mktemp("chromium") / "profile")
    yield browser
    browser.close()


def press_enter(browser: Browser) -> None:
    browser.events.clear()
    for kind in ("keyDown", "keyUp"):
        browser.send("Input.dispatchKeyEvent", session=True, type=kind, key="Enter",
                     code="Enter", windowsVirtualKeyCode=13, text="\r")
    browser.wait_for_load()


RESULTS_JS = """JSON.stringify({
    url: location.href,
    count: document.querySelector('.portscraper-count strong').textContent,
    ids: [...document.querySelectorAll('.portscraper-result h3 a')].map(
        a => a.getAttribute('href').split('/').pop()),
    marks: [...document.querySelectorAll('.portscraper-snippet mark')].map(m => m.textContent),
    snippets: document.querySelectorAll('.portscraper-snippet').length,
    facets: [...document.querySelectorAll('.portscraper-facet h4')].map(h => h.textContent),
    sql: document.body.innerText.includes('Run SQL') || !!document.querySelector('textarea'),
    width: document.documentElement.scrollWidth
})"""


def test_typing_a_two_character_word_finds_the_articles(datasette_url, browser):
    """On the front page, 码头 typed into the search box and Enter: the results page, with as
    many articles as contain the word, each with a snippet where the word is marked."""
    url, db_path = datasette_url
    browser.goto(f"{url}/")
    front = json.loads(browser.evaluate("""JSON.stringify({
        latest: document.querySelectorAll('.portscraper-latest li').length,
        verdict: document.querySelector('.portscraper-verdict').innerText,
        sections: document.querySelectorAll('.portscraper-archive ul.counts li').length})"""))
    assert front["latest"] == 12 and front["sections"] >= 5 and "Last run" in front["verdict"]
    browser.screenshot("front-page")
    assert browser.evaluate("document.getElementById('front-search').focus(); "
                            "document.activeElement.id") == "front-search"
    browser.send("Input.insertText", session=True, text="码头")
    press_enter(browser)
    page = json.loads(browser.evaluate(RESULTS_JS))
    browser.screenshot("search-simplified-码头")
    assert "_search=%E7%A0%81%E5%A4%B4" in page["url"]
    expected = scan_ids(db_path, "码头")
    assert int(page["count"].replace(",", "")) == len(expected)
    shown = {int(i) for i in page["ids"]}
    assert len(shown) == min(len(expected), 50) and shown <= expected  # 50 a page
    assert page["snippets"] == len(shown) and set(page["marks"]) == {"码头", "碼頭"}
    assert page["facets"] == ["section", "year", "byline"] and not page["sql"]
    assert page["width"] <= WIDTH  # nothing wider than the window


def test_a_search_in_traditional_marks_both_scripts(datasette_url, browser):
    url, db_path = datasette_url
    browser.goto(f"{url}/{DB_NAME}/articles?_search=碼頭")
    page = json.loads(browser.evaluate(RESULTS_JS))
    browser.screenshot("search-traditional-碼頭")
    assert int(page["count"]) == len(scan_ids(db_path, "码头"))
    assert set(page["marks"]) == {"码头", "碼頭"} and len(page["marks"]) >= page["snippets"]


def test_an_article_with_a_revision_shows_what_changed(datasette_url, browser):
    url, _ = datasette_url
    browser.goto(f"{url}/{DB_NAME}/articles/1")
    page = json.loads(browser.evaluate("""JSON.stringify({
        title: document.querySelector('.portscraper-article h2').innerText,
        inserted: [...document.querySelectorAll('.portscraper-diff ins')].map(e => e.innerText),
        added: [...document.querySelectorAll('.portscraper-diff tr.added td.after')].map(
            e => e.innerText),
        rawOpen: document.querySelector('details.portscraper-raw-row').open,
        diffTop: document.querySelector('.portscraper-diff').getBoundingClientRect().top
    })"""))
    browser.screenshot("article-with-revision")
    assert page["title"].endswith("（更新）") and "（更新）" in page["inserted"]
    assert page["added"] == ["补记：滚装船靠泊。"]
    assert page["rawOpen"] is False  # the raw row is folded away
    assert page["diffTop"] < HEIGHT  # the change is on the first screen


def test_the_atom_feed_reads_as_a_page(datasette_url, browser):
    url, _ = datasette_url
    browser.goto(f"{url}/{DB_NAME}/latest.atom")
    page = json.loads(browser.evaluate("""JSON.stringify({
        entries: document.getElementsByTagName('entry').length,
        shown: getComputedStyle(document.getElementsByTagName('entry')[0]).display,
        hidden: getComputedStyle(document.getElementsByTagName('id')[0]).display,
        first: document.getElementsByTagName('entry')[0].getElementsByTagName('title')[0]
            .textContent
    })"""))
    browser.screenshot("atom-feed")
    assert page["entries"] == 50 and page["shown"] in ("block", "flex") and page["hidden"] == "none"
    assert page["first"]


def test_an_article_says_how_to_cite_it_on_its_first_screen(datasette_url, browser):
    """The citation block beside the article: its fields and forms, its copy buttons shown
    (the plugin's script ran), on the first screen."""
    url, _ = datasette_url
    browser.goto(f"{url}/{DB_NAME}/articles/2")
    page = json.loads(browser.evaluate("""JSON.stringify({
        fields: [...document.querySelectorAll('.portscraper-citation dt')].map(e => e.innerText),
        buttons: [...document.querySelectorAll('.portscraper-citation button')].filter(
            b => !b.hidden).length,
        text: document.getElementById('cite-text').innerText,
        top: document.querySelector('.portscraper-citation').getBoundingClientRect().top
    })"""))
    browser.screenshot("article-citation")
    assert page["fields"] == ["Title", "Publisher", "Date", "Section", "Original URL",
                              "Archived at", "Snapshot sha256", "Permalink"]
    assert page["buttons"] == 3 and "Press release." in page["text"]
    assert page["top"] < HEIGHT


def test_the_changes_page_and_the_run_report_read_in_words(datasette_url, browser):
    url, _ = datasette_url
    browser.goto(f"{url}/{DB_NAME}/changes")
    changes = json.loads(browser.evaluate("""JSON.stringify({
        kinds: [...document.querySelectorAll('.portscraper-change .kind')].map(e => e.innerText),
        inserted: [...document.querySelectorAll('.portscraper-change ins')].map(e => e.innerText)
    })"""))
    browser.screenshot("changes")
    assert changes["kinds"] == ["Revised"] and "（更新）" in changes["inserted"]
    browser.goto(f"{url}/{DB_NAME}/last_crawl")
    report = browser.evaluate("document.querySelector('.portscraper-run').innerText")
    browser.screenshot("run-report")
    assert "What it did" in report and "Articles: " in report and "{" not in report
