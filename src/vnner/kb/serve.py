"""`vnner kb serve`: the knowledge base in Datasette, on 127.0.0.1 only, read-only.

Datasette shows every table with filters, facets and JSON; the metadata here adds titles, the
facets that answer the usual questions (posts by title and body, citations by resolution, month
and province) and three canned queries with a text box each: a person's posts, a body's
post-holders over time, the documents that cite a resolution.
"""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path

from vnner.kb.build import open_kb
from vnner.kb.derive import TOUCHED

HOST = "127.0.0.1"
PORT = 8001


class PortInUse(OSError):
    """The port is taken; the message says which option picks another."""


def metadata(name: str) -> dict:
    """Datasette metadata for a knowledge base served as database `name` (the file's stem)."""
    return {
        "title": "vnner knowledge base",
        "description": (
            "Who held which post when, which bodies, which documents were cited where: built by "
            "`vnner kb build` from `vnner extract` output. How people are linked: docs/kb.md."
        ),
        "databases": {
            name: {
                "tables": {
                    "people_posts": {
                        "title": "People with their posts",
                        "description": "One row per post of a linked person, in date order.",
                        "facets": ["title", "body", {"array": "provinces"}],
                    },
                    "body_holders": {
                        "title": "Bodies with their post-holders over time",
                        "description": "Who held which post in which body, first and last seen.",
                        "facets": ["body", "title", "province"],
                    },
                    "documents_cited": {
                        "title": "Documents cited",
                        "description": "Every citation of a resolution with the citing document's date and province.",
                        "facets": ["key", "month", "province", "type"],
                    },
                    "people": {"label_column": "name", "facets": [{"array": "provinces"}]},
                    "bodies": {"label_column": "canonical", "facets": ["province", "scope"]},
                    "resolutions": {"label_column": "key", "facets": ["type", "issuer"]},
                    "documents": {"label_column": "title", "facets": ["date_source", "province"]},
                    **{name: {"hidden": True} for name in ("kb_info", *TOUCHED)},
                },
                "queries": {
                    "person": {
                        "title": "A person's posts",
                        "description": "Every person whose name contains the text, with their posts in date order.",
                        "sql": (
                            "SELECT person, title, body, first_seen, last_seen, documents, person_id "
                            "FROM people_posts WHERE person LIKE '%' || :name || '%'"
                        ),
                    },
                    "body": {
                        "title": "A body's post-holders over time",
                        "description": "Bodies whose canonical name contains the text, with who held which post.",
                        "sql": (
                            "SELECT body, title, person, first_seen, last_seen, documents "
                            "FROM body_holders WHERE body LIKE '%' || :body || '%'"
                        ),
                    },
                    "cited": {
                        "title": "Documents that cite a resolution",
                        "description": "By key, e.g. nghị quyết|57-nq/tw (vnner kb document TEXT prints the key).",
                        "sql": (
                            "SELECT key, document, date, month, province, spelling "
                            "FROM documents_cited WHERE key LIKE '%' || :key || '%'"
                        ),
                    },
                },
            }
        },
    }


def datasette_app(db_path: str | Path):
    """A Datasette instance over the knowledge base (checked first: NotAKnowledgeBase, FileNotFoundError)."""
    from datasette.app import Datasette

    open_kb(db_path).close()
    path = Path(db_path)
    return Datasette([str(path)], metadata=metadata(path.stem), settings={"facet_time_limit_ms": 1000})


def check_port(host: str, port: int) -> None:
    """PortInUse unless port can be bound on host."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError:
            raise PortInUse(f"port {port} on {host} is in use: give another with --port") from None


def serve(db_path: str | Path, port: int = PORT, host: str = HOST) -> None:
    """Serve the knowledge base until interrupted (Ctrl+C)."""
    import uvicorn

    ds = datasette_app(db_path)
    check_port(host, port)
    loop = asyncio.new_event_loop()
    try:
        loop.run_until_complete(ds.invoke_startup())
    finally:
        loop.close()
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning", lifespan="on")
