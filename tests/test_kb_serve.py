"""`vnner kb serve`: the real Datasette server, pages loaded in headless Chromium (scripts/test.sh installs it)."""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from kb_support import promoted, resolution_spellings, two_provinces, write

from vnner.kb.build import build

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.slow


class Cells(HTMLParser):
    """The text of every table cell of a page, by its Datasette column class ("col-person")."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict[str, str]] = []
        self._column: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append({})
        if tag == "td":
            classes = dict(attrs).get("class") or ""
            self._column = next((c[4:] for c in classes.split() if c.startswith("col-")), None)

    def handle_endtag(self, tag):
        if tag == "td":
            self._column = None

    def handle_data(self, data):
        if self._column and self.rows:
            row = self.rows[-1]
            row[self._column] = (row.get(self._column, "") + data).strip()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def dump_dom(url: str, profile) -> str:
    if not os.path.exists(CHROMIUM):
        pytest.fail("no chromium: install it (apt-get install -y chromium), as scripts/test.sh does")
    proc = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={profile}",
            "--dump-dom",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


def rows_of(page: str) -> list[dict[str, str]]:
    parser = Cells()
    parser.feed(page)
    return [r for r in parser.rows if r]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("serve")
    db = tmp / "kb.db"
    build([write(tmp / "out.jsonl", promoted() + two_provinces() + resolution_spellings())], db)
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "vnner", "kb", "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}/kb"
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"vnner kb serve did not start: {proc.communicate()[0]}")
            time.sleep(0.2)
    yield base, tmp / "chromium-profile"
    proc.send_signal(signal.SIGINT)
    try:
        output = proc.communicate(timeout=20)[0]
    except subprocess.TimeoutExpired:
        proc.kill()
        output = proc.communicate()[0]
    assert f"serving {db} at http://127.0.0.1:{port}/kb" in output
    assert "Traceback" not in output


def test_a_person_with_their_posts(server):
    base, profile = server
    page = dump_dom(f"{base}/people_posts?person={quote('Lê Hồng Vinh')}", profile)
    assert "People with their posts" in page
    assert [(r["person"], r["title"], r["body"], r["first_seen"]) for r in rows_of(page)] == [
        ("Lê Hồng Vinh", "Phó Chủ tịch", "Ủy ban nhân dân tỉnh Nghệ An", "2023-03-05"),
        ("Lê Hồng Vinh", "Chủ tịch", "Ủy ban nhân dân tỉnh Nghệ An", "2024-06-12"),
    ]
    facets = re.findall(r'class="facet-info facet-kb-people_posts-(\w+)"', page)
    assert sorted(facets) == ["body", "provinces", "title"]


def test_a_body_with_its_post_holders_over_time(server):
    base, profile = server
    page = dump_dom(f"{base}/body_holders?body={quote('Ủy ban nhân dân tỉnh Ninh Bình')}", profile)
    assert [(r["body"], r["title"], r["person"], r["first_seen"]) for r in rows_of(page)] == [
        ("Ủy ban nhân dân tỉnh Ninh Bình", "Phó Chủ tịch", "Trần Văn Hải", "2024-04-09")
    ]


def test_the_canned_person_query_shows_two_people_of_one_name(server):
    base, profile = server
    page = dump_dom(f"{base}/person?name={quote('Trần Văn Hải')}", profile)
    assert "A person&#39;s posts" in page or "A person's posts" in page
    found = [(r["person"], r["body"]) for r in rows_of(page)]
    assert found == [
        ("Trần Văn Hải", "Ủy ban nhân dân tỉnh Hà Nam"),
        ("Trần Văn Hải", "Ủy ban nhân dân tỉnh Ninh Bình"),
    ]
    assert len({r["person_id"] for r in rows_of(page)}) == 2


def test_documents_cited_with_both_spellings(server):
    base, profile = server
    page = dump_dom(f"{base}/documents_cited?key={quote('nghị quyết|57-nq/tw')}", profile)
    assert [(r["document"], r["date"], r["spelling"]) for r in rows_of(page)] == [
        ("nq57-full", "2025-02-03", "Nghị quyết số 57-NQ/TW"),
        ("nq57-short", "2025-03-10", "Nghị quyết 57"),
    ]


def test_the_database_page_lists_the_views_and_queries(server):
    base, profile = server
    page = dump_dom(base, profile)
    for title in ("people_posts", "body_holders", "documents_cited", "A person", "post-holders over time"):
        assert title in page
    assert "kb_info" not in page  # hidden
