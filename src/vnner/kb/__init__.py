"""A knowledge base across documents: who held which post when, which documents were cited where.

`vnner kb build` reads extraction outputs into SQLite (sqlite-utils): documents with their
dates (`dates`), bodies by canonical name with every spelling (`posts`), people linked across
documents (`linking`), and resolutions by key with the documents that cite them (`rows`,
`derive`). `queries` answers person/body/document questions as plain dicts; `serve` opens the
database in Datasette. The schema and the linking rules: docs/kb.md.

The names below load on first use: `vnner report` and `vnner show` import `vnner.kb.linking`
without the database side. The build itself is `vnner.kb.build.build`.
"""

from __future__ import annotations

from importlib import import_module

_PUBLIC = {
    "BuildSummary": "vnner.kb.build",
    "KbInputError": "vnner.kb.build",
    "open_kb": "vnner.kb.build",
    "NotAKnowledgeBase": "vnner.kb.schema",
}
__all__ = sorted(_PUBLIC)


def __getattr__(name: str) -> object:
    if name in _PUBLIC:
        return getattr(import_module(_PUBLIC[name]), name)
    raise AttributeError(f"module 'vnner.kb' has no attribute {name!r}")
